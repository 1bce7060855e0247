import { sql, type Kysely } from 'kysely';

// Events (convictions), their offences and sentences with requirements: the current event's offence
// category and dates feed OGRS3, and the current sentences decide the tier's mandate for change.
// The offence list and its mapping to the OGRS3 categories are data, so a correction is an update.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE offences (
  code text PRIMARY KEY,
  description text NOT NULL,
  ogrs3_category text NOT NULL CHECK (ogrs3_category IN ('violence', 'robbery', 'public_order', 'sexual_not_child', 'sexual_child',
    'soliciting', 'burglary_domestic', 'burglary_other', 'theft_non_motor', 'handling', 'fraud_forgery', 'absconding_bail',
    'taking_driving_away', 'theft_from_vehicle', 'other_motoring', 'drink_driving', 'criminal_damage',
    'drug_import_export_production', 'drug_possession_supply', 'other')),
  -- Counts towards OVP's violent sanctions (violence, robbery, weapons, arson and the like).
  violent boolean NOT NULL
);

-- restrictive: the requirement only restricts (curfew, exclusion...), so it gives no mandate for change. Unpaid work is
-- not flagged restrictive (as in nDelius) but the tier rules exclude it by type.
CREATE TABLE requirement_types (
  code text PRIMARY KEY,
  name text NOT NULL,
  restrictive boolean NOT NULL,
  description text NOT NULL
);

CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  event_number int NOT NULL CHECK (event_number > 0),
  conviction_date date NOT NULL,
  court text NOT NULL CHECK (length(court) BETWEEN 1 AND 200),
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, event_number)
);
CREATE INDEX events_person ON events (person_id);

CREATE TABLE event_offences (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  event_id bigint NOT NULL REFERENCES events,
  offence_code text NOT NULL REFERENCES offences,
  offence_date date NOT NULL,
  main boolean NOT NULL
);
CREATE UNIQUE INDEX event_offences_one_main ON event_offences (event_id) WHERE main;
CREATE INDEX event_offences_person ON event_offences (person_id);

CREATE TABLE sentences (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  event_id bigint NOT NULL UNIQUE REFERENCES events,
  sentence_type text NOT NULL CHECK (sentence_type IN ('community_order', 'suspended_sentence_order', 'custody')),
  sentenced_on date NOT NULL,
  -- community order: its length; suspended sentence: the operational period; custody: the custodial term.
  length_months int NOT NULL CHECK (length_months > 0),
  custodial_term_months int CHECK (custodial_term_months > 0),
  supervision_months int CHECK (supervision_months > 0),
  release_on date,
  licence_ends_on date,
  expected_end_on date NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'revoked', 'terminated_early')),
  ended_on date,
  end_reason text,
  ended_by int REFERENCES users,
  CHECK ((status = 'active') = (ended_on IS NULL))
);
CREATE INDEX sentences_active ON sentences (person_id) WHERE status = 'active';

CREATE TABLE requirements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  sentence_id bigint NOT NULL REFERENCES sentences,
  requirement_type text NOT NULL REFERENCES requirement_types,
  expected_start_on date NOT NULL,
  expected_end_on date NOT NULL,
  ended_on date,
  UNIQUE (sentence_id, requirement_type)
);
CREATE INDEX requirements_person ON requirements (person_id);

INSERT INTO requirement_types (code, name, restrictive, description) VALUES
  ('unpaid_work', 'Unpaid work', false, 'Work in the community, 40 to 300 hours'),
  ('rehabilitation_activity', 'Rehabilitation activity (RAR)', false, 'Activities and appointments to address needs, up to a set number of days'),
  ('accredited_programme', 'Accredited programme', false, 'A named accredited programme, attended in groups or one to one'),
  ('drug_rehabilitation', 'Drug rehabilitation (DRR)', false, 'Treatment and testing for drug misuse'),
  ('alcohol_treatment', 'Alcohol treatment (ATR)', false, 'Treatment for alcohol dependency'),
  ('mental_health_treatment', 'Mental health treatment (MHTR)', false, 'Treatment by or under a registered practitioner'),
  ('curfew', 'Curfew', true, 'Remain at a place for set hours, usually electronically monitored'),
  ('exclusion', 'Exclusion', true, 'Stay out of a named place or area'),
  ('residence', 'Residence', true, 'Live at a named address'),
  ('prohibited_activity', 'Prohibited activity', true, 'Refrain from a named activity'),
  ('alcohol_abstinence', 'Alcohol abstinence and monitoring', true, 'Abstain from alcohol, monitored by a tag'),
  ('attendance_centre', 'Attendance centre', true, 'Attend a centre for set hours (under 25s)');

INSERT INTO offences (code, ogrs3_category, violent, description) VALUES
  ('VAP-MUR', 'violence', true, 'Murder'),
  ('VAP-MAN', 'violence', true, 'Manslaughter'),
  ('VAP-S18', 'violence', true, 'Wounding or causing grievous bodily harm with intent'),
  ('VAP-S20', 'violence', true, 'Unlawful wounding or inflicting grievous bodily harm'),
  ('VAP-ABH', 'violence', true, 'Assault occasioning actual bodily harm'),
  ('VAP-CAS', 'violence', true, 'Common assault and battery'),
  ('VAP-EMW', 'violence', true, 'Assault on an emergency worker'),
  ('VAP-TTK', 'violence', true, 'Threats to kill'),
  ('VAP-HPF', 'violence', true, 'Harassment putting people in fear of violence'),
  ('VAP-CCB', 'violence', true, 'Controlling or coercive behaviour in an intimate or family relationship'),
  ('VAP-STR', 'violence', true, 'Non-fatal strangulation or suffocation'),
  ('VAP-CRU', 'violence', true, 'Cruelty to a child'),
  ('ROB-ROB', 'robbery', true, 'Robbery'),
  ('ROB-AIR', 'robbery', true, 'Assault with intent to rob'),
  ('POR-AFF', 'public_order', true, 'Affray'),
  ('POR-VDI', 'public_order', true, 'Violent disorder'),
  ('POR-S4', 'public_order', false, 'Using threatening, abusive or insulting words or behaviour'),
  ('POR-S4A', 'public_order', false, 'Intentional harassment, alarm or distress'),
  ('POR-S5', 'public_order', false, 'Harassment, alarm or distress'),
  ('POR-DAD', 'public_order', false, 'Drunk and disorderly in a public place'),
  ('SEX-RAP', 'sexual_not_child', false, 'Rape of a woman or man aged 16 or over'),
  ('SEX-SAS', 'sexual_not_child', false, 'Sexual assault on a person aged 16 or over'),
  ('SEX-EXP', 'sexual_not_child', false, 'Exposure'),
  ('SEX-VOY', 'sexual_not_child', false, 'Voyeurism'),
  ('SEX-RCU', 'sexual_child', false, 'Rape of a child under 13'),
  ('SEX-SAC', 'sexual_child', false, 'Sexual activity with a child'),
  ('SEX-IIC', 'sexual_child', false, 'Making indecent photographs of children'),
  ('SEX-PIC', 'sexual_child', false, 'Possession of indecent photographs of a child'),
  ('SOL-LOI', 'soliciting', false, 'Loitering or soliciting for the purposes of prostitution'),
  ('SOL-KRB', 'soliciting', false, 'Soliciting another person for sexual services (kerb crawling)'),
  ('BUR-DWL', 'burglary_domestic', false, 'Burglary of a dwelling'),
  ('BUR-AGD', 'burglary_domestic', true, 'Aggravated burglary of a dwelling'),
  ('BUR-OTH', 'burglary_other', false, 'Burglary of a building other than a dwelling'),
  ('BUR-GEQ', 'burglary_other', false, 'Going equipped for burglary or theft'),
  ('THF-SHP', 'theft_non_motor', false, 'Theft from a shop'),
  ('THF-PER', 'theft_non_motor', false, 'Theft from the person'),
  ('THF-EMP', 'theft_non_motor', false, 'Theft by an employee'),
  ('THF-OTH', 'theft_non_motor', false, 'Theft (other)'),
  ('THF-MOP', 'theft_non_motor', false, 'Making off without payment'),
  ('HAN-HSG', 'handling', false, 'Handling stolen goods'),
  ('HAN-RSG', 'handling', false, 'Retaining stolen goods'),
  ('FRD-FRP', 'fraud_forgery', false, 'Fraud by false representation'),
  ('FRD-ART', 'fraud_forgery', false, 'Possession of articles for use in fraud'),
  ('FRD-FOR', 'fraud_forgery', false, 'Using a false instrument (forgery)'),
  ('FRD-BEN', 'fraud_forgery', false, 'Dishonest representation for obtaining benefit'),
  ('ABS-FTS', 'absconding_bail', false, 'Failing to surrender to custody at the appointed time'),
  ('ABS-ESC', 'absconding_bail', false, 'Escape from lawful custody'),
  ('TDA-TWC', 'taking_driving_away', false, 'Taking a motor vehicle without consent'),
  ('TDA-AGG', 'taking_driving_away', false, 'Aggravated vehicle taking'),
  ('TDA-CAR', 'taking_driving_away', false, 'Allowing oneself to be carried in a vehicle taken without consent'),
  ('TDA-TMV', 'taking_driving_away', false, 'Theft of a motor vehicle'),
  ('TFV-TFM', 'theft_from_vehicle', false, 'Theft from a motor vehicle'),
  ('TFV-INT', 'theft_from_vehicle', false, 'Vehicle interference'),
  ('MOT-DWD', 'other_motoring', false, 'Driving while disqualified'),
  ('MOT-NOI', 'other_motoring', false, 'Using a motor vehicle without insurance'),
  ('MOT-DAN', 'other_motoring', false, 'Dangerous driving'),
  ('MOT-CAR', 'other_motoring', false, 'Careless and inconsiderate driving'),
  ('MOT-NOL', 'other_motoring', false, 'Driving otherwise than in accordance with a licence'),
  ('DRD-EXA', 'drink_driving', false, 'Driving a motor vehicle with excess alcohol'),
  ('DRD-UFD', 'drink_driving', false, 'Driving while unfit through drink or drugs'),
  ('DRD-SPC', 'drink_driving', false, 'Failing to provide a specimen for analysis'),
  ('DRD-ICH', 'drink_driving', false, 'In charge of a motor vehicle with excess alcohol'),
  ('DRD-DRG', 'drink_driving', false, 'Driving with a concentration of a specified controlled drug above the limit'),
  ('CDA-CDA', 'criminal_damage', false, 'Criminal damage'),
  ('CDA-ARS', 'criminal_damage', true, 'Arson'),
  ('CDA-RAC', 'criminal_damage', false, 'Racially or religiously aggravated criminal damage'),
  ('CDA-THR', 'criminal_damage', false, 'Threats to destroy or damage property'),
  ('DIP-PRD', 'drug_import_export_production', false, 'Production of a controlled drug'),
  ('DIP-CUL', 'drug_import_export_production', false, 'Cultivation of cannabis plants'),
  ('DIP-IMP', 'drug_import_export_production', false, 'Importation of a controlled drug'),
  ('DPS-POS', 'drug_possession_supply', false, 'Possession of a controlled drug'),
  ('DPS-PWI', 'drug_possession_supply', false, 'Possession of a controlled drug with intent to supply'),
  ('DPS-SUP', 'drug_possession_supply', false, 'Supplying or offering to supply a controlled drug'),
  ('OTH-BLA', 'other', true, 'Possession of a bladed article in a public place'),
  ('OTH-OFW', 'other', true, 'Possession of an offensive weapon in a public place'),
  ('OTH-FIR', 'other', true, 'Possession of a firearm without a certificate'),
  ('OTH-BRO', 'other', false, 'Breach of a restraining order'),
  ('OTH-PCJ', 'other', false, 'Perverting the course of justice'),
  ('OTH-MCM', 'other', false, 'Sending a malicious communication'),
  ('OTH-WPT', 'other', false, 'Wasting police time'),
  ('OTH-SOR', 'other', false, 'Failing to comply with sex offender notification requirements');
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Events awaiting sentence, requirement details with their units and limits as data, accredited
// programmes, licence dates and licence conditions. The limits are the law's (Sentencing Act 2020 Sch 9,
// as amended by the PCSC Act 2022) or stated policy; the rules in sentencing/requirements.ts read them
// from these rows, so a change in the law is an update, not a release.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
-- The conviction hearing's outcome: sentenced there and then, or adjourned (for a pre-sentence report or
-- another reason) to the next hearing. An event with no sentence row is awaiting sentence.
ALTER TABLE events
  ADD COLUMN outcome text NOT NULL DEFAULT 'sentenced' CHECK (outcome IN ('sentenced', 'adjourned_for_report', 'adjourned')),
  ADD COLUMN next_hearing_on date,
  ADD CONSTRAINT events_adjourned_has_hearing CHECK ((outcome = 'sentenced') OR next_hearing_on IS NOT NULL);
CREATE INDEX events_awaiting ON events (person_id) WHERE outcome <> 'sentenced';

-- unit: what the court specifies a number of (hours, days, sessions); months: periods measured in months.
-- monitoring: none, optional (the court may add it), default (must be imposed unless the court gives a
-- reason not to), required (the requirement is the monitoring).
ALTER TABLE requirement_types
  ADD COLUMN unit text CHECK (unit IN ('hours', 'days', 'sessions')),
  ADD COLUMN min_units int,
  ADD COLUMN max_units int,
  ADD COLUMN max_months int,
  ADD COLUMN complete_within_months int,
  ADD COLUMN needs_consent boolean NOT NULL DEFAULT false,
  ADD COLUMN monitoring text NOT NULL DEFAULT 'none' CHECK (monitoring IN ('none', 'optional', 'default', 'required')),
  ADD COLUMN max_age_at_sentence int,
  ADD COLUMN min_hours_per_day int,
  ADD COLUMN max_hours_per_day int,
  ADD COLUMN max_hours_per_week int,
  ADD COLUMN legal_basis text;

UPDATE requirement_types SET unit = 'hours', min_units = 40, max_units = 300, complete_within_months = 12, legal_basis = 'Sentencing Act 2020 Sch 9 Part 1' WHERE code = 'unpaid_work';
UPDATE requirement_types SET unit = 'days', min_units = 1, max_units = 120, legal_basis = 'Sentencing Act 2020 Sch 9 Part 2 (no statutory maximum; 120 days is this service''s bound against typing errors)' WHERE code = 'rehabilitation_activity';
UPDATE requirement_types SET unit = 'sessions', min_units = 1, max_units = 120, legal_basis = 'Sentencing Act 2020 Sch 9 Part 4' WHERE code = 'accredited_programme';
UPDATE requirement_types SET needs_consent = true, legal_basis = 'Sentencing Act 2020 Sch 9 Part 10' WHERE code = 'drug_rehabilitation';
UPDATE requirement_types SET needs_consent = true, legal_basis = 'Sentencing Act 2020 Sch 9 Part 11' WHERE code = 'alcohol_treatment';
UPDATE requirement_types SET needs_consent = true, legal_basis = 'Sentencing Act 2020 Sch 9 Part 9' WHERE code = 'mental_health_treatment';
UPDATE requirement_types SET max_months = 24, monitoring = 'default', min_hours_per_day = 2, max_hours_per_day = 20, max_hours_per_week = 112,
  legal_basis = 'Sentencing Act 2020 Sch 9 Part 6, as amended by the PCSC Act 2022 (20 hours a day, 112 a week, 2 years)' WHERE code = 'curfew';
UPDATE requirement_types SET max_months = 24, monitoring = 'default', legal_basis = 'Sentencing Act 2020 Sch 9 Part 7' WHERE code = 'exclusion';
UPDATE requirement_types SET legal_basis = 'Sentencing Act 2020 Sch 9 Part 8' WHERE code = 'residence';
UPDATE requirement_types SET legal_basis = 'Sentencing Act 2020 Sch 9 Part 5' WHERE code = 'prohibited_activity';
UPDATE requirement_types SET unit = 'days', min_units = 1, max_units = 120, monitoring = 'required', legal_basis = 'Sentencing Act 2020 Sch 9 Part 12 (up to 120 days)' WHERE code = 'alcohol_abstinence';
UPDATE requirement_types SET unit = 'hours', min_units = 12, max_units = 36, max_age_at_sentence = 24, legal_basis = 'Sentencing Act 2020 Sch 9 Part 13 (people aged under 25)' WHERE code = 'attendance_centre';

CREATE TABLE accredited_programmes (
  code text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  sessions_typical int NOT NULL CHECK (sessions_typical > 0),
  weeks_typical int NOT NULL CHECK (weeks_typical > 0)
);
INSERT INTO accredited_programmes (code, name, description, sessions_typical, weeks_typical) VALUES
  ('TSP', 'Thinking Skills Programme', 'General offending: thinking skills, self-control and problem solving', 19, 10),
  ('BBR', 'Building Better Relationships', 'Intimate partner violence by men', 30, 24),
  ('HORIZON', 'Horizon', 'Medium to high risk sexual offending', 31, 26),
  ('KAIZEN', 'Kaizen', 'High risk violent, sexual or domestic abuse offending', 80, 40),
  ('BNM', 'Becoming New Me+', 'Sexual or violent offending, for people with learning disabilities or challenges', 30, 26),
  ('RESOLVE', 'Resolve', 'Violent offending, medium risk', 25, 13),
  ('NEW_ME', 'New Me Strengths', 'General offending, for people with learning disabilities or challenges', 25, 13);

-- A requirement's details: units (hours, days or sessions, as its type says), the programme, and the rest as
-- validated JSON (treatment months, residential, consent, testing, curfew hours, monitoring, place, address...).
ALTER TABLE requirements
  ADD COLUMN units int CHECK (units > 0),
  ADD COLUMN programme_code text REFERENCES accredited_programmes,
  ADD COLUMN details jsonb NOT NULL DEFAULT '{}';

-- Custody's computed key dates: the conditional release date (a fraction of the term, 0.5 for a standard
-- determinate sentence) and the end of top-up supervision (Offender Rehabilitation Act 2014). The release date
-- and the licence's end stay as recorded from the prison's calculation.
ALTER TABLE sentences
  ADD COLUMN release_fraction numeric(4, 3) CHECK (release_fraction > 0 AND release_fraction <= 1),
  ADD COLUMN conditional_release_on date,
  ADD COLUMN top_up_ends_on date;

CREATE TABLE licence_condition_types (
  code text PRIMARY KEY,
  name text NOT NULL,
  standard boolean NOT NULL,
  -- What the detail must say (a name, a map, an address), or null when the condition needs none.
  detail_label text,
  ordinal int NOT NULL
);
INSERT INTO licence_condition_types (code, name, standard, detail_label, ordinal) VALUES
  ('WELL_BEHAVED', 'Be of good behaviour and not behave in a way which undermines the purpose of the licence period', true, NULL, 1),
  ('NO_OFFENCE', 'Not commit any offence', true, NULL, 2),
  ('KEEP_IN_TOUCH', 'Keep in touch with the supervising officer in accordance with instructions given by the supervising officer', true, NULL, 3),
  ('RECEIVE_VISITS', 'Receive visits from the supervising officer in accordance with instructions given by the supervising officer', true, NULL, 4),
  ('RESIDE_APPROVED', 'Reside permanently at an address approved by the supervising officer and obtain prior permission for any stay of one or more nights at a different address', true, NULL, 5),
  ('APPROVED_WORK', 'Not undertake work, or a particular type of work, unless it is approved by the supervising officer', true, NULL, 6),
  ('NO_TRAVEL', 'Not travel outside the United Kingdom, the Channel Islands or the Isle of Man except with the prior permission of the supervising officer', true, NULL, 7),
  ('NAME_CONTACT', 'Tell the supervising officer if you use a name which is different to the name on your licence, or get a new mobile or landline number', true, NULL, 8),
  ('NON_CONTACT', 'Not to seek to approach or communicate with a named person without the prior approval of the supervising officer', false, 'Who the person may not contact', 101),
  ('EXCLUSION_ZONE', 'Not to enter an exclusion zone without the prior approval of the supervising officer', false, 'The zone (as on the map attached to the licence)', 102),
  ('CURFEW_APPROVED', 'Confine yourself to an address approved by the supervising officer between set hours each day', false, 'The hours of the curfew', 103),
  ('DRUG_TESTING', 'Attend drug testing and provide a sample when instructed', false, NULL, 104),
  ('ALCOHOL_MONITORING', 'Not to consume alcohol, monitored by an electronic tag', false, 'How long the monitoring lasts', 105),
  ('DISCLOSE_RELATIONSHIPS', 'Tell the supervising officer of any developing intimate relationships', false, NULL, 106),
  ('POLYGRAPH', 'Comply with polygraph examinations as instructed by the supervising officer', false, NULL, 107),
  ('RESIDENCY_RESTRICTION', 'Not to reside, even for one night, in the same household as a named person or a child under 18, without approval', false, 'Who the restriction concerns', 108),
  ('NON_ASSOCIATION', 'Not to associate with a named person or group of people without the prior approval of the supervising officer', false, 'The person or group', 109),
  ('ENGAGE_SERVICES', 'Attend appointments with a specified service and engage with it', false, 'The service (for example the local drug and alcohol service)', 110);

CREATE TABLE licence_conditions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  sentence_id bigint NOT NULL REFERENCES sentences,
  condition_code text NOT NULL REFERENCES licence_condition_types,
  detail text CHECK (length(detail) <= 1000),
  UNIQUE (sentence_id, condition_code)
);
CREATE INDEX licence_conditions_person ON licence_conditions (person_id);
`).execute(db);
}

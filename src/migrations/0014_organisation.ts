import { sql, type Kysely } from 'kysely';

// Organisation reference data (issue 6 item 1): the PDUs of the 12 probation regions, offices, the
// specialisms, qualifications, grades and reduction reasons staff profiles draw on.
//
// Source of the PDU names: HMPPS's probation estate reference data, the region onboarding migrations of
// github.com/ministryofjustice/hmpps-probation-estate-api (src/main/resources/db/migration: V1_1 and V1_11
// Wales, V1_5 East of England, V1_14 North East, V1_15 Greater Manchester and North West, V1_17 West
// Midlands, V1_18 South Central, V1_19 and V1_28 London, V1_25 East Midlands, V1_29 South West, V1_59 Kent
// Surrey Sussex, V1_60 Yorkshire and the Humber). Sentence-management PDUs only: the functional units
// there (Public Protection Community, Unpaid Work, "Unallocated") are not PDUs people are supervised in.
// Later re-organisations (for example Staffordshire split into North and South) are for a later migration.
// Codes are ours, <REGION>-<SHORT>; NE-NCL and NE-DUR keep the codes installations already hold.
const PDUS: [region: string, code: string, name: string][] = [
  ['NE', 'NE-DUR', 'County Durham and Darlington'],
  ['NE', 'NE-GST', 'Gateshead and South Tyneside'],
  ['NE', 'NE-NCL', 'Newcastle upon Tyne'],
  ['NE', 'NE-NTN', 'North Tyneside and Northumberland'],
  ['NE', 'NE-RCM', 'Redcar, Cleveland and Middlesbrough'],
  ['NE', 'NE-STH', 'Stockton and Hartlepool'],
  ['NE', 'NE-SUN', 'Sunderland'],
  ['NW', 'NW-BLD', 'Blackburn and Darwen'],
  ['NW', 'NW-CLA', 'Central Lancashire'],
  ['NW', 'NW-CHE', 'Cheshire East'],
  ['NW', 'NW-CHW', 'Cheshire West'],
  ['NW', 'NW-CUM', 'Cumbria'],
  ['NW', 'NW-ELA', 'East Lancashire'],
  ['NW', 'NW-HAW', 'Halton and Warrington'],
  ['NW', 'NW-KSH', 'Knowsley and St Helens'],
  ['NW', 'NW-LVN', 'Liverpool North'],
  ['NW', 'NW-LVS', 'Liverpool South'],
  ['NW', 'NW-NWL', 'North West Lancashire'],
  ['NW', 'NW-SEF', 'Sefton'],
  ['NW', 'NW-WIR', 'Wirral'],
  ['GM', 'GM-BOL', 'Bolton'],
  ['GM', 'GM-BUR', 'Bury and Rochdale'],
  ['GM', 'GM-MCN', 'Manchester North'],
  ['GM', 'GM-MCS', 'Manchester South'],
  ['GM', 'GM-OLD', 'Oldham'],
  ['GM', 'GM-SAL', 'Salford'],
  ['GM', 'GM-STT', 'Stockport and Trafford'],
  ['GM', 'GM-TAM', 'Tameside'],
  ['GM', 'GM-WIG', 'Wigan'],
  ['YH', 'YH-BAR', 'Barnsley and Rotherham'],
  ['YH', 'YH-BRC', 'Bradford and Calderdale'],
  ['YH', 'YH-DON', 'Doncaster'],
  ['YH', 'YH-HER', 'Hull and East Riding'],
  ['YH', 'YH-KIR', 'Kirklees'],
  ['YH', 'YH-LDS', 'Leeds'],
  ['YH', 'YH-NEL', 'North and North East Lincolnshire'],
  ['YH', 'YH-NYK', 'North Yorkshire'],
  ['YH', 'YH-SHF', 'Sheffield'],
  ['YH', 'YH-WAK', 'Wakefield'],
  ['YH', 'YH-YRK', 'York'],
  ['EM', 'EM-DBC', 'Derby City'],
  ['EM', 'EM-DBS', 'Derbyshire'],
  ['EM', 'EM-LLR', 'Leicester, Leicestershire and Rutland'],
  ['EM', 'EM-LIN', 'Lincolnshire East and West'],
  ['EM', 'EM-NTC', 'Nottingham City'],
  ['EM', 'EM-NTS', 'Nottinghamshire'],
  ['WM', 'WM-BCC', 'Birmingham Courts and Centralised Functions'],
  ['WM', 'WM-BCS', 'Birmingham Central and South'],
  ['WM', 'WM-BNS', 'Birmingham North, East and Solihull'],
  ['WM', 'WM-COV', 'Coventry'],
  ['WM', 'WM-DUS', 'Dudley and Sandwell'],
  ['WM', 'WM-HST', 'Herefordshire, Shropshire and Telford'],
  ['WM', 'WM-STS', 'Staffordshire and Stoke'],
  ['WM', 'WM-WAW', 'Walsall and Wolverhampton'],
  ['WM', 'WM-WAR', 'Warwickshire'],
  ['WM', 'WM-WOR', 'Worcestershire'],
  ['EE', 'EE-BED', 'Bedfordshire'],
  ['EE', 'EE-CAM', 'Cambridgeshire and Peterborough'],
  ['EE', 'EE-ESN', 'Essex North'],
  ['EE', 'EE-ESS', 'Essex South'],
  ['EE', 'EE-HER', 'Hertfordshire'],
  ['EE', 'EE-NOR', 'Norfolk'],
  ['EE', 'EE-NTH', 'Northamptonshire'],
  ['EE', 'EE-SUF', 'Suffolk'],
  ['LN', 'LN-BDH', 'Barking and Dagenham and Havering'],
  ['LN', 'LN-BRE', 'Brent'],
  ['LN', 'LN-CAI', 'Camden and Islington'],
  ['LN', 'LN-CRO', 'Croydon'],
  ['LN', 'LN-EAH', 'Ealing and Hillingdon'],
  ['LN', 'LN-ENH', 'Enfield and Haringey'],
  ['LN', 'LN-GRB', 'Greenwich and Bexley'],
  ['LN', 'LN-HAC', 'Hackney and City'],
  ['LN', 'LN-HFK', 'Hammersmith, Fulham, Kensington, Chelsea and Westminster'],
  ['LN', 'LN-HAB', 'Harrow and Barnet'],
  ['LN', 'LN-KRH', 'Kingston, Richmond and Hounslow'],
  ['LN', 'LN-LAM', 'Lambeth'],
  ['LN', 'LN-LEB', 'Lewisham and Bromley'],
  ['LN', 'LN-NEW', 'Newham'],
  ['LN', 'LN-RWF', 'Redbridge and Waltham Forest'],
  ['LN', 'LN-SOU', 'Southwark'],
  ['LN', 'LN-TWH', 'Tower Hamlets'],
  ['LN', 'LN-WMS', 'Wandsworth, Merton and Sutton'],
  ['KSS', 'KSS-BES', 'Brighton and East Sussex'],
  ['KSS', 'KSS-EKT', 'East Kent'],
  ['KSS', 'KSS-SUR', 'Surrey'],
  ['KSS', 'KSS-WKT', 'West Kent'],
  ['KSS', 'KSS-WSX', 'West Sussex'],
  ['SW', 'SW-BNS', 'Bath and North Somerset'],
  ['SW', 'SW-BSG', 'Bristol and South Gloucestershire'],
  ['SW', 'SW-CIS', 'Cornwall and Isles of Scilly'],
  ['SW', 'SW-DEV', 'Devon and Torbay'],
  ['SW', 'SW-DOR', 'Dorset'],
  ['SW', 'SW-GLO', 'Gloucestershire'],
  ['SW', 'SW-PLY', 'Plymouth'],
  ['SW', 'SW-SOM', 'Somerset'],
  ['SW', 'SW-SWW', 'Swindon and Wiltshire'],
  ['SC', 'SC-BMK', 'Buckinghamshire and Milton Keynes'],
  ['SC', 'SC-EBK', 'East Berkshire'],
  ['SC', 'SC-HNE', 'Hampshire North and East'],
  ['SC', 'SC-OXF', 'Oxfordshire'],
  ['SC', 'SC-PIW', 'Portsmouth and Isle of Wight'],
  ['SC', 'SC-SEN', 'Southampton, Eastleigh and New Forest'],
  ['SC', 'SC-WBK', 'West Berkshire'],
  ['WA', 'WA-CAV', 'Cardiff and Vale'],
  ['WA', 'WA-CTM', 'Cwm Taf Morgannwg'],
  ['WA', 'WA-DYP', 'Dyfed-Powys'],
  ['WA', 'WA-GWE', 'Gwent'],
  ['WA', 'WA-NWA', 'North Wales'],
  ['WA', 'WA-SNP', 'Swansea, Neath and Port Talbot'],
];

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO pdus (region_id, code, name)
SELECT r.id, p.code, p.name
FROM (VALUES ${PDUS.map(([region, code, name]) => `(${literal(region)}, ${literal(code)}, ${literal(name)})`).join(',\n  ')}) AS p(region, code, name)
JOIN regions r ON r.code = p.region
ON CONFLICT (code) DO NOTHING;

-- Offices are data: each belongs to a PDU; a team may work from one, a member of staff has a base office.
CREATE TABLE offices (
  id serial PRIMARY KEY,
  pdu_id int NOT NULL REFERENCES pdus,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,30}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address text NOT NULL DEFAULT '',
  postcode text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true
);
CREATE INDEX offices_pdu ON offices (pdu_id);
CREATE TABLE team_offices (
  team_id int PRIMARY KEY REFERENCES teams,
  office_id int NOT NULL REFERENCES offices
);
ALTER TABLE staff_profiles ADD COLUMN base_office_id int REFERENCES offices;

-- Grades as data (users.grade holds the code); case-holding grades have a row in workload_grade_targets.
CREATE TABLE staff_grades (
  code text PRIMARY KEY,
  name text NOT NULL,
  position int NOT NULL
);
INSERT INTO staff_grades (code, name, position) VALUES
  ('PO', 'Probation officer (PO)', 1),
  ('PQiP', 'Trainee probation officer (PQiP learner)', 2),
  ('PSO', 'Probation services officer (PSO)', 3),
  ('SPO', 'Senior probation officer (SPO)', 4),
  ('CA', 'Case administrator', 5);

-- Specialisms: codes are the names the allocation ranking matches (normalised: lower case, underscores).
CREATE TABLE specialisms (
  code text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name text NOT NULL,
  position int NOT NULL
);
INSERT INTO specialisms (code, name, position) VALUES
  ('public_protection', 'Public protection (high and very high RoSH, MAPPA)', 1),
  ('domestic_abuse', 'Domestic abuse', 2),
  ('sexual_offending', 'Sexual offending', 3),
  ('women', 'Women', 4),
  ('young_adults', 'Young adults (18 to 25)', 5),
  ('terrorism', 'Terrorist risk and extremism', 6),
  ('mental_health', 'Mental health', 7),
  ('iom', 'Integrated offender management (IOM)', 8),
  ('court', 'Court work and pre-sentence reports', 9);

CREATE TABLE qualifications (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
  name text NOT NULL,
  position int NOT NULL
);
INSERT INTO qualifications (code, name, position) VALUES
  ('pqip', 'Professional Qualification in Probation (PQiP): Level 6 Graduate Diploma and Level 5 Diploma in Probation Practice', 1),
  ('pqf_l6', 'Probation Qualification Framework: Level 6 Graduate Diploma in Community Justice', 2),
  ('pqf_l5', 'Probation Qualification Framework: Level 5 Diploma in Probation Practice (PSO)', 3),
  ('dipps', 'Diploma in Probation Studies (DipPS)', 4),
  ('cqsw', 'Social work qualification (CQSW or DipSW)', 5),
  ('vq3', 'Level 3 Certificate in Community Justice (PSO)', 6),
  ('arms', 'Trained ARMS assessor (sexual offending risk)', 7),
  ('sara', 'Trained in SARA (spousal assault risk assessment)', 8);

-- Reasons for a workload reduction; the reduction keeps the reason's name as well as its code.
CREATE TABLE reduction_reasons (
  code text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name text NOT NULL,
  position int NOT NULL,
  active boolean NOT NULL DEFAULT true
);
INSERT INTO reduction_reasons (code, name, position) VALUES
  ('protected_caseload', 'Protected caseload (newly qualified)', 1),
  ('trade_union', 'Trade union duties', 2),
  ('training', 'Training', 3),
  ('phased_return', 'Phased return to work', 4),
  ('reasonable_adjustment', 'Reasonable adjustment', 5),
  ('mentoring', 'Mentoring or practice tutor duties', 6),
  ('other', 'Other', 7);
ALTER TABLE workload_reductions ADD COLUMN reason_code text REFERENCES reduction_reasons;
ALTER TABLE workload_reductions ADD COLUMN detail text CHECK (length(detail) <= 500);
`).execute(db);
}

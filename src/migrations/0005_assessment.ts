import { sql, type Kysely } from 'kysely';

// Assessment: permissions for the new case work, predictor scores with their inputs, the tier's every
// calculation, notifications, and cases waiting for a re-allocation review after a change of tier.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'assessments:manage' FROM roles WHERE code IN ('practitioner', 'senior-probation-officer');
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'sentences:manage' FROM roles WHERE code IN ('practitioner', 'senior-probation-officer', 'court-officer');
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'cases:allocate' FROM roles WHERE code = 'senior-probation-officer';

-- Inputs to OGRS3 that the case record does not otherwise hold (from the PNC print), asked once and
-- kept, so no one is asked again and every score can say where its inputs came from.
CREATE TABLE criminal_histories (
  person_id bigint PRIMARY KEY REFERENCES people,
  previous_sanctions int NOT NULL CHECK (previous_sanctions >= 0),
  previous_convictions int CHECK (previous_convictions >= 0),
  violent_sanctions int CHECK (violent_sanctions >= 0),
  first_sanction_date date NOT NULL,
  recorded_by int REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Integrated Offender Management nominals feed the tier's change level.
INSERT INTO registration_types (code, name, colour, review_months, levels, complexity_factor, description) VALUES
  ('iom', 'IOM nominal', 'blue', 6, '{}', NULL, 'Integrated Offender Management nominal, managed with police and partners');

-- Every calculation of a predictor, with its inputs, where each came from, and every term: history is kept.
CREATE TABLE predictor_scores (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  predictor text NOT NULL CHECK (predictor IN ('ogrs3', 'ogp', 'ovp')),
  score int,
  one_year double precision NOT NULL,
  two_year double precision NOT NULL,
  one_year_percent int NOT NULL,
  two_year_percent int NOT NULL,
  band text NOT NULL,
  inputs jsonb NOT NULL,
  sources jsonb NOT NULL,
  terms jsonb NOT NULL,
  reason text NOT NULL,
  calculated_by int REFERENCES users,
  calculated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX predictor_scores_person ON predictor_scores (person_id, predictor, id DESC);

-- Every tier calculation with its inputs and reasons; changed marks the ones that moved the tier.
CREATE TABLE tier_calculations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  tier text NOT NULL,
  protect_level text NOT NULL,
  protect_points int NOT NULL,
  change_level int NOT NULL,
  change_points int NOT NULL,
  result jsonb NOT NULL,
  inputs jsonb NOT NULL,
  sources jsonb NOT NULL,
  previous_tier text,
  changed boolean NOT NULL,
  reason text NOT NULL,
  calculated_by int REFERENCES users,
  calculated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tier_calculations_person ON tier_calculations (person_id, id DESC);

-- Which grade of practitioner may hold a case at each protect level: data, because it is policy.
CREATE TABLE tier_grade_rules (
  protect_level text PRIMARY KEY,
  grades text[] NOT NULL,
  explanation text NOT NULL
);
INSERT INTO tier_grade_rules (protect_level, grades, explanation) VALUES
  ('A', '{SPO,PO}', 'Protect level A cases are held by a probation officer'),
  ('B', '{SPO,PO}', 'Protect level B cases are held by a probation officer'),
  ('C', '{SPO,PO,PSO}', 'Protect level C cases may be held by a probation officer or a PSO'),
  ('D', '{SPO,PO,PSO,PQiP}', 'Protect level D cases may be held by any practitioner');

CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  user_id int NOT NULL REFERENCES users,
  kind text NOT NULL,
  message text NOT NULL,
  link text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_unread ON notifications (user_id, id DESC) WHERE read_at IS NULL;

-- A change of tier that needs a different grade of practitioner puts the case here for its team's manager.
CREATE TABLE reallocation_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  team_id int NOT NULL REFERENCES teams,
  tier_calculation_id bigint NOT NULL REFERENCES tier_calculations,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by int REFERENCES users,
  resolution text
);
CREATE INDEX reallocation_reviews_open ON reallocation_reviews (team_id) WHERE resolved_at IS NULL;
CREATE UNIQUE INDEX reallocation_reviews_one_open ON reallocation_reviews (person_id) WHERE resolved_at IS NULL;
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Staff profiles (contracted hours, qualifications, specialisms), absences, reductions, and the workload
// weights as data (seeded from HMPPS's workload measurement tool; managers may edit them).
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'workload:read' FROM roles WHERE code IN ('senior-probation-officer', 'practitioner', 'admin');
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'workload:manage' FROM roles WHERE code IN ('senior-probation-officer', 'admin');

-- Points per case by case type and tier; young adults (18-24) have their own row.
CREATE TABLE workload_case_weights (
  case_type text NOT NULL CHECK (case_type IN ('community', 'custody', 'licence', 'young_adult')),
  tier text NOT NULL CHECK (tier ~ '^[A-D][0-3]$'),
  points int NOT NULL CHECK (points >= 0),
  PRIMARY KEY (case_type, tier)
);
INSERT INTO workload_case_weights (case_type, tier, points)
SELECT t.case_type, t.tier, t.points
FROM unnest(
  ARRAY['A3','A2','A1','A0','B3','B2','B1','B0','C3','C2','C1','C0','D3','D2','D1','D0'],
  ARRAY[206,158,146,110,146,115,102,72,79,63,50,35,51,41,29,29],
  ARRAY[75,60,59,0,59,48,47,0,30,24,23,0,17,14,13,0],
  ARRAY[219,175,163,0,161,132,119,0,77,65,52,0,51,43,31,0]
) AS w(tier, community, custody, licence),
LATERAL (VALUES ('community', w.tier, w.community), ('custody', w.tier, w.custody),
                ('licence', w.tier, w.licence), ('young_adult', w.tier, w.custody)) AS t(case_type, tier, points);

-- Points per task (reports, ARMS assessments).
CREATE TABLE workload_task_weights (
  task text PRIMARY KEY,
  points int NOT NULL CHECK (points >= 0),
  description text NOT NULL
);
INSERT INTO workload_task_weights (task, points, description) VALUES
  ('standard_report', 138, 'Standard pre-sentence report'),
  ('fast_report', 65, 'Fast (short format) pre-sentence report'),
  ('parole_report', 120, 'Parole report'),
  ('arms_community', 69, 'ARMS sex-offender risk assessment, community case'),
  ('arms_licence', 35, 'ARMS sex-offender risk assessment, licence case');

-- Points available to a full-time practitioner of each grade. HMPPS publishes one nominal target
-- (2,176 for 37 hours); grade-specific targets are not in its open data, so every grade is seeded with it.
CREATE TABLE workload_grade_targets (
  grade text PRIMARY KEY,
  points int NOT NULL CHECK (points >= 0),
  full_time_hours numeric(4,1) NOT NULL DEFAULT 37 CHECK (full_time_hours > 0),
  source text NOT NULL
);
INSERT INTO workload_grade_targets (grade, points, source) VALUES
  ('PO', 2176, 'HMPPS workload measurement tool nominal target'),
  ('PSO', 2176, 'Nominal target (no grade-specific value published)'),
  ('PQiP', 2176, 'Nominal target (no grade-specific value published); trainees also get reductions'),
  ('SPO', 2176, 'Nominal target (no grade-specific value published)');

CREATE TABLE staff_profiles (
  user_id int PRIMARY KEY REFERENCES users,
  contracted_hours numeric(4,1) NOT NULL DEFAULT 37 CHECK (contracted_hours >= 0 AND contracted_hours <= 60),
  qualified_on date,
  qualifications text[] NOT NULL DEFAULT '{}',
  specialisms text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE staff_absences (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id int NOT NULL REFERENCES users,
  kind text NOT NULL CHECK (kind IN ('leave', 'training', 'sickness', 'other')),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  recorded_by int REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_absences_user ON staff_absences (user_id, ends_on);

CREATE TABLE workload_reductions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id int NOT NULL REFERENCES users,
  hours numeric(4,1) NOT NULL CHECK (hours > 0),
  reason text NOT NULL,
  starts_on date NOT NULL,
  ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
  recorded_by int REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workload_reductions_user ON workload_reductions (user_id);
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Registrations (risk flags): typed flags on a case with levels, review dates, reviews and
// de-registration. Types are rows, so a new flag is an insert; complexity_factor links a type to the
// tiering rule it feeds.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE registration_types (
  code text PRIMARY KEY,
  name text NOT NULL,
  colour text NOT NULL CHECK (colour IN ('red', 'orange', 'yellow', 'purple', 'blue', 'grey')),
  review_months int NOT NULL CHECK (review_months BETWEEN 1 AND 24),
  levels text[] NOT NULL DEFAULT '{}',
  complexity_factor text,
  description text NOT NULL DEFAULT ''
);

CREATE TABLE registrations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  type_code text NOT NULL REFERENCES registration_types,
  level text,
  notes text NOT NULL DEFAULT '',
  registered_on date NOT NULL,
  next_review_on date,
  registered_by int REFERENCES users,
  deregistered_on date,
  deregistration_reason text,
  deregistered_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registrations_person ON registrations (person_id) WHERE deregistered_on IS NULL;
CREATE INDEX registrations_review ON registrations (next_review_on) WHERE deregistered_on IS NULL;

CREATE TABLE registration_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  registration_id bigint NOT NULL REFERENCES registrations,
  reviewed_on date NOT NULL,
  notes text NOT NULL,
  next_review_on date,
  reviewed_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registration_reviews_registration ON registration_reviews (registration_id);

INSERT INTO registration_types (code, name, colour, review_months, levels, complexity_factor, description) VALUES
  ('rosh_very_high', 'Very high RoSH', 'red', 3, '{}', NULL, 'Very high risk of serious harm'),
  ('rosh_high', 'High RoSH', 'red', 6, '{}', NULL, 'High risk of serious harm'),
  ('mappa', 'MAPPA', 'red', 6, '{"Level 1","Level 2","Level 3"}', NULL, 'Managed under multi-agency public protection arrangements'),
  ('visor', 'ViSOR nominal', 'red', 12, '{}', NULL, 'Recorded on ViSOR'),
  ('risk_to_staff', 'Risk to staff', 'red', 6, '{}', NULL, 'Take precautions before meeting'),
  ('weapons', 'Weapons', 'red', 6, '{}', NULL, 'History of carrying or using weapons'),
  ('child_protection', 'Child protection', 'orange', 6, '{}', 'child_protection', 'A child protection plan names this person'),
  ('child_concerns', 'Child concerns', 'orange', 6, '{}', 'child_concerns', 'Concerns about children in contact with this person'),
  ('risk_to_children', 'Risk to children', 'orange', 6, '{}', 'risk_to_children', ''),
  ('domestic_abuse_perpetrator', 'Domestic abuse perpetrator', 'orange', 6, '{}', NULL, ''),
  ('domestic_abuse_victim', 'Domestic abuse victim', 'purple', 6, '{}', NULL, ''),
  ('hate_crime', 'Hate crime', 'orange', 6, '{}', NULL, ''),
  ('street_gangs', 'Street gangs', 'orange', 6, '{}', 'street_gangs', ''),
  ('terrorism', 'Terrorism', 'red', 6, '{}', 'terrorism', 'Terrorist or terrorist-related offending'),
  ('public_interest', 'Public interest case', 'yellow', 12, '{}', 'public_interest', ''),
  ('mental_health', 'Mental health issues', 'purple', 6, '{}', 'mental_health', ''),
  ('self_harm', 'Self-harm or attempted suicide', 'purple', 3, '{}', 'self_harm', ''),
  ('vulnerability', 'Vulnerability', 'purple', 6, '{}', 'vulnerability', ''),
  ('adult_at_risk', 'Adult at risk (safeguarding)', 'purple', 6, '{}', 'adult_at_risk', '');

INSERT INTO role_permissions (role_code, permission)
SELECT code, 'registrations:manage' FROM roles WHERE code IN ('practitioner', 'senior-probation-officer');
`).execute(db);
}

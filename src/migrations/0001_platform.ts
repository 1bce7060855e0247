import { sql, type Kysely } from 'kysely';

// Organisation, people, access lists, sessions and the audit log.
// Every table holding case data carries person_id: the key to distribute by person later.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE regions (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL UNIQUE,
  crn_letter char(1) NOT NULL UNIQUE
);
CREATE TABLE pdus (
  id serial PRIMARY KEY,
  region_id int NOT NULL REFERENCES regions,
  code text NOT NULL UNIQUE,
  name text NOT NULL
);
CREATE TABLE teams (
  id serial PRIMARY KEY,
  pdu_id int NOT NULL REFERENCES pdus,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true
);

-- An agency is who a user works for (probation, police, a prison, a provider).
CREATE TABLE agencies (
  code text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL
);
-- A role is a row: its permissions and how far its case scope reaches are data, not code.
CREATE TABLE roles (
  code text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  case_scope text NOT NULL CHECK (case_scope IN ('none', 'region', 'national'))
);
CREATE TABLE role_permissions (
  role_code text NOT NULL REFERENCES roles ON DELETE CASCADE,
  permission text NOT NULL,
  PRIMARY KEY (role_code, permission)
);
CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  email text,
  password_hash text,
  role_code text NOT NULL REFERENCES roles,
  agency_code text NOT NULL REFERENCES agencies,
  region_id int REFERENCES regions,
  team_id int REFERENCES teams,
  grade text,
  service_account boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_team ON users (team_id);

CREATE TABLE sessions (
  id_hash bytea PRIMARY KEY,
  user_id int NOT NULL REFERENCES users ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id serial PRIMARY KEY,
  user_id int NOT NULL REFERENCES users ON DELETE CASCADE,
  label text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- A CRN, once issued, is never issued again, even if its record is later merged away.
CREATE TABLE issued_crns (
  crn text PRIMARY KEY CHECK (crn ~ '^[A-Z][0-9]{6}$'),
  issued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE people (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  crn text NOT NULL UNIQUE REFERENCES issued_crns,
  first_name text NOT NULL,
  middle_names text,
  last_name text NOT NULL,
  preferred_name text,
  date_of_birth date NOT NULL,
  pnc text UNIQUE,
  cro text UNIQUE,
  nomis_number text UNIQUE,
  ni_number text UNIQUE,
  email text,
  phone text,
  sex text NOT NULL,
  gender_identity text,
  ethnicity text,
  religion text,
  sexual_orientation text,
  disability text,
  region_id int NOT NULL REFERENCES regions,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by int REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_dob ON people (date_of_birth);
CREATE INDEX people_last_name_trgm ON people USING gin (lower(last_name) gin_trgm_ops);
CREATE INDEX people_first_name_trgm ON people USING gin (lower(first_name) gin_trgm_ops);
CREATE INDEX people_region ON people (region_id);

CREATE TABLE person_aliases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  first_name text NOT NULL,
  last_name text NOT NULL,
  date_of_birth date
);
CREATE INDEX person_aliases_person ON person_aliases (person_id);
CREATE INDEX person_aliases_last_name_trgm ON person_aliases USING gin (lower(last_name) gin_trgm_ops);

CREATE TABLE person_addresses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  status text NOT NULL CHECK (status IN ('main', 'secondary', 'previous')),
  line1 text NOT NULL,
  line2 text,
  town text,
  postcode text,
  no_fixed_abode boolean NOT NULL DEFAULT false,
  start_date date,
  end_date date
);
CREATE INDEX person_addresses_person ON person_addresses (person_id);

-- Who manages the case now; history is kept by ending rows, never deleting them.
CREATE TABLE case_allocations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  team_id int NOT NULL REFERENCES teams,
  practitioner_id int REFERENCES users,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE UNIQUE INDEX case_allocations_current ON case_allocations (person_id) WHERE ended_at IS NULL;
CREATE INDEX case_allocations_practitioner ON case_allocations (practitioner_id) WHERE ended_at IS NULL;

-- The access list of a case (limited access offender): exclusions and restrictions.
CREATE TABLE case_access_rules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  kind text NOT NULL CHECK (kind IN ('exclusion', 'restriction')),
  message text NOT NULL,
  ends_on date,
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, kind)
);
CREATE TABLE case_access_users (
  person_id bigint NOT NULL REFERENCES people,
  kind text NOT NULL,
  user_id int NOT NULL REFERENCES users,
  PRIMARY KEY (person_id, kind, user_id),
  FOREIGN KEY (person_id, kind) REFERENCES case_access_rules (person_id, kind) ON DELETE CASCADE
);
CREATE INDEX case_access_users_user ON case_access_users (user_id);
`).execute(db);
}

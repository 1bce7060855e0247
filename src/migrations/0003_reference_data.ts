import { sql, type Kysely } from 'kysely';

// Reference data every installation needs. Roles and agencies are rows, so a new role or agency is
// an insert (here or by an operator), not a code change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO regions (code, name, crn_letter) VALUES
  ('NE', 'North East', 'A'), ('NW', 'North West', 'B'), ('YH', 'Yorkshire and the Humber', 'C'),
  ('GM', 'Greater Manchester', 'D'), ('EM', 'East Midlands', 'E'), ('WM', 'West Midlands', 'F'),
  ('EE', 'East of England', 'G'), ('LN', 'London', 'H'), ('KSS', 'Kent, Surrey and Sussex', 'J'),
  ('SW', 'South West', 'K'), ('SC', 'South Central', 'L'), ('WA', 'Wales', 'M');

INSERT INTO agencies (code, name, kind) VALUES
  ('probation', 'Probation Service', 'probation');

INSERT INTO roles (code, name, description, case_scope) VALUES
  ('practitioner', 'Probation practitioner', 'Probation officer (PO) or probation services officer (PSO) who manages cases', 'region'),
  ('senior-probation-officer', 'Senior probation officer', 'Team manager', 'region'),
  ('court-officer', 'Court officer', 'Prepares pre-sentence reports and advises the court', 'region'),
  ('admin', 'Administrator', 'Manages users, teams, access lists and API tokens', 'national');

INSERT INTO role_permissions (role_code, permission) VALUES
  ('practitioner', 'case:read'), ('practitioner', 'case:create'),
  ('senior-probation-officer', 'case:read'), ('senior-probation-officer', 'case:create'),
  ('court-officer', 'case:read'), ('court-officer', 'case:create'),
  ('admin', 'case:read'), ('admin', 'users:manage'), ('admin', 'teams:manage'),
  ('admin', 'access:manage'), ('admin', 'audit:read'), ('admin', 'tokens:manage');
`).execute(db);
}

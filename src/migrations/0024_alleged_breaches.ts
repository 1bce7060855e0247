import { sql, type Kysely } from 'kysely';

// Alleged breaches reported by providers and partners (issue 5 item 6). A partner reports; probation
// decides. The partner's role reaches no cases (case_scope 'none'): it may report and read back only the
// decision on its own agency's reports.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO roles (code, name, description, case_scope) VALUES
  ('partner-reporter', 'Partner reporter', 'A provider''s or partner''s system that reports alleged breaches through the API and sees only the decision', 'none');
INSERT INTO role_permissions (role_code, permission) VALUES
  ('partner-reporter', 'breaches:report'),
  ('practitioner', 'breaches:decide'),
  ('senior-probation-officer', 'breaches:decide');

CREATE TABLE alleged_breaches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  agency_code text NOT NULL REFERENCES agencies,
  reported_by int NOT NULL REFERENCES users,
  -- The reporter's own reference: with the agency, the key that makes a repeated report harmless.
  reporter_reference text NOT NULL CHECK (length(reporter_reference) BETWEEN 1 AND 60),
  reported_at timestamptz NOT NULL DEFAULT now(),
  failure_date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('missed_appointment', 'failed_to_comply', 'behaviour', 'other')),
  -- What the person was doing: it decides the contact type recorded if probation accepts the report.
  activity text NOT NULL CHECK (activity IN ('unpaid_work', 'programme', 'other_agency')),
  activity_detail text CHECK (length(activity_detail) <= 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 100),
  status text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'accepted', 'not_accepted')),
  decided_by int REFERENCES users,
  decided_at timestamptz,
  -- Probation's own reason (not shown to the partner), and the note written for the partner.
  decision_reason text CHECK (length(decision_reason) <= 2000),
  partner_note text CHECK (length(partner_note) <= 1000),
  -- The contact recorded as the failure to comply when the report is accepted.
  contact_id bigint REFERENCES contacts,
  UNIQUE (agency_code, reporter_reference),
  CHECK ((status = 'reported') = (decided_at IS NULL)),
  CHECK (status <> 'not_accepted' OR decision_reason IS NOT NULL),
  CHECK (status <> 'accepted' OR contact_id IS NOT NULL)
);
CREATE INDEX alleged_breaches_person ON alleged_breaches (person_id);
CREATE INDEX alleged_breaches_open ON alleged_breaches (reported_at) WHERE status = 'reported';
`).execute(db);
}

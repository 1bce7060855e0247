import { sql, type Kysely } from 'kysely';

// Supervision (issue 5): appointments and other contacts. The record is append-only: booking, recording
// an outcome, rescheduling and correcting each add a version that supersedes the one before, so nothing
// recorded is ever changed or lost. `current_contacts` is the latest version of every contact.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE contact_types (
  code text PRIMARY KEY,
  name text NOT NULL,
  -- An appointment is booked in a diary and has an outcome; other contacts are recorded as they happen.
  appointment boolean NOT NULL,
  -- Counts towards compliance (an enforceable, national-standards contact): shown as such on the record.
  counts_for_compliance boolean NOT NULL,
  -- Time spent face to face (or by phone or video) with the person, for "time with people".
  direct_engagement boolean NOT NULL,
  default_minutes int NOT NULL CHECK (default_minutes BETWEEN 0 AND 1440),
  ordinal int NOT NULL
);
INSERT INTO contact_types (code, name, appointment, counts_for_compliance, direct_engagement, default_minutes, ordinal) VALUES
  ('office', 'Office appointment', true, true, true, 30, 1),
  ('home_visit', 'Home visit', true, true, true, 45, 2),
  ('phone', 'Phone appointment', true, true, true, 20, 3),
  ('video', 'Video appointment', true, true, true, 30, 4),
  ('unpaid_work', 'Unpaid work session', true, true, false, 420, 5),
  ('programme', 'Programme session', true, true, false, 150, 6),
  ('other_agency', 'Other agency appointment', true, true, false, 60, 7),
  ('phone_contact', 'Phone call (not an appointment)', false, false, true, 10, 8),
  ('message', 'Text, email or letter', false, false, false, 5, 9),
  ('case_note', 'Case note', false, false, false, 0, 10);

CREATE TABLE contacts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  -- The contact's stable id across its versions: the id of its first version (set by the trigger below).
  contact_id bigint NOT NULL,
  -- The version this one replaces; a version is replaced at most once, so a contact's history is a chain.
  supersedes_id bigint UNIQUE REFERENCES contacts,
  type_code text NOT NULL REFERENCES contact_types,
  -- Whose diary it is in (the practitioner, or the staff member who recorded a contact).
  practitioner_id int REFERENCES users,
  starts_at timestamptz NOT NULL,
  duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 0 AND 1440),
  location text CHECK (length(location) <= 200),
  -- The requirement the contact delivers (unpaid work hours, rehabilitation activity days, a programme).
  requirement_id bigint REFERENCES requirements,
  outcome text CHECK (outcome IN ('attended_complied', 'attended_failed_to_comply', 'acceptable_absence', 'unacceptable_absence', 'rescheduled')),
  outcome_evidence text CHECK (length(outcome_evidence) <= 2000),
  counts_for_compliance boolean NOT NULL,
  direct_engagement boolean NOT NULL,
  notes text CHECK (length(notes) <= 20000),
  -- A sensitive note is shown only to roles holding contacts:sensitive.
  sensitive boolean NOT NULL DEFAULT false,
  -- What this version did: booked, outcome, rescheduled, corrected (with the reason for a correction).
  change text NOT NULL CHECK (change IN ('booked', 'recorded', 'outcome', 'rescheduled', 'corrected', 'cancelled')),
  change_reason text CHECK (length(change_reason) <= 2000),
  -- On a version with the outcome 'rescheduled': the appointment booked in its place.
  rescheduled_to_contact_id bigint,
  recorded_by int REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (outcome IS DISTINCT FROM 'acceptable_absence' OR outcome_evidence IS NOT NULL),
  CHECK (change <> 'corrected' OR change_reason IS NOT NULL)
);
CREATE INDEX contacts_person ON contacts (person_id, starts_at DESC);
CREATE INDEX contacts_diary ON contacts (practitioner_id, starts_at);
CREATE INDEX contacts_chain ON contacts (contact_id, id DESC);

-- A new version belongs to the same contact and person as the one it replaces.
CREATE FUNCTION contacts_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE previous contacts%ROWTYPE;
BEGIN
  IF NEW.supersedes_id IS NULL THEN
    NEW.contact_id := NEW.id;
  ELSE
    SELECT * INTO previous FROM contacts WHERE id = NEW.supersedes_id;
    IF previous.person_id IS DISTINCT FROM NEW.person_id THEN
      RAISE EXCEPTION 'a contact version must belong to the same person as the version it replaces';
    END IF;
    NEW.contact_id := previous.contact_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER contacts_version BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_version();

-- Append-only: a change is a new version, never an update or a delete.
CREATE FUNCTION contacts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'contacts are append-only: record a new version that supersedes this one';
END $$;
CREATE TRIGGER contacts_append_only BEFORE UPDATE OR DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_append_only();
CREATE TRIGGER contacts_no_truncate BEFORE TRUNCATE ON contacts FOR EACH STATEMENT EXECUTE FUNCTION contacts_append_only();

INSERT INTO role_permissions (role_code, permission)
  SELECT r.code, p.permission FROM roles r CROSS JOIN (VALUES ('contacts:record'), ('contacts:sensitive')) AS p (permission)
  WHERE r.code IN ('practitioner', 'senior-probation-officer');

-- The latest version of every contact.
CREATE VIEW current_contacts AS
SELECT c.* FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM contacts n WHERE n.supersedes_id = c.id);
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Appointment reminders by text: consent, the outbox, delivery status (issue 5 item 4)
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
-- The rules' figures, as one row managers can change (times are UK clock times, Europe/London).
CREATE TABLE reminder_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  -- Never send between these clock times (the window wraps midnight when start > end).
  quiet_start time NOT NULL,
  quiet_end time NOT NULL,
  -- Reminders are queued on the calendar day this many days before the appointment.
  days_before int NOT NULL CHECK (days_before BETWEEN 1 AND 7),
  -- A reminder held back (quiet hours, retries) is given up this close to the appointment.
  latest_minutes_before int NOT NULL CHECK (latest_minutes_before BETWEEN 0 AND 1440),
  -- Retry after a temporary failure: first_retry_minutes, doubling each time, at most max_retry_minutes.
  first_retry_minutes int NOT NULL CHECK (first_retry_minutes BETWEEN 1 AND 1440),
  max_retry_minutes int NOT NULL CHECK (max_retry_minutes BETWEEN 1 AND 1440),
  max_attempts int NOT NULL CHECK (max_attempts BETWEEN 1 AND 20),
  updated_by int REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO reminder_settings (quiet_start, quiet_end, days_before, latest_minutes_before, first_retry_minutes, max_retry_minutes, max_attempts)
VALUES ('21:00', '08:00', 1, 120, 5, 240, 6);

-- Consent to text reminders, as a history: each change is a new row; the latest row per person holds.
-- Withdrawing is a row with consented = false and withdrawn = true. Numbers are E.164 (+447...) when
-- recorded here; the sender checks the number again before every send.
CREATE TABLE reminder_consents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  consented boolean NOT NULL,
  mobile text CHECK (length(mobile) <= 30),
  withdrawn boolean NOT NULL DEFAULT false,
  note text CHECK (length(note) <= 500),
  recorded_by int REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT consented OR mobile IS NOT NULL),
  CHECK (NOT (consented AND withdrawn))
);
CREATE INDEX reminder_consents_person ON reminder_consents (person_id, id DESC);
CREATE FUNCTION reminder_consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reminder consent is a history: record a new row';
END $$;
CREATE TRIGGER reminder_consents_append_only BEFORE UPDATE OR DELETE ON reminder_consents FOR EACH ROW EXECUTE FUNCTION reminder_consents_append_only();

CREATE VIEW current_reminder_consents AS
SELECT DISTINCT ON (person_id) * FROM reminder_consents ORDER BY person_id, id DESC;

-- The outbox and delivery log: one reminder per appointment (contact), ever.
CREATE TABLE reminder_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  contact_id bigint NOT NULL UNIQUE,
  -- The version of the appointment the reminder was written for (contacts.id) and its time.
  contact_version_id bigint NOT NULL REFERENCES contacts,
  appointment_at timestamptz NOT NULL,
  phone text NOT NULL,
  text text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'permanent_failure', 'cancelled')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  claimed_at timestamptz,
  provider text CHECK (provider IN ('outbox', 'notify')),
  provider_reference text,
  last_error text CHECK (length(last_error) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  status_checked_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reminder_messages_person ON reminder_messages (person_id, id DESC);
CREATE INDEX reminder_messages_due ON reminder_messages (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX reminder_messages_recent ON reminder_messages (id DESC);

INSERT INTO role_permissions (role_code, permission)
  SELECT code, 'reminders:read' FROM roles WHERE code IN ('senior-probation-officer', 'admin');
`).execute(db);
}

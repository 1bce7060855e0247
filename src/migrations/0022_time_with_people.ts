import { sql, type Kysely } from 'kysely';

// Time with people (issue 5 item 7): the other work a practitioner records (reports, admin, travel, ...),
// so the share of recorded time spent with people is counted from recorded minutes only. Entries are
// append-only like contacts: a correction or a removal is a new version that supersedes the one before.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE work_time_kinds (
  code text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  ordinal int NOT NULL,
  active boolean NOT NULL DEFAULT true
);
INSERT INTO work_time_kinds (code, name, description, ordinal) VALUES
  ('reports', 'Reports', 'Pre-sentence, parole, breach and recall reports; risk and needs assessments', 1),
  ('admin', 'Admin', 'Case recording, emails, letters, referrals and other administration', 2),
  ('travel', 'Travel', 'Travel to home visits, courts, prisons and partner agencies', 3),
  ('training', 'Training', 'Training and learning, including mandatory training', 4),
  ('meetings', 'Meetings', 'Team meetings, supervision, multi-agency meetings (MAPPA, MARAC) and case conferences', 5),
  ('other', 'Other', 'Other work not with the people supervised', 6);

CREATE TABLE work_time_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The entry's stable id across its versions: the id of its first version (set by the trigger below).
  entry_id bigint NOT NULL,
  -- The version this one replaces; a version is replaced at most once, so an entry's history is a chain.
  supersedes_id bigint UNIQUE REFERENCES work_time_entries,
  user_id int NOT NULL REFERENCES users,
  worked_on date NOT NULL,
  kind text NOT NULL REFERENCES work_time_kinds,
  minutes int NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  note text CHECK (length(note) <= 500),
  -- The case the work was for (a report for a CRN), when there is one.
  person_id bigint REFERENCES people,
  change text NOT NULL CHECK (change IN ('recorded', 'corrected', 'removed')),
  change_reason text CHECK (length(change_reason) <= 500),
  recorded_by int NOT NULL REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (change = 'recorded' OR change_reason IS NOT NULL)
);
CREATE INDEX work_time_entries_user ON work_time_entries (user_id, worked_on);
CREATE INDEX work_time_entries_chain ON work_time_entries (entry_id, id DESC);
CREATE INDEX work_time_entries_person ON work_time_entries (person_id) WHERE person_id IS NOT NULL;

-- A new version belongs to the same entry and practitioner as the one it replaces, and a removal is final.
CREATE FUNCTION work_time_entries_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE previous work_time_entries%ROWTYPE;
BEGIN
  IF NEW.supersedes_id IS NULL THEN
    IF NEW.change <> 'recorded' THEN RAISE EXCEPTION 'a correction or removal must supersede an entry'; END IF;
    NEW.entry_id := NEW.id;
  ELSE
    SELECT * INTO previous FROM work_time_entries WHERE id = NEW.supersedes_id;
    IF previous.user_id IS DISTINCT FROM NEW.user_id THEN
      RAISE EXCEPTION 'a work time version must belong to the same practitioner as the version it replaces';
    END IF;
    IF previous.change = 'removed' THEN RAISE EXCEPTION 'a removed work time entry cannot be changed'; END IF;
    NEW.entry_id := previous.entry_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER work_time_entries_version BEFORE INSERT ON work_time_entries FOR EACH ROW EXECUTE FUNCTION work_time_entries_version();

-- Append-only: a change is a new version, never an update or a delete.
CREATE FUNCTION work_time_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'work time entries are append-only: record a new version that supersedes this one';
END $$;
CREATE TRIGGER work_time_entries_append_only BEFORE UPDATE OR DELETE ON work_time_entries FOR EACH ROW EXECUTE FUNCTION work_time_entries_append_only();
CREATE TRIGGER work_time_entries_no_truncate BEFORE TRUNCATE ON work_time_entries FOR EACH STATEMENT EXECUTE FUNCTION work_time_entries_append_only();

-- The latest version of every entry (removed ones included: they count as nothing).
CREATE VIEW current_work_time_entries AS
SELECT e.* FROM work_time_entries e WHERE NOT EXISTS (SELECT 1 FROM work_time_entries n WHERE n.supersedes_id = e.id);
`).execute(db);
}

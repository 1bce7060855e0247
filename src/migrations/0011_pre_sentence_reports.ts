import { sql, type Kysely } from 'kysely';

// Pre-sentence reports: requests, assignment, versions with their PDFs, countersigning.
// A report is requested for one event (the conviction awaiting sentence) and lands in the requesting
// officer's team queue. The draft is one jsonb the writer saves at any time; each submission and the
// countersignature freeze a version: the sections, the risk as the record held it then, the proposal
// with its start-date forecasts, and the PDF the court received. Versions are never changed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'reports:write' FROM roles WHERE code IN ('court-officer', 'practitioner', 'senior-probation-officer');
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'reports:countersign' FROM roles WHERE code = 'senior-probation-officer';

CREATE TABLE pre_sentence_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  -- Events are not removed by the service; if one is (a correction by an operator), its reports go with it.
  event_id bigint NOT NULL REFERENCES events ON DELETE CASCADE,
  -- The court team whose queue it is in: the requesting officer's team.
  team_id int NOT NULL REFERENCES teams,
  report_type text NOT NULL CHECK (report_type IN ('oral', 'short', 'standard')),
  court text NOT NULL CHECK (length(court) BETWEEN 1 AND 200),
  hearing_on date NOT NULL,
  due_on date NOT NULL CHECK (due_on <= hearing_on),
  court_notes text NOT NULL DEFAULT '' CHECK (length(court_notes) <= 4000),
  status text NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'assigned', 'in_progress', 'awaiting_countersignature', 'returned', 'complete', 'cancelled')),
  assigned_to int REFERENCES users,
  draft jsonb NOT NULL DEFAULT '{}',
  draft_updated_at timestamptz,
  draft_updated_by int REFERENCES users,
  -- Why it was last returned by the countersigner, or cancelled.
  status_reason text,
  requested_by int NOT NULL REFERENCES users,
  requested_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'requested' OR status = 'cancelled' OR assigned_to IS NOT NULL)
);
CREATE INDEX pre_sentence_reports_person ON pre_sentence_reports (person_id);
CREATE INDEX pre_sentence_reports_queue ON pre_sentence_reports (team_id, due_on) WHERE status NOT IN ('complete', 'cancelled');

CREATE TABLE pre_sentence_report_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  report_id bigint NOT NULL REFERENCES pre_sentence_reports ON DELETE CASCADE,
  version int NOT NULL CHECK (version > 0),
  sections jsonb NOT NULL,
  risk jsonb NOT NULL,
  proposal jsonb NOT NULL,
  pdf bytea NOT NULL,
  author_id int NOT NULL REFERENCES users,
  submitted_by int NOT NULL REFERENCES users,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  countersigned_by int REFERENCES users,
  countersigned_on date,
  UNIQUE (report_id, version)
);
CREATE INDEX pre_sentence_report_versions_person ON pre_sentence_report_versions (person_id);

-- Every change of status, with who and why: the report's history.
CREATE TABLE pre_sentence_report_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  report_id bigint NOT NULL REFERENCES pre_sentence_reports ON DELETE CASCADE,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  detail text NOT NULL DEFAULT '',
  by_user int REFERENCES users,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pre_sentence_report_history_report ON pre_sentence_report_history (report_id, id);

-- Versions are the record of what the court was given: never changed.
CREATE FUNCTION pre_sentence_report_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'pre-sentence report versions cannot be changed';
END $$;
CREATE TRIGGER pre_sentence_report_versions_frozen BEFORE UPDATE ON pre_sentence_report_versions
  FOR EACH ROW EXECUTE FUNCTION pre_sentence_report_versions_frozen();
`).execute(db);
}

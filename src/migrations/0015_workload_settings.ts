import { sql, type Kysely } from 'kysely';

// Workload settings and weight history (issue 6 item 2): the capacity rules' policy settings as data,
// task weights for the extra factors, work items a manager records, and the history of every change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
-- Policy settings of the capacity rules. None of these is an HMPPS figure: they are ours, and managers edit them.
CREATE TABLE workload_settings (
  key text PRIMARY KEY,
  value int NOT NULL CHECK (value >= 0),
  label text NOT NULL,
  description text NOT NULL,
  source text NOT NULL
);
INSERT INTO workload_settings (key, value, label, description, source) VALUES
  ('absence_window_days', 28, 'Absence window (days)',
   'Points available are scaled by the share of working days (Monday to Friday) in this many days from today on which the practitioner is not absent.',
   'Throughline policy setting'),
  ('protected_caseload_percent', 80, 'Protected caseload (% of points available)',
   'In the first year after qualifying, a practitioner has this percentage of the points available for their hours, unless a Protected caseload reduction is already recorded.',
   'Throughline policy setting'),
  ('custody_arrival_days', 28, 'Arrival from custody window (days)',
   'A case released on licence within this many days counts the arrival from custody task weight on top of its case weight.',
   'Throughline policy setting');

-- Where each task's count comes from, and whose figure its weight is.
ALTER TABLE workload_task_weights
  ADD COLUMN counted_from text NOT NULL DEFAULT 'work_item'
    CHECK (counted_from IN ('pre_sentence_report', 'accredited_programme', 'custody_arrival', 'work_item')),
  ADD COLUMN source text NOT NULL DEFAULT 'HMPPS workload measurement tool (seeded reference data)';
UPDATE workload_task_weights SET counted_from = 'pre_sentence_report' WHERE task IN ('standard_report', 'fast_report');
INSERT INTO workload_task_weights (task, points, description, counted_from, source) VALUES
  ('accredited_programme', 20, 'Accredited programme requirement being delivered (case management alongside the programme)',
   'accredited_programme', 'Throughline policy setting (no HMPPS figure published)'),
  ('custody_arrival', 30, 'Arrival from custody: the first weeks of a licence after release',
   'custody_arrival', 'Throughline policy setting (no HMPPS figure published)');

-- Other work a practitioner holds (a parole report, an ARMS assessment), counted while open.
CREATE TABLE workload_work_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id int NOT NULL REFERENCES users,
  task text NOT NULL REFERENCES workload_task_weights ON UPDATE CASCADE,
  person_id bigint REFERENCES people,
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  due_on date NOT NULL,
  closed_on date,
  recorded_by int REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  closed_by int REFERENCES users
);
CREATE INDEX workload_work_items_open ON workload_work_items (user_id) WHERE closed_on IS NULL;
CREATE INDEX workload_work_items_person ON workload_work_items (person_id);

-- Every change to the weights, grade targets and settings: append-only.
CREATE TABLE workload_weight_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  item text NOT NULL,
  old_value text,
  new_value text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  changed_by int REFERENCES users,
  changed_at timestamptz NOT NULL DEFAULT now()
);
`).execute(db);
}

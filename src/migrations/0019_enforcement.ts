import { sql, type Kysely } from 'kysely';

// Enforcement (issue 5 item 5): the actions the rules open for a practitioner (a warning to give, breach action
// due, a further failure, a recall review), warning letters as issued, breach and recall decisions (proposed by
// the practitioner, countersigned or returned by a senior officer who is never the proposer), the court's or
// recall outcome, and returns to compliance. The policy figures are rows managers can change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'enforcement:countersign' FROM roles WHERE code = 'senior-probation-officer';

CREATE TABLE enforcement_settings (
  key text PRIMARY KEY,
  value int NOT NULL CHECK (value BETWEEN 0 AND 120),
  description text NOT NULL,
  source text NOT NULL,
  updated_by int REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO enforcement_settings (key, value, description, source) VALUES
  ('warning_period_months', 12, 'How long a warning counts: a failure within this many months of a warning makes breach action due',
   'Sentencing Act 2020, Schedule 10, paragraph 6 (12 months)'),
  ('breach_deadline_working_days', 10, 'Working days after the failure by which breach action must be laid',
   'National standards (2000s): breach action within 10 working days'),
  ('deadline_near_working_days', 3, 'A breach deadline this many working days away or fewer is shown as near (red)', 'Local practice');

CREATE TABLE enforcement_actions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  sentence_id bigint REFERENCES sentences,
  -- The failure that calls for it: its date (several failures on one day count once) and the first contact that day.
  failure_on date NOT NULL,
  contact_id bigint,
  kind text NOT NULL CHECK (kind IN ('warning', 'breach', 'further_failure', 'recall_review')),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'withdrawn')),
  -- Breach action: the date it must be laid by.
  due_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  taken_by int REFERENCES users,
  taken_at timestamptz,
  -- What was done (a warning letter, a decision), or why it was withdrawn (the outcome was corrected).
  resolution text CHECK (length(resolution) <= 2000),
  CHECK ((status = 'open') = (taken_at IS NULL))
);
-- One live action per failure date: reviewing again never opens a second.
CREATE UNIQUE INDEX enforcement_actions_one_per_failure ON enforcement_actions (person_id, failure_on) WHERE status <> 'withdrawn';
CREATE INDEX enforcement_actions_open ON enforcement_actions (person_id) WHERE status = 'open';

CREATE TABLE warning_letters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  action_id bigint REFERENCES enforcement_actions,
  -- The failure it answers and the day it was given: the warning counts from issued_on.
  failure_on date NOT NULL,
  issued_on date NOT NULL,
  -- The facts the letter was made from, and the letter itself as sent.
  facts jsonb NOT NULL,
  pdf bytea NOT NULL,
  issued_by int NOT NULL REFERENCES users,
  issued_at timestamptz NOT NULL DEFAULT now(),
  CHECK (issued_on >= failure_on)
);
CREATE INDEX warning_letters_person ON warning_letters (person_id, issued_on);

CREATE TABLE enforcement_decisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  sentence_id bigint REFERENCES sentences,
  action_id bigint REFERENCES enforcement_actions,
  kind text NOT NULL CHECK (kind IN ('breach', 'recall')),
  -- The failure that made the decision necessary (breach action starts from it).
  failure_on date NOT NULL,
  reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 5000),
  recall_type text CHECK (recall_type IN ('standard', 'fixed_term')),
  proposed_by int NOT NULL REFERENCES users,
  proposed_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'countersigned', 'returned')),
  countersigned_by int REFERENCES users,
  countersigned_at timestamptz,
  -- The senior officer's reasons for countersigning, or for returning the proposal.
  countersign_reasons text CHECK (length(countersign_reasons) <= 5000),
  deadline_on date,
  laid_on date,
  outcome text CHECK (outcome IN ('continued_with_warning', 'amended', 'revoked_resentenced', 'not_proven', 'recalled', 'not_recalled')),
  outcome_notes text CHECK (length(outcome_notes) <= 5000),
  concluded_on date,
  outcome_by int REFERENCES users,
  CHECK ((kind = 'recall') = (recall_type IS NOT NULL)),
  -- A senior officer countersigns or returns, never the person who proposed.
  CHECK (countersigned_by IS NULL OR countersigned_by <> proposed_by),
  CHECK ((status = 'proposed') = (countersigned_by IS NULL)),
  CHECK (status <> 'returned' OR countersign_reasons IS NOT NULL),
  CHECK (laid_on IS NULL OR (kind = 'breach' AND status = 'countersigned')),
  CHECK ((outcome IS NULL) = (concluded_on IS NULL)),
  CHECK (outcome IS NULL OR status = 'countersigned'),
  CHECK (outcome IS NULL OR (kind = 'breach') = (outcome IN ('continued_with_warning', 'amended', 'revoked_resentenced', 'not_proven')))
);
CREATE INDEX enforcement_decisions_person ON enforcement_decisions (person_id);
CREATE INDEX enforcement_decisions_waiting ON enforcement_decisions (status) WHERE status = 'proposed';
-- One live decision per failure: a returned proposal can be proposed again.
CREATE UNIQUE INDEX enforcement_decisions_one_live ON enforcement_decisions (person_id, failure_on) WHERE status <> 'returned';

CREATE TABLE compliance_returns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  returned_on date NOT NULL,
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  recorded_by int NOT NULL REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compliance_returns_person ON compliance_returns (person_id, returned_on);
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Transfers between practitioners, teams, PDUs and regions (issue 6 item 4). A transfer is a state:
// requested, then accepted (with the allocation decision that moved the case), rejected (with a reason)
// or cancelled. The case stays with its current practitioner until a transfer is accepted.
// `appointments` records the requester's choice (reassign to the new practitioner, or keep as booked):
// appointments arrive with issue 5 and will follow it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE case_transfers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  from_team_id int NOT NULL REFERENCES teams,
  from_practitioner_id int REFERENCES users,
  to_team_id int NOT NULL REFERENCES teams,
  -- A named practitioner, or null: the receiving manager chooses.
  to_practitioner_id int REFERENCES users,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
  appointments text NOT NULL CHECK (appointments IN ('reassign', 'keep')),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'rejected', 'cancelled')),
  requested_by int NOT NULL REFERENCES users,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by int REFERENCES users,
  decided_at timestamptz,
  decision_reason text CHECK (length(btrim(decision_reason)) BETWEEN 1 AND 2000),
  allocation_decision_id bigint UNIQUE REFERENCES allocation_decisions,
  -- Decided exactly when no longer requested; a rejection says why; an acceptance names its allocation.
  CHECK ((status = 'requested') = (decided_at IS NULL)),
  CHECK ((status = 'requested') = (decided_by IS NULL)),
  CHECK (status <> 'requested' OR decision_reason IS NULL),
  CHECK (status <> 'rejected' OR decision_reason IS NOT NULL),
  CHECK ((status = 'accepted') = (allocation_decision_id IS NOT NULL)),
  -- Within a team, a transfer names the other practitioner.
  CHECK (to_team_id <> from_team_id OR (to_practitioner_id IS NOT NULL AND to_practitioner_id IS DISTINCT FROM from_practitioner_id))
);
-- At most one open transfer per person.
CREATE UNIQUE INDEX case_transfers_open ON case_transfers (person_id) WHERE status = 'requested';
CREATE INDEX case_transfers_person ON case_transfers (person_id, id DESC);
CREATE INDEX case_transfers_incoming ON case_transfers (to_team_id, id DESC);
CREATE INDEX case_transfers_outgoing ON case_transfers (from_team_id, id DESC);
`).execute(db);
}

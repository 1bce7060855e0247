import { sql, type Kysely } from 'kysely';

// New cases awaiting allocation, the ranked recommendation and the decision with its reasons.
// Which grades may hold a case at each RoSH level is data (policy), alongside tier_grade_rules (0005).
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE allocation_grade_rules (
  rosh_level text PRIMARY KEY CHECK (rosh_level IN ('low', 'medium', 'high', 'very_high')),
  grades text[] NOT NULL,
  explanation text NOT NULL
);
INSERT INTO allocation_grade_rules (rosh_level, grades, explanation) VALUES
  ('low', '{SPO,PO,PSO,PQiP}', 'Low RoSH cases may be held by any practitioner'),
  ('medium', '{SPO,PO,PSO}', 'Medium RoSH cases may be held by a probation officer or a PSO'),
  ('high', '{SPO,PO}', 'High RoSH cases need a qualified probation officer'),
  ('very_high', '{SPO,PO}', 'Very high RoSH cases need a qualified probation officer');

CREATE TABLE allocation_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  team_id int NOT NULL REFERENCES teams,
  source text NOT NULL CHECK (source IN ('court', 'custody', 'transfer_in')),
  arrived_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'awaiting' CHECK (status IN ('awaiting', 'allocated', 'cancelled')),
  decided_by int REFERENCES users,
  decided_at timestamptz,
  CHECK ((status = 'awaiting') = (decided_at IS NULL))
);
-- One open request per person at a time; the team's queue is read by this index.
CREATE UNIQUE INDEX allocation_requests_open ON allocation_requests (person_id) WHERE status = 'awaiting';
CREATE INDEX allocation_requests_queue ON allocation_requests (team_id, arrived_at) WHERE status = 'awaiting';

-- The decision keeps the ranking as shown (with its reasons), so it can be explained later.
CREATE TABLE allocation_decisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  request_id bigint NOT NULL UNIQUE REFERENCES allocation_requests,
  practitioner_id int NOT NULL REFERENCES users,
  recommended_practitioner_id int REFERENCES users,
  ranking jsonb NOT NULL,
  override_reason text CHECK (length(override_reason) BETWEEN 1 AND 2000),
  over_capacity_confirmed boolean NOT NULL DEFAULT false,
  decided_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (practitioner_id = recommended_practitioner_id OR override_reason IS NOT NULL)
);
CREATE INDEX allocation_decisions_person ON allocation_decisions (person_id, id DESC);
`).execute(db);
}

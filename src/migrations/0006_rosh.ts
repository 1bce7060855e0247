import { sql, type Kysely } from 'kysely';

// Risk of serious harm (RoSH) assessments: each completed assessment is a version kept as it was. The
// newest per person is the one not superseded, so the caseload finds it (and overdue reviews) by index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE rosh_assessments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  version int NOT NULL CHECK (version > 0),
  risk_to_children text NOT NULL CHECK (risk_to_children IN ('low', 'medium', 'high', 'very_high')),
  risk_to_public text NOT NULL CHECK (risk_to_public IN ('low', 'medium', 'high', 'very_high')),
  risk_to_known_adult text NOT NULL CHECK (risk_to_known_adult IN ('low', 'medium', 'high', 'very_high')),
  risk_to_staff text NOT NULL CHECK (risk_to_staff IN ('low', 'medium', 'high', 'very_high')),
  risk_to_prisoners text CHECK (risk_to_prisoners IN ('low', 'medium', 'high', 'very_high')),
  overall text NOT NULL CHECK (overall IN ('low', 'medium', 'high', 'very_high')),
  nature_of_risk text NOT NULL CHECK (length(nature_of_risk) BETWEEN 1 AND 4000),
  who_is_at_risk text NOT NULL CHECK (length(who_is_at_risk) BETWEEN 1 AND 4000),
  when_risk_greatest text NOT NULL CHECK (length(when_risk_greatest) BETWEEN 1 AND 4000),
  increases_risk text NOT NULL CHECK (length(increases_risk) BETWEEN 1 AND 4000),
  reduces_risk text NOT NULL CHECK (length(reduces_risk) BETWEEN 1 AND 4000),
  completed_on date NOT NULL,
  review_due_on date NOT NULL CHECK (review_due_on >= completed_on),
  completed_by int REFERENCES users,
  completed_at timestamptz NOT NULL DEFAULT now(),
  superseded boolean NOT NULL DEFAULT false,
  UNIQUE (person_id, version)
);
CREATE UNIQUE INDEX rosh_assessments_latest ON rosh_assessments (person_id) WHERE NOT superseded;
CREATE INDEX rosh_assessments_review_due ON rosh_assessments (review_due_on) WHERE NOT superseded;
`).execute(db);
}

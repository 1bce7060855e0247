import { sql, type Kysely } from 'kysely';

// Criminogenic needs assessments: every completed assessment is a version kept as it was; a draft is
// the one being worked on (at most one per person), saved however partial. Answers are jsonb keyed by
// item, so an item added to the assessment's data needs no schema change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE needs_assessments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  status text NOT NULL CHECK (status IN ('draft', 'completed')),
  version int CHECK (version > 0),
  answers jsonb NOT NULL DEFAULT '{}',
  sections jsonb NOT NULL DEFAULT '{}',
  section_scores jsonb,
  persons_view text NOT NULL DEFAULT '',
  view_declined boolean NOT NULL DEFAULT false,
  summary text NOT NULL DEFAULT '',
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by int REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_by int REFERENCES users,
  completed_on date,
  completed_at timestamptz,
  CHECK ((status = 'completed') = (version IS NOT NULL AND section_scores IS NOT NULL AND completed_on IS NOT NULL))
);
CREATE UNIQUE INDEX needs_assessments_one_draft ON needs_assessments (person_id) WHERE status = 'draft';
CREATE UNIQUE INDEX needs_assessments_version ON needs_assessments (person_id, version) WHERE status = 'completed';
`).execute(db);
}

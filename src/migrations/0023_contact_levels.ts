import { sql, type Kysely } from 'kysely';

// Contact levels (issue 5 item 2): how often a case should be seen. The default follows the tier, from a
// table managers edit (our policy settings: national standards no longer fix a frequency); a practitioner
// may set another for a case with a recorded reason. Nothing is overwritten: changes are kept as history.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
-- Keyed by a protect level (A-D) or a full tier (e.g. B2); a full tier's row wins over its protect level's.
CREATE TABLE contact_level_defaults (
  key text PRIMARY KEY CHECK (key ~ '^[A-D][0-3]?$'),
  frequency_days int NOT NULL CHECK (frequency_days BETWEEN 1 AND 365),
  description text NOT NULL CHECK (length(description) <= 2000),
  source text NOT NULL,
  updated_by int REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO contact_level_defaults (key, frequency_days, description, source) VALUES
  ('A', 7, 'Protect level A: the highest risk of harm. See the person more often where the assessed risks call for it.',
   'Throughline policy setting (national standards no longer fix a frequency): the level of contact should follow the assessed risks and needs, with professional judgement, not a tick box'),
  ('B', 14, 'Protect level B: adjust to the assessed risks and needs.',
   'Throughline policy setting (national standards no longer fix a frequency): the level of contact should follow the assessed risks and needs, with professional judgement, not a tick box'),
  ('C', 28, 'Protect level C: adjust to the assessed risks and needs.',
   'Throughline policy setting (national standards no longer fix a frequency): the level of contact should follow the assessed risks and needs, with professional judgement, not a tick box'),
  ('D', 42, 'Protect level D: the lowest risk of harm. Adjust to the assessed risks and needs.',
   'Throughline policy setting (national standards no longer fix a frequency): the level of contact should follow the assessed risks and needs, with professional judgement, not a tick box');

-- Every change to the defaults (including adding or removing a full-tier row), with the reason: append-only.
CREATE TABLE contact_level_default_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text NOT NULL,
  old_days int,
  new_days int,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
  changed_by int REFERENCES users,
  changed_at timestamptz NOT NULL DEFAULT now(),
  CHECK (old_days IS NOT NULL OR new_days IS NOT NULL)
);

-- A practitioner's professional judgement for one case: another frequency, with the reason. Ending one
-- (returning to the default, or replacing it) keeps the row; at most one is in force per person.
CREATE TABLE contact_level_overrides (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  frequency_days int NOT NULL CHECK (frequency_days BETWEEN 1 AND 365),
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
  set_by int REFERENCES users,
  set_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  ended_by int REFERENCES users,
  end_reason text CHECK (length(end_reason) <= 2000),
  CHECK (ended_at IS NULL OR ended_at >= set_at)
);
CREATE UNIQUE INDEX contact_level_overrides_current ON contact_level_overrides (person_id) WHERE ended_at IS NULL;
CREATE INDEX contact_level_overrides_person ON contact_level_overrides (person_id, id DESC);
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Sentence plans (issue 5 item 1): objectives linked to assessed needs (OASys sections) and to the
// requirements of the order, in the practitioner's and the person's own words, actions with owners and
// target dates, and reviews. Nothing saved is lost: editing an objective keeps its previous wording in
// plan_objective_history (a trigger copies the old row), reviews and their progress are append-only, and
// nothing here can be deleted. The review date in force is the latest review's next date, else the plan's.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
INSERT INTO role_permissions (role_code, permission)
SELECT code, 'plans:manage' FROM roles WHERE code IN ('practitioner', 'senior-probation-officer');

CREATE TABLE sentence_plans (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  -- The order the plan is for (null when the person has no current sentence).
  sentence_id bigint REFERENCES sentences,
  review_due_on date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed')),
  -- The person's agreement, in their own words; set once when the plan is agreed.
  agreed_on date,
  persons_comment text CHECK (length(persons_comment) <= 4000),
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'agreed') = (agreed_on IS NOT NULL))
);
CREATE INDEX sentence_plans_person ON sentence_plans (person_id, id DESC);

CREATE TABLE plan_objectives (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  plan_id bigint NOT NULL REFERENCES sentence_plans,
  -- The OASys needs section it addresses (src/assessment/needs/sections.ts) and/or the requirement it serves.
  need_section text CHECK (need_section IN ('accommodation', 'ete', 'relationships', 'lifestyle', 'drugs', 'alcohol', 'thinking_behaviour', 'attitudes', 'finance', 'emotional')),
  requirement_id bigint REFERENCES requirements,
  objective text NOT NULL CHECK (length(objective) BETWEEN 1 AND 2000),
  persons_words text NOT NULL CHECK (length(persons_words) <= 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'withdrawn')),
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by int REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (need_section IS NOT NULL OR requirement_id IS NOT NULL)
);
CREATE INDEX plan_objectives_plan ON plan_objectives (plan_id, id);
CREATE INDEX plan_objectives_person ON plan_objectives (person_id);

-- Every earlier wording of an objective, copied by the trigger below before an edit replaces it.
CREATE TABLE plan_objective_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  objective_id bigint NOT NULL REFERENCES plan_objectives,
  need_section text,
  requirement_id bigint REFERENCES requirements,
  objective text NOT NULL,
  persons_words text NOT NULL,
  status text NOT NULL,
  recorded_by int REFERENCES users,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX plan_objective_history_objective ON plan_objective_history (objective_id, id DESC);

CREATE FUNCTION plan_objectives_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.person_id <> OLD.person_id OR NEW.plan_id <> OLD.plan_id THEN
    RAISE EXCEPTION 'an objective stays with its plan and person';
  END IF;
  INSERT INTO plan_objective_history (person_id, objective_id, need_section, requirement_id, objective, persons_words, status, recorded_by, recorded_at)
  VALUES (OLD.person_id, OLD.id, OLD.need_section, OLD.requirement_id, OLD.objective, OLD.persons_words, OLD.status, OLD.updated_by, OLD.updated_at);
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER plan_objectives_history BEFORE UPDATE ON plan_objectives FOR EACH ROW EXECUTE FUNCTION plan_objectives_keep_history();

CREATE TABLE plan_actions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  objective_id bigint NOT NULL REFERENCES plan_objectives,
  action text NOT NULL CHECK (length(action) BETWEEN 1 AND 2000),
  owner text NOT NULL CHECK (owner IN ('person', 'practitioner', 'agency')),
  agency_name text CHECK (length(agency_name) <= 200),
  target_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'not_done')),
  status_note text CHECK (length(status_note) <= 2000),
  status_on date,
  status_by int REFERENCES users,
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((owner = 'agency') = (agency_name IS NOT NULL)),
  CHECK ((status = 'open') = (status_on IS NULL)),
  CHECK (status <> 'not_done' OR status_note IS NOT NULL)
);
CREATE INDEX plan_actions_objective ON plan_actions (objective_id, id);
CREATE INDEX plan_actions_open ON plan_actions (person_id, target_on) WHERE status = 'open';

-- An action's wording, owner and date are fixed once saved; only its outcome is recorded, once.
CREATE FUNCTION plan_actions_outcome_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'open' OR (NEW.action, NEW.owner, NEW.agency_name, NEW.target_on, NEW.person_id, NEW.objective_id)
     IS DISTINCT FROM (OLD.action, OLD.owner, OLD.agency_name, OLD.target_on, OLD.person_id, OLD.objective_id) THEN
    RAISE EXCEPTION 'an action records its outcome once and is otherwise never changed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER plan_actions_outcome BEFORE UPDATE ON plan_actions FOR EACH ROW EXECUTE FUNCTION plan_actions_outcome_once();

CREATE TABLE plan_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  plan_id bigint NOT NULL REFERENCES sentence_plans,
  reviewed_on date NOT NULL,
  next_review_on date NOT NULL CHECK (next_review_on > reviewed_on),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 4000),
  reviewed_by int REFERENCES users,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_reviews_plan ON plan_reviews (plan_id, reviewed_on DESC, id DESC);

CREATE TABLE plan_review_progress (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  review_id bigint NOT NULL REFERENCES plan_reviews,
  objective_id bigint NOT NULL REFERENCES plan_objectives,
  rating text NOT NULL CHECK (rating IN ('not_started', 'some_progress', 'good_progress', 'achieved')),
  progress text NOT NULL CHECK (length(progress) <= 4000),
  UNIQUE (review_id, objective_id)
);
CREATE INDEX plan_review_progress_objective ON plan_review_progress (objective_id, review_id DESC);

CREATE FUNCTION plans_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: what was saved is never changed or removed', TG_TABLE_NAME;
END $$;
CREATE TRIGGER plan_reviews_append_only BEFORE UPDATE OR DELETE ON plan_reviews FOR EACH ROW EXECUTE FUNCTION plans_append_only();
CREATE TRIGGER plan_review_progress_append_only BEFORE UPDATE OR DELETE ON plan_review_progress FOR EACH ROW EXECUTE FUNCTION plans_append_only();
CREATE TRIGGER plan_objective_history_append_only BEFORE UPDATE OR DELETE ON plan_objective_history FOR EACH ROW EXECUTE FUNCTION plans_append_only();
CREATE TRIGGER plan_objectives_no_delete BEFORE DELETE ON plan_objectives FOR EACH ROW EXECUTE FUNCTION plans_append_only();
CREATE TRIGGER plan_actions_no_delete BEFORE DELETE ON plan_actions FOR EACH ROW EXECUTE FUNCTION plans_append_only();
CREATE TRIGGER sentence_plans_no_delete BEFORE DELETE ON sentence_plans FOR EACH ROW EXECUTE FUNCTION plans_append_only();
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Delivery capacity per PDU and requirement type (and programme), and the queues of people waiting to
// start: the start-date forecast reads both. How each type is delivered and its start limit are data
// (requirement_delivery_rules), so a changed standard is an update, not a release.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
-- weekly_slots: N places a week on one weekday (unpaid work inductions, attendance centre sessions).
-- groups: groups with a start date and places (accredited programmes); a started group takes no more.
-- provider_places: concurrent places of a typical length (treatment); a place frees when a treatment ends.
-- immediate: no queue; starts within the capacity row's lead_days of the order.
-- start_limit_days: the latest start after the order (working days when start_limit_working_days), with its reason and source.
CREATE TABLE requirement_delivery_rules (
  requirement_type text PRIMARY KEY REFERENCES requirement_types,
  delivery_model text NOT NULL CHECK (delivery_model IN ('weekly_slots', 'groups', 'provider_places', 'immediate')),
  start_limit_days int CHECK (start_limit_days > 0),
  start_limit_working_days boolean NOT NULL DEFAULT false,
  start_limit_reason text,
  start_limit_source text,
  CHECK ((start_limit_days IS NULL) = (start_limit_reason IS NULL))
);

-- What a PDU has for a requirement type (one row per programme for accredited programmes). No row: the
-- PDU does not deliver it. places: per week (weekly_slots) or at once (provider_places); 0 = none.
-- lead_days: the soonest a start can be arranged after the order (booking, referral, assessment).
CREATE TABLE delivery_capacity (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pdu_id int NOT NULL REFERENCES pdus,
  requirement_type text NOT NULL REFERENCES requirement_delivery_rules,
  programme_code text REFERENCES accredited_programmes,
  provider text CHECK (length(provider) <= 200),
  weekday int CHECK (weekday BETWEEN 1 AND 7),
  places int CHECK (places BETWEEN 0 AND 10000),
  length_weeks int CHECK (length_weeks BETWEEN 1 AND 156),
  lead_days int NOT NULL DEFAULT 0 CHECK (lead_days BETWEEN 0 AND 365),
  updated_by int REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((requirement_type = 'accredited_programme') = (programme_code IS NOT NULL))
);
CREATE UNIQUE INDEX delivery_capacity_key ON delivery_capacity (pdu_id, requirement_type, coalesce(programme_code, ''));

-- An accredited programme's groups at a PDU: people waiting fill them in start order.
CREATE TABLE programme_groups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  capacity_id bigint NOT NULL REFERENCES delivery_capacity ON DELETE CASCADE,
  starts_on date NOT NULL,
  places int NOT NULL CHECK (places BETWEEN 1 AND 100),
  location text CHECK (length(location) <= 200),
  created_by int REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_groups_capacity ON programme_groups (capacity_id, starts_on);

-- A requirement waiting to start at a PDU: waiting while started_on and left_on are empty, in order of
-- joined_on then id. A started treatment holds its place until it ends (started_on + length) or leaves.
CREATE TABLE requirement_queue (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people,
  requirement_id bigint NOT NULL REFERENCES requirements,
  pdu_id int NOT NULL REFERENCES pdus,
  requirement_type text NOT NULL REFERENCES requirement_types,
  programme_code text REFERENCES accredited_programmes,
  joined_on date NOT NULL,
  started_on date,
  left_on date,
  left_kind text CHECK (left_kind IN ('order_ended', 'transferred', 'withdrawn', 'treatment_ended', 'other')),
  left_reason text CHECK (length(left_reason) BETWEEN 1 AND 2000),
  updated_by int REFERENCES users,
  CHECK ((left_on IS NULL) = (left_kind IS NULL) AND (left_on IS NULL) = (left_reason IS NULL)),
  CHECK (started_on IS NULL OR started_on >= joined_on)
);
CREATE UNIQUE INDEX requirement_queue_live ON requirement_queue (requirement_id) WHERE left_on IS NULL;
CREATE INDEX requirement_queue_waiting ON requirement_queue (pdu_id, requirement_type, programme_code, joined_on, id) WHERE left_on IS NULL;
CREATE INDEX requirement_queue_person ON requirement_queue (person_id);

INSERT INTO requirement_delivery_rules (requirement_type, delivery_model, start_limit_days, start_limit_working_days, start_limit_reason, start_limit_source) VALUES
  ('unpaid_work', 'weekly_slots', 10, true, 'The first unpaid work session should be within 10 working days of the order', 'National Standards for the Management of Offenders (2007), unpaid work: first work session within 10 working days of sentence'),
  ('rehabilitation_activity', 'immediate', 5, true, 'The first appointment should be within 5 working days of the order', 'National Standards for the Management of Offenders (2007): first appointment within 5 working days of sentence'),
  ('accredited_programme', 'groups', 91, false, 'A programme should start within 13 weeks so that it can be finished well within the order', 'Service policy setting (no national figure): 13 weeks'),
  ('drug_rehabilitation', 'provider_places', 21, false, 'Treatment should start within 3 weeks of referral', 'National drug and alcohol treatment waiting time standard: 3 weeks from referral to treatment'),
  ('alcohol_treatment', 'provider_places', 21, false, 'Treatment should start within 3 weeks of referral', 'National drug and alcohol treatment waiting time standard: 3 weeks from referral to treatment'),
  ('mental_health_treatment', 'provider_places', 42, false, 'Treatment should start within 6 weeks of referral', 'NHS Talking Therapies waiting time standard: treatment within 6 weeks of referral'),
  ('curfew', 'immediate', 1, false, 'A curfew runs from the day the court sets; the tag is fitted on the first night', 'Sentencing Code, Schedule 9 Parts 5 and 14 (curfew, electronic monitoring); the monitoring service fits the tag on the first curfew night'),
  ('exclusion', 'immediate', 1, false, 'An exclusion runs from the day the court sets', 'Sentencing Code, Schedule 9 Part 6'),
  ('residence', 'immediate', 1, false, 'A residence requirement runs from the day of the order', 'Sentencing Code, Schedule 9 Part 7'),
  ('prohibited_activity', 'immediate', 1, false, 'A prohibition runs from the day of the order', 'Sentencing Code, Schedule 9 Part 4'),
  ('alcohol_abstinence', 'immediate', 2, false, 'The alcohol monitoring tag should be fitted within 2 days of the order', 'Electronic monitoring service: alcohol monitoring tag fitted within 48 hours'),
  ('attendance_centre', 'weekly_slots', null, false, null, null);

INSERT INTO role_permissions (role_code, permission)
SELECT code, 'capacity:manage' FROM roles WHERE code IN ('senior-probation-officer', 'admin');
`).execute(db);
}

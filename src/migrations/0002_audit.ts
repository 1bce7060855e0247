import { sql, type Kysely } from 'kysely';

// The audit log is append-only and hash-chained. A trigger serialises inserts, numbers the row
// after taking the lock (so id order is chain order) and sets
//   hash = sha256(prev_hash || audit_row_content(row)).
// The verifier recomputes the same from the rows, so any edited, removed or inserted row shows.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
  id bigint PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id int,
  username text,
  person_id bigint,
  action text NOT NULL,
  detail jsonb,
  request_id text,
  ip text,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL
);
CREATE INDEX audit_log_person ON audit_log (person_id, id) WHERE person_id IS NOT NULL;
CREATE INDEX audit_log_user ON audit_log (user_id, id);

CREATE FUNCTION audit_row_content(r audit_log) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT convert_to(concat_ws('|',
    r.id::text,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.user_id::text, ''),
    coalesce(r.username, ''),
    coalesce(r.person_id::text, ''),
    r.action,
    coalesce(r.detail::text, ''),
    coalesce(r.request_id, ''),
    coalesce(r.ip, '')
  ), 'UTF8')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(7261001);
  NEW.id := nextval('audit_log_id_seq');
  NEW.at := clock_timestamp();
  SELECT hash INTO previous FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(previous, '\\x'::bytea);
  NEW.hash := sha256(NEW.prev_hash || audit_row_content(NEW));
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`).execute(db);
}

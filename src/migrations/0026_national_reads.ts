import { sql, type Kysely } from 'kysely';

// Reads at national scale (issue 7): name search, and every flag of a case for its header.
//
// Name search. Matching a typed surname by trigram against two million
// people's rows read every person of a common-looking name (about 0.5 s for a region). Surnames repeat:
// the distinct ones are few, so the fuzzy match runs against them, and people are then found by the
// exact (lower-cased) surname through a btree index. Statement-level triggers keep the list, so a COPY
// of a million rows adds one statement, not a million.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE TABLE surnames (name text PRIMARY KEY);
INSERT INTO surnames (name)
  SELECT lower(last_name) FROM people UNION SELECT lower(last_name) FROM person_aliases;
CREATE INDEX surnames_trgm ON surnames USING gin (name gin_trgm_ops);

CREATE FUNCTION remember_surnames() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO surnames (name) SELECT DISTINCT lower(last_name) FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER people_surnames_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remember_surnames();
CREATE TRIGGER people_surnames_update AFTER UPDATE ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remember_surnames();
CREATE TRIGGER person_aliases_surnames_insert AFTER INSERT ON person_aliases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remember_surnames();
CREATE TRIGGER person_aliases_surnames_update AFTER UPDATE ON person_aliases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remember_surnames();

-- People by exact surname within a region (the scope of most roles); aliases by exact surname.
CREATE INDEX people_surname_region ON people (lower(last_name), region_id);
CREATE INDEX person_aliases_surname ON person_aliases (lower(last_name));
-- The trigram indexes on the rows themselves are no longer read, and slowed every insert.
DROP INDEX people_last_name_trgm;
DROP INDEX person_aliases_last_name_trgm;
DROP INDEX people_first_name_trgm;

-- A case's header lists all its flags, ended ones too: the partial index (active only) left that a scan.
DROP INDEX registrations_person;
CREATE INDEX registrations_person ON registrations (person_id);
`).execute(db);
}

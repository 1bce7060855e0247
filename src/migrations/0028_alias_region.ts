import { sql, type Kysely } from 'kysely';

// Name search reads aliases by close surname (people/repository.ts). Aliases held no region, so a search within
// one region read every region's aliases of each close surname and then each of their people, to keep the
// twelfth in reach: at national size about 500 aliases and 500 people a search, most of its time. An alias now
// carries its person's region, kept in step by triggers, and its index takes the region too. The search still
// filters people by their own region: a stale alias region could only miss a match, never show one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
ALTER TABLE person_aliases ADD COLUMN region_id int REFERENCES regions;
UPDATE person_aliases a SET region_id = p.region_id FROM people p WHERE p.id = a.person_id;
ALTER TABLE person_aliases ALTER COLUMN region_id SET NOT NULL;
CREATE INDEX person_aliases_surname_region ON person_aliases (lower(last_name), region_id) INCLUDE (person_id);
DROP INDEX person_aliases_surname;

CREATE FUNCTION person_alias_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.region_id := (SELECT region_id FROM people WHERE id = NEW.person_id);
  RETURN NEW;
END
$$;
CREATE TRIGGER person_aliases_region BEFORE INSERT OR UPDATE OF person_id ON person_aliases
  FOR EACH ROW EXECUTE FUNCTION person_alias_region();

CREATE FUNCTION people_region_to_aliases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE person_aliases SET region_id = NEW.region_id WHERE person_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER people_region_to_aliases AFTER UPDATE OF region_id ON people
  FOR EACH ROW WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id) EXECUTE FUNCTION people_region_to_aliases();
`).execute(db);
}

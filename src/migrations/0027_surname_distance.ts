import { sql, type Kysely } from 'kysely';

// Name search takes the surnames nearest the typed one (people/repository.ts). With the GIN trigram index
// the planner must read every surname passing the similarity threshold and sort them, and on a mid-sized
// list (18,000 surnames at 200,000 people) it chose to compute the similarity of every surname instead
// (39 ms a search). A GiST trigram index hands them out nearest first (`ORDER BY name <-> $1 LIMIT n`),
// so the search reads only the few it keeps, whatever the list's size.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE INDEX surnames_trgm_nearest ON surnames USING gist (name gist_trgm_ops);
DROP INDEX surnames_trgm;
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Back from GiST (migration 0027) to GIN for the surnames' trigrams. The surnames are composed of shared parts
// (kings-, -ridge-, -wood), so GiST's trigram signatures hardly tell them apart: finding the 23 surnames close
// to a typed one read 163 of the index's pages, 4-9 ms, the largest part of a name search at national size.
// GIN reads only the typed name's trigrams' lists (0.5 ms) and the search sorts the few matches by similarity
// itself (people/repository.ts), so the planner is not tempted to compute the similarity of every surname.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE INDEX surnames_trgm ON surnames USING gin (name gin_trgm_ops);
DROP INDEX surnames_trgm_nearest;
`).execute(db);
}

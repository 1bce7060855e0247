import { sql, type Kysely } from 'kysely';

// Name search starts from the surnames close to the typed one (people/repository.ts). Through the GiST
// trigram index (0027) that took 3-6 ms at national size, two thirds of a search: its signatures hardly
// tell composed surnames apart, so the whole index was read. A GIN trigram index finds the candidates
// sharing trigrams (about 400 for a 14-letter name) in under a millisecond. But in the search's statement
// the planner preferred to compute the similarity of every surname (28 ms at 200,000 people), because it
// costs the trigram comparison like an addition. Here the lookup is a function of its own, planned with
// sequential scans off, so it takes the index whatever the statistics; its ROWS tells the statement what
// to expect. The index is written straight through (fastupdate off): new surnames are rare, and GIN's
// pending list, left until a VACUUM, is read in full by every search and priced so that the planner
// preferred reading the whole primary key (48 ms a search on PGlite at 200,000 people, against 7).
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE INDEX surnames_trgm ON surnames USING gin (name gin_trgm_ops) WITH (fastupdate = off);
DROP INDEX surnames_trgm_nearest;

CREATE FUNCTION close_surnames(typed text, wanted int) RETURNS TABLE (name text, sim real)
  LANGUAGE plpgsql STABLE ROWS 100 SET enable_seqscan = off AS $$
BEGIN
  RETURN QUERY SELECT s.name, similarity(s.name, typed) FROM surnames s WHERE s.name % typed
    ORDER BY 2 DESC, 1 LIMIT wanted;
END
$$;
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Name search starts from the surnames close to the typed one (people/repository.ts). Through the GiST
// trigram index (0027) that took 3-6 ms at national size, two thirds of a search: its signatures hardly
// tell composed surnames apart, so the whole index was read. A GIN trigram index finds the candidates
// sharing trigrams (about 400 for a 14-letter name) in under a millisecond. But in the search's statement
// the planner preferred to compute the similarity of every surname (28 ms at 200,000 people), because it
// costs the trigram comparison like an addition. Here the lookup is a function of its own, planned with
// sequential scans off, so it takes the index whatever the statistics; its ROWS tells the statement what
// to expect.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE INDEX surnames_trgm ON surnames USING gin (name gin_trgm_ops);
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

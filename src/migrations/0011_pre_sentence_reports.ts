import { sql, type Kysely } from 'kysely';

// Pre-sentence reports: requests, assignment, versions with their PDFs, countersigning.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
SELECT 1;
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Requirement details (units and limits as data) and licence conditions.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
SELECT 1;
`).execute(db);
}

import { sql, type Kysely } from 'kysely';

// Delivery capacity per PDU and requirement type, and the queues of people waiting to start.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
SELECT 1;
`).execute(db);
}

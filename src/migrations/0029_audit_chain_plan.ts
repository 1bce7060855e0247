import { sql, type Kysely } from 'kysely';

// Every audited request runs the chain trigger (migration 0002), which reads the last row's hash
// (ORDER BY id DESC LIMIT 1). PL/pgSQL keeps that statement's plan for the life of the connection, made
// from the statistics of the moment. A log analysed while nearly empty is planned as a scan of the whole
// table and a sort, and the plan stays until the next ANALYZE: on a server without autovacuum the log grew
// by 30,000 rows in a minute of load and each case read scanned all of them (4x slower within a minute).
// With sequential scans off inside the trigger, the plan is the primary key's backward scan, whatever the
// statistics say.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER FUNCTION audit_log_chain() SET enable_seqscan = off;`).execute(db);
}

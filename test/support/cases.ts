import { sql } from 'kysely';
import type { Db } from '../../src/database.ts';

/**
 * What hangs on a case's events and sentences, children first: the supervision record (contacts, plans,
 * enforcement, reminders, partners' reports) and then the sentencing itself.
 */
const HUNG_ON_EVENTS = [
  'reminder_messages', 'alleged_breaches', 'compliance_returns', 'warning_letters', 'enforcement_decisions', 'enforcement_actions',
  'plan_review_progress', 'plan_reviews', 'plan_actions', 'plan_objective_history', 'plan_objectives', 'sentence_plans',
  'contacts', 'requirement_queue', 'licence_conditions', 'requirements', 'sentences', 'event_offences', 'events',
] as const;

/**
 * Clears a demo case's events and everything hung on them, so a test starts it as a new case does. Test
 * databases only: the supervision record is append-only, so its triggers are switched off for this one
 * transaction (session_replication_role), and every dependent row is removed explicitly, children first.
 */
export async function clearSentencing(db: Db, personId: number) {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    for (const table of HUNG_ON_EVENTS) await sql`DELETE FROM ${sql.table(table)} WHERE person_id = ${personId}`.execute(trx);
  });
}

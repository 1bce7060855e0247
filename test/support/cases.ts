import type { Db } from '../../src/database.ts';

/** Clears a demo case's events and everything hung on them, so a test starts it as a new case does. */
export async function clearSentencing(db: Db, personId: number) {
  for (const table of ['requirement_queue', 'licence_conditions', 'requirements', 'sentences', 'event_offences', 'events'] as const) {
    await db.deleteFrom(table).where('person_id', '=', personId).execute();
  }
}

/**
 * CONTRACT (filled in by the enforcement work): what other areas ask of enforcement. Contacts calls
 * reviewEnforcement in the same transaction after recording or correcting an outcome, so keep its name
 * and shape.
 */
import type { Db } from '../../database.ts';

/**
 * Re-reads the person's contact history (current_contacts) and applies the enforcement rules: a new failure
 * to comply opens the action it calls for (a warning, breach action due, a further failure, a recall
 * review) for the practitioner; a corrected outcome that is no longer a failure withdraws an action not
 * yet taken. Never decides a breach or recall itself: those are a person's decisions.
 */
export async function reviewEnforcement(_trx: Db, _personId: number, _byUserId: number | null): Promise<void> {
}

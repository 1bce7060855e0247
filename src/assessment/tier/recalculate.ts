import type { Db } from '../../database.ts';

/**
 * Recalculates a case's tier from everything the record holds now, after any input has changed (an
 * assessment completed, a flag added, a sentence made...). Call it inside the transaction that saved
 * the change, with `reason` saying what changed (e.g. "RoSH assessment completed"), so the tier can
 * never lag behind its inputs. Keeps the calculation with its inputs; notifies when the tier moves.
 */
export async function recalculateTier(db: Db, personId: number, reason: string, actorId: number | null): Promise<void> {
  void db; void personId; void reason; void actorId; // filled in by the tier work (same session)
}

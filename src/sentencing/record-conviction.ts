import { recalculateTier } from '../assessment/tier/recalculate.ts';
import type { Db } from '../database.ts';
import { addConviction } from './repository.ts';
import type { NewConviction } from './rules.ts';

/** Saves a validated conviction and recalculates the case's scores and tier in the same transaction; returns the new tier. */
export async function recordConviction(db: Db, personId: number, conviction: NewConviction, userId: number) {
  return db.transaction().execute(async (trx) => {
    const event = await addConviction(trx, personId, conviction, userId);
    await recalculateTier(trx, personId, 'Conviction and sentence recorded', userId);
    const tier = await trx.selectFrom('tier_calculations').select('tier').where('person_id', '=', personId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return { event, tier: tier?.tier ?? null };
  });
}

/** What other areas ask of sentence plans. */
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';

/**
 * Open plan actions past their target date (of objectives not withdrawn), per person (My cases' "overdue actions"); people with none
 * are absent from the map. Batched, so a whole caseload is a few queries.
 */
export async function overdueActionsOf(db: Db, personIds: readonly number[], today: string): Promise<Map<number, number>> {
  const rows = await inBatches([...new Set(personIds)], (batch) => db.selectFrom('plan_actions as a')
    .innerJoin('plan_objectives as o', 'o.id', 'a.objective_id')
    .select(['a.person_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('a.person_id', 'in', batch).where('a.status', '=', 'open').where('a.target_on', '<', today)
    .where('o.status', '<>', 'withdrawn') // a withdrawn objective's actions are no longer expected
    .groupBy('a.person_id').execute());
  return new Map(rows.map((r) => [Number(r.person_id), Number(r.count)]));
}

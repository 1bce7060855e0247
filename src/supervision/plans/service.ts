/** What other areas ask of sentence plans. */
import { sql, type Expression } from 'kysely';
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';

/**
 * How many open plan actions of one person (an id expression) are past their target date, of objectives not
 * withdrawn (a withdrawn objective's actions are no longer expected): the partial index plan_actions_open answers it.
 */
export const overdueActionsCountOf = (personId: Expression<number>, today: string) =>
  sql<number>`(select count(*)::int from plan_actions a join plan_objectives o on o.id = a.objective_id
    where a.person_id = ${personId} and a.status = 'open' and a.target_on < ${today} and o.status <> 'withdrawn')`;

/**
 * Open plan actions past their target date, per person (My cases' "overdue actions"); people with none
 * are absent from the map. Batched, so a whole caseload is one query.
 */
export async function overdueActionsOf(db: Db, personIds: readonly number[], today: string): Promise<Map<number, number>> {
  const rows = await inBatches([...new Set(personIds)], (batch) => db.selectFrom('people')
    .select(['people.id', overdueActionsCountOf(sql.ref('people.id'), today).as('count')])
    .where('people.id', 'in', batch).execute());
  return new Map(rows.filter((r) => Number(r.count) > 0).map((r) => [Number(r.id), Number(r.count)]));
}

import { sql } from 'kysely';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';

/** Every tier calculation for a case, newest first, with who caused it. */
export async function tierHistory(db: Db, personId: number) {
  return db.selectFrom('tier_calculations as t').leftJoin('users as u', 'u.id', 't.calculated_by')
    .select(['t.id', 't.tier', 't.result', 't.inputs', 't.sources', 't.reason', 't.calculated_at', 't.previous_tier', 't.changed', 'u.display_name as calculated_by_name'])
    .where('t.person_id', '=', personId).orderBy('t.id', 'desc').limit(100).execute();
}

/**
 * Open re-allocation reviews for a team, oldest first: the team manager's queue. A case the access list
 * refuses this user shows only its CRN, as in search.
 */
export async function openReallocationReviews(db: Db, teamId: number, user: CurrentUser) {
  const allowed = accessListAllows(user);
  return db.selectFrom('reallocation_reviews as r')
    .innerJoin('people', 'people.id', 'r.person_id')
    .innerJoin('tier_calculations as t', 't.id', 'r.tier_calculation_id')
    .select(['r.id', 'r.reason', 'r.created_at', 'people.crn', 't.tier', 't.previous_tier', allowed.as('viewable')])
    .select(sql<string | null>`case when ${allowed} then people.first_name || ' ' || people.last_name end`.as('name'))
    .where('r.team_id', '=', teamId).where('r.resolved_at', 'is', null).where(inScope(user)).orderBy('r.id').limit(200).execute();
}

export async function resolveReallocationReview(db: Db, id: number, teamId: number, resolution: string, userId: number) {
  const row = await db.updateTable('reallocation_reviews').set({ resolved_at: new Date(), resolved_by: userId, resolution })
    .where('id', '=', id).where('team_id', '=', teamId).where('resolved_at', 'is', null).returning('person_id').executeTakeFirst();
  return row?.person_id ?? null;
}

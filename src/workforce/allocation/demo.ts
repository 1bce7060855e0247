import { sql } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { allocateCase, rankForCase } from './service.ts';
import type { AllocationSource } from './tables.ts';

const SOURCES: AllocationSource[] = ['court', 'court', 'court', 'custody', 'custody', 'transfer_in'];
const OVERRIDE = 'Knows the family from a previous order and the person asked for continuity.';

/**
 * Demonstration data for allocation: the cases loaded without a practitioner wait in their team's queue
 * (mixed sources, arrived over the last three weeks); a few per team were decided in the past through the
 * real ranking and allocateCase (one an override with its reason), so the cases show an allocation history.
 */
export async function seedAllocationDemo(db: Db, random: Random, today: string): Promise<void> {
  const waiting = await db.selectFrom('case_allocations as a').innerJoin('users as u', (j) => j.onRef('u.team_id', '=', 'a.team_id').on('u.role_code', '=', 'senior-probation-officer'))
    .select(['a.person_id', 'a.team_id', 'u.id as managerId']).where('a.ended_at', 'is', null).where('a.practitioner_id', 'is', null)
    .orderBy('a.person_id').execute();
  const decidedByTeam = new Map<number, number>();
  for (const row of waiting) {
    const source = SOURCES[random.int(0, SOURCES.length - 1)]!;
    const daysAgo = random.int(0, 21);
    const done = decidedByTeam.get(row.team_id) ?? 0;
    if (done >= 2) {
      await db.insertInto('allocation_requests').values({ person_id: row.person_id, team_id: row.team_id, source, arrived_at: sql<Date>`${today}::date - ${daysAgo}::int + time '09:00'` }).execute();
      continue;
    }
    // A past decision: ranked and allocated as the page does, then dated back to when it was made.
    decidedByTeam.set(row.team_id, done + 1);
    const manager = { id: row.managerId } as CurrentUser;
    const ranked = await rankForCase(db, row.person_id, row.team_id, manager, today);
    const override = done === 1 && ranked.ranking.eligible.length > 1;
    const chosen = ranked.ranking.eligible[override ? 1 : 0];
    if (!chosen) continue;
    const { decisionId } = await allocateCase(db, {
      personId: row.person_id, teamId: row.team_id, practitionerId: chosen.userId, ranking: ranked.ranking,
      overrideReason: override ? OVERRIDE : null, overCapacityConfirmed: true, requestId: null, source, decidedBy: row.managerId,
    });
    const at = sql<Date>`${today}::date - ${daysAgo + 30}::int + time '10:30'`;
    const decision = await db.updateTable('allocation_decisions').set({ created_at: at }).where('id', '=', decisionId).returning('request_id').executeTakeFirstOrThrow();
    await db.updateTable('allocation_requests').set({ arrived_at: sql<Date>`${today}::date - ${daysAgo + 33}::int + time '09:00'`, decided_at: at }).where('id', '=', decision.request_id).execute();
    await db.updateTable('case_allocations').set({ started_at: at }).where('person_id', '=', row.person_id).where('ended_at', 'is', null).execute();
    await db.updateTable('case_allocations').set({ ended_at: at, started_at: sql<Date>`${today}::date - ${daysAgo + 33}::int + time '09:00'` })
      .where('person_id', '=', row.person_id).where('ended_at', 'is not', null).where('practitioner_id', 'is', null).execute();
    await db.updateTable('notifications').set({ created_at: at, read_at: at }).where('person_id', '=', row.person_id).where('kind', '=', 'allocation').execute();
  }
}

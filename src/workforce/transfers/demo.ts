import { sql } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { allocateCase, rankForCase } from '../allocation/service.ts';
import { excludeFromRanking } from './forms.ts';

const REASONS = [
  'Moved to a flat in Newcastle city centre; reports at the Central office.',
  'Starting work near the Central office; appointments there are easier to keep.',
  'Moved in with family in Heaton, closer to Newcastle Central.',
  'Court transferred supervision after a change of address to Jesmond.',
];
const REJECTION = 'The address is in Gateshead, which Newcastle West covers: please send it there.';

/**
 * Demonstration data for transfers: four cases from other teams asked into Newcastle Central (sam.spo's
 * team): two waiting for a decision, one rejected with its reason, one accepted and allocated through
 * the real ranking and allocateCase. Dated over the last fortnight.
 */
export async function seedTransferDemo(db: Db, random: Random, today: string): Promise<void> {
  const central = await db.selectFrom('teams').select('id').where('code', '=', 'NE-NCL-C').executeTakeFirst();
  const sam = await db.selectFrom('users').select(['id', 'team_id']).where('username', '=', 'sam.spo').executeTakeFirst();
  if (!central || !sam) return;
  // Allocated cases of other teams, with no access list and nothing waiting in a queue.
  const cases = await db.selectFrom('case_allocations as a')
    .innerJoin('users as manager', (j) => j.onRef('manager.team_id', '=', 'a.team_id').on('manager.role_code', '=', 'senior-probation-officer'))
    .select(['a.person_id', 'a.team_id', 'a.practitioner_id', 'manager.id as managerId'])
    .where('a.ended_at', 'is', null).where('a.practitioner_id', 'is not', null).where('a.team_id', '!=', central.id)
    .where('a.person_id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
    .where('a.person_id', 'not in', db.selectFrom('allocation_requests').select('person_id').where('status', '=', 'awaiting'))
    .orderBy('a.person_id').execute();
  const picked: typeof cases = [];
  for (let i = 0; i < 4 && cases.length; i++) picked.push(cases.splice(random.int(0, cases.length - 1), 1)[0]!);

  for (const [i, c] of picked.entries()) {
    const daysAgo = 12 - i * 3;
    const requestedAt = sql<Date>`${today}::date - ${daysAgo}::int + time '11:00'`;
    const { id } = await db.insertInto('case_transfers').values({
      person_id: c.person_id, from_team_id: c.team_id, from_practitioner_id: c.practitioner_id, to_team_id: central.id,
      to_practitioner_id: null, reason: REASONS[i]!, appointments: i % 2 ? 'keep' : 'reassign', requested_by: c.managerId, requested_at: requestedAt,
    }).returning('id').executeTakeFirstOrThrow();
    const decidedAt = sql<Date>`${today}::date - ${daysAgo - 1}::int + time '15:00'`;
    if (i === 0) {
      // Accepted: ranked for Newcastle Central and allocated as the page does.
      const ranked = await rankForCase(db, c.person_id, central.id, { id: sam.id } as CurrentUser, today);
      const ranking = excludeFromRanking(ranked.ranking, c.practitioner_id, 'Holds the case now: the transfer moves it to someone else');
      const chosen = ranking.eligible[0];
      if (!chosen) continue;
      const { decisionId } = await allocateCase(db, {
        personId: c.person_id, teamId: central.id, practitionerId: chosen.userId, ranking, overrideReason: null,
        overCapacityConfirmed: true, requestId: null, source: 'transfer_in', decidedBy: sam.id,
      });
      await db.updateTable('case_transfers').set({ status: 'accepted', decided_by: sam.id, decided_at: decidedAt, allocation_decision_id: decisionId }).where('id', '=', id).execute();
      // Dated back to the decision, as the allocation demo does: the old spell ends when the new one starts.
      await db.updateTable('allocation_decisions').set({ created_at: decidedAt }).where('id', '=', decisionId).execute();
      await db.updateTable('case_allocations').set({ started_at: decidedAt }).where('person_id', '=', c.person_id).where('ended_at', 'is', null).execute();
      await db.updateTable('case_allocations').set({ ended_at: decidedAt }).where('person_id', '=', c.person_id)
        .where('ended_at', 'is not', null).where('practitioner_id', '=', c.practitioner_id).where('ended_at', '>', decidedAt).execute();
    } else if (i === 1) {
      await db.updateTable('case_transfers').set({ status: 'rejected', decided_by: sam.id, decided_at: decidedAt, decision_reason: REJECTION }).where('id', '=', id).execute();
      await db.insertInto('notifications').values({ person_id: c.person_id, user_id: c.managerId, kind: 'transfer-rejected', message: `Sam Robson rejected a transfer: ${REJECTION}`, link: `/transfers/${id}` }).execute();
    } else {
      await db.insertInto('notifications').values({ person_id: c.person_id, user_id: sam.id, kind: 'transfer-requested', message: 'A transfer into Newcastle Central is waiting for your decision.', link: `/transfers/${id}` }).execute();
    }
  }
}

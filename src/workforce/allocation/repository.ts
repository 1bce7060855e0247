/** Allocation data access: the team queue, a request, a case's history, the over-capacity report. */
import { sql, type SqlBool } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import type { Ranking } from './ranking.ts';

/** The teams a manager may look at: every active team in their region, with its PDU. */
export async function teamsInRegion(db: Db, user: CurrentUser) {
  if (user.regionId === null) return [];
  return db.selectFrom('teams as t').innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .select(['t.id', 't.code', 't.name', 'p.name as pduName', 'p.code as pduCode'])
    .where('p.region_id', '=', user.regionId).where('t.active', '=', true)
    .orderBy('p.name').orderBy('t.name').execute();
}
export type TeamChoice = Awaited<ReturnType<typeof teamsInRegion>>[number];

const latestTier = sql<string | null>`(SELECT tc.tier FROM tier_calculations tc WHERE tc.person_id = people.id ORDER BY tc.id DESC LIMIT 1)`;
const latestRosh = sql<string | null>`(SELECT r.overall FROM rosh_assessments r WHERE r.person_id = people.id AND NOT r.superseded LIMIT 1)`;

/** A team's awaiting requests, oldest first; `viewable` is false where the access list refuses the user. */
export async function queueFor(db: Db, teamId: number, user: CurrentUser, today: string) {
  return db.selectFrom('allocation_requests as r').innerJoin('people', 'people.id', 'r.person_id')
    .select([
      'r.id', 'r.source', 'r.arrived_at', 'people.crn', 'people.first_name', 'people.last_name',
      sql<boolean>`${accessListAllows(user)}`.as('viewable'), latestTier.as('tier'), latestRosh.as('rosh'),
      sql<number>`(${today}::date - r.arrived_at::date)`.as('daysWaiting'),
    ])
    .where('r.team_id', '=', teamId).where('r.status', '=', 'awaiting').where(inScope(user))
    .orderBy('r.arrived_at').orderBy('r.id').execute();
}
export type QueueRow = Awaited<ReturnType<typeof queueFor>>[number];

/** One request with its team, when the team is in the user's region (others are not theirs to see). */
export async function requestFor(db: Db, id: number, user: CurrentUser) {
  if (user.regionId === null) return undefined;
  return db.selectFrom('allocation_requests as r').innerJoin('people', 'people.id', 'r.person_id')
    .innerJoin('teams as t', 't.id', 'r.team_id').innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .select(['r.id', 'r.person_id', 'r.team_id', 'r.source', 'r.status', 'r.arrived_at', 'r.decided_at', 'people.crn',
      't.code as teamCode', 't.name as teamName', 'd.display_name as decidedByName'])
    .where('r.id', '=', id).where('p.region_id', '=', user.regionId).where(inScope(user))
    .executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof requestFor>>>;

/** Each spell with the case (newest first), with the decision that started it when there was one. */
export async function allocationHistory(db: Db, personId: number) {
  const [spells, decisions, open] = await Promise.all([
    db.selectFrom('case_allocations as a').innerJoin('teams as t', 't.id', 'a.team_id').leftJoin('users as u', 'u.id', 'a.practitioner_id')
      .select(['a.id', 'a.practitioner_id', 'a.started_at', 'a.ended_at', 't.code as teamCode', 't.name as teamName', 'u.display_name as practitionerName', 'u.grade'])
      .where('a.person_id', '=', personId).orderBy('a.started_at', 'desc').orderBy('a.id', 'desc').execute(),
    db.selectFrom('allocation_decisions as d').innerJoin('allocation_requests as r', 'r.id', 'd.request_id')
      .innerJoin('users as p', 'p.id', 'd.practitioner_id').leftJoin('users as rec', 'rec.id', 'd.recommended_practitioner_id')
      .leftJoin('users as by', 'by.id', 'd.decided_by')
      .select(['d.id', 'd.practitioner_id', 'd.created_at', 'd.ranking', 'd.override_reason', 'd.over_capacity_confirmed', 'r.source',
        'p.display_name as practitionerName', 'rec.display_name as recommendedName', 'by.display_name as decidedByName'])
      .where('d.person_id', '=', personId).orderBy('d.id', 'desc').execute(),
    db.selectFrom('allocation_requests as r').innerJoin('teams as t', 't.id', 'r.team_id')
      .select(['r.id', 'r.source', 'r.arrived_at', 't.name as teamName'])
      .where('r.person_id', '=', personId).where('r.status', '=', 'awaiting').executeTakeFirst(),
  ]);
  // A decision starts its spell in the same transaction, so the two share a timestamp and practitioner.
  const used = new Set<number>();
  const rows = spells.map((s) => {
    const decision = decisions.find((d) => !used.has(d.id) && d.practitioner_id === s.practitioner_id
      && new Date(d.created_at).getTime() === new Date(s.started_at).getTime());
    if (decision) used.add(decision.id);
    return { ...s, decision: decision ? { ...decision, ranking: decision.ranking as Ranking } : null };
  });
  return { spells: rows, open: open ?? null };
}
export type HistorySpell = Awaited<ReturnType<typeof allocationHistory>>['spells'][number];

/** Allocations confirmed over capacity in the user's region, newest first. */
export async function overCapacityDecisions(db: Db, user: CurrentUser) {
  if (user.regionId === null) return [];
  return db.selectFrom('allocation_decisions as d').innerJoin('allocation_requests as r', 'r.id', 'd.request_id')
    .innerJoin('teams as t', 't.id', 'r.team_id').innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .innerJoin('people', 'people.id', 'd.person_id').innerJoin('users as u', 'u.id', 'd.practitioner_id')
    .leftJoin('users as by', 'by.id', 'd.decided_by')
    .select(['d.id', 'd.created_at', 'd.ranking', 'd.override_reason', 'd.practitioner_id', 'people.crn', 't.name as teamName',
      'u.display_name as practitionerName', 'by.display_name as decidedByName', sql<SqlBool>`${accessListAllows(user)}`.as('viewable')])
    .where('d.over_capacity_confirmed', '=', true).where('p.region_id', '=', user.regionId).where(inScope(user))
    .orderBy('d.id', 'desc').limit(500).execute();
}

export async function decisionSummary(db: Db, id: number) {
  return db.selectFrom('allocation_decisions as d').innerJoin('people', 'people.id', 'd.person_id').innerJoin('users as u', 'u.id', 'd.practitioner_id')
    .select(['d.id', 'd.over_capacity_confirmed', 'people.crn', 'u.display_name as practitionerName']).where('d.id', '=', id).executeTakeFirst();
}

/**
 * What other areas ask of allocation. Transfers' bulk
 * reallocation ranks and moves cases through these two functions, so keep the names and shapes.
 */
import { sql } from 'kysely';
import { PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import { roleGrants } from '../../auth/repository.ts';
import type { Db } from '../../database.ts';
import { userAllowedOnCase } from '../../access/visibility.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { capacityOf, pointsForCase } from '../workload/service.ts';
import { loadWeights } from '../workload/repository.ts';
import type { Weights } from '../workload/rules.ts';
import { rankCandidates, type CaseForAllocation, type Candidate, type Ranking, type RankingRules } from './ranking.ts';
import type { AllocationSource, RoshLevel } from './tables.ts';

export interface CaseRanking {
  personId: number;
  crn: string;
  /** Points the case adds to a caseload, and the sentence that explains them ("Tier B2 community case: 115 points"). */
  pointsAdded: number;
  pointsExplanation: string;
  ranking: Ranking;
  /** What the ranking was given about the case (shown on the page as the inputs). */
  case: CaseForAllocation & { tier: string | null };
  teamId: number;
}

/** Registrations that call for a specialism. ViSOR nominals are managed as sexual offending cases. */
const DOMESTIC_ABUSE_FLAGS = ['domestic_abuse_perpetrator'];
const SEXUAL_OFFENDING_FLAGS = ['visor'];

const day = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** The facts about a case the ranking needs, in one query plus its history. */
async function caseForAllocation(db: Db, personId: number) {
  const person = await db.selectFrom('people as p')
    .leftJoin('case_allocations as a', (j) => j.onRef('a.person_id', '=', 'p.id').on('a.ended_at', 'is', null))
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .select((eb) => [
      'p.id', 'p.crn', 'p.sex', 't.pdu_id',
      eb.selectFrom('rosh_assessments as r').select('r.overall').whereRef('r.person_id', '=', 'p.id').where('r.superseded', '=', false).limit(1).as('rosh'),
      eb.selectFrom('tier_calculations as tc').select('tc.tier').whereRef('tc.person_id', '=', 'p.id').orderBy('tc.id', 'desc').limit(1).as('tier'),
      eb.selectFrom('person_addresses as pa').select('pa.postcode').whereRef('pa.person_id', '=', 'p.id').where('pa.status', '=', 'main')
        .where('pa.end_date', 'is', null).orderBy('pa.start_date', 'desc').limit(1).as('postcode'),
      eb.selectFrom('tier_calculations as tc').select('tc.protect_level').whereRef('tc.person_id', '=', 'p.id').orderBy('tc.id', 'desc').limit(1).as('protectLevel'),
      eb.selectFrom('pre_sentence_reports as psr').select('psr.assigned_to').whereRef('psr.person_id', '=', 'p.id')
        .where('psr.assigned_to', 'is not', null).where('psr.status', '!=', 'cancelled').orderBy('psr.requested_at', 'desc').limit(1).as('psrAuthor'),
    ])
    .where('p.id', '=', personId).executeTakeFirst();
  if (!person) throw new HttpError(404, 'There is no case with that id.');
  const [flags, sexualOffence, history] = await Promise.all([
    db.selectFrom('registrations').select('type_code').where('person_id', '=', personId).where('deregistered_on', 'is', null).execute(),
    db.selectFrom('event_offences as eo').innerJoin('sentences as s', 's.event_id', 'eo.event_id').innerJoin('offences as o', 'o.code', 'eo.offence_code')
      .select('eo.id').where('eo.person_id', '=', personId).where('s.status', '=', 'active')
      .where('o.ogrs3_category', 'in', ['sexual_not_child', 'sexual_child']).limit(1).execute(),
    db.selectFrom('case_allocations').select(['practitioner_id', 'started_at', 'ended_at'])
      .where('person_id', '=', personId).where('practitioner_id', 'is not', null).orderBy('started_at').execute(),
  ]);
  const codes = new Set(flags.map((f) => f.type_code));
  const facts: CaseForAllocation & { tier: string | null } = {
    roshLevel: (person.rosh as RoshLevel | null) ?? null,
    protectLevel: person.protectLevel ?? null,
    tier: person.tier ?? null,
    sex: person.sex,
    domesticAbuse: DOMESTIC_ABUSE_FLAGS.some((c) => codes.has(c)),
    sexualOffending: SEXUAL_OFFENDING_FLAGS.some((c) => codes.has(c)) || sexualOffence.length > 0,
    previousPractitioners: history.map((h) => ({ userId: h.practitioner_id!, from: day(h.started_at)!, to: day(h.ended_at) })),
    psrAuthorId: person.psrAuthor ?? null,
    pduId: person.pdu_id ?? null,
    postcode: person.postcode ?? null,
  };
  return { crn: person.crn, facts };
}

export async function loadRankingRules(db: Db): Promise<RankingRules> {
  const [rosh, tier] = await Promise.all([
    db.selectFrom('allocation_grade_rules').selectAll().execute(),
    db.selectFrom('tier_grade_rules').selectAll().execute(),
  ]);
  return {
    byRosh: Object.fromEntries(rosh.map((r) => [r.rosh_level, { grades: r.grades, explanation: r.explanation }])),
    byProtectLevel: Object.fromEntries(tier.map((r) => [r.protect_level, { grades: r.grades, explanation: r.explanation }])),
  };
}

/**
 * The team's candidates: active staff with a grade whose role may hold a caseload, but team managers
 * (cases:allocate) only when they already hold cases (one who carries a caseload can take one more; one
 * who does not is not offered).
 */
async function candidatesFor(db: Db, personId: number, teamId: number, pointsAdded: number, today: string, weights: Promise<Weights>): Promise<Candidate[]> {
  const users = await db.selectFrom('users').innerJoin('teams', 'teams.id', 'users.team_id')
    .leftJoin('staff_profiles as sp', 'sp.user_id', 'users.id').leftJoin('offices', 'offices.id', 'sp.base_office_id')
    .select(['offices.name as officeName', 'offices.postcode as officePostcode', 'users.id', 'users.display_name', 'users.grade', 'teams.pdu_id', sql<boolean>`${userAllowedOnCase(personId)}`.as('allowed'),
      roleGrants(PERMISSIONS.casesAllocate).as('manager')])
    .where('users.team_id', '=', teamId).where('users.active', '=', true).where('users.service_account', '=', false)
    .where('users.grade', 'is not', null).where(roleGrants(PERMISSIONS.caseloadHold))
    .orderBy('users.id').execute();
  const capacity = await capacityOf(db, users.map((u) => u.id), today, weights);
  return users.flatMap((u) => {
    const c = capacity.get(u.id);
    if (u.manager && (c?.caseCount ?? 0) === 0) return [];
    return [{
      userId: u.id, name: u.display_name, grade: u.grade,
      totalPoints: c?.totalPoints ?? 0, availablePoints: c?.availablePoints ?? 0, capacityPercent: c?.capacityPercent ?? 0,
      pointsAdded, absentUntil: c?.absentUntil ?? null, protectedCaseload: c?.protectedCaseload ?? false,
      specialisms: c?.specialisms ?? [], pduId: u.pdu_id, recentAllocations: c?.recentAllocations ?? 0,
      office: u.officeName ? { name: u.officeName, postcode: u.officePostcode } : null,
      excludedByAccessList: !u.allowed,
    }];
  });
}

/**
 * Ranks the practitioners who could hold this case in `teamId` (eligibility, capacity after, continuity,
 * PSR author, specialisms, location, protected caseloads, absences), as the allocation page shows it.
 * `user` is whoever is looking (their access to the case is checked by the caller).
 */
export async function rankForCase(db: Db, personId: number, teamId: number, _user: CurrentUser, today: string): Promise<CaseRanking> {
  const weights = loadWeights(db); // once, for the case's points and every candidate's capacity
  const [{ crn, facts }, points, rules] = await Promise.all([caseForAllocation(db, personId), pointsForCase(db, personId, today, weights), loadRankingRules(db)]);
  const candidates = await candidatesFor(db, personId, teamId, points.points, today, weights);
  return {
    personId, crn, teamId, pointsAdded: points.points, pointsExplanation: points.explanation,
    ranking: rankCandidates(facts, candidates, rules, today), case: facts,
  };
}

export interface AllocationChoice {
  personId: number;
  teamId: number;
  practitionerId: number;
  /** The ranking as shown when the choice was made (kept with the decision). */
  ranking: Ranking;
  /** Required when the practitioner is not the recommendation. */
  overrideReason: string | null;
  /** Required (true) when the case takes the practitioner over 100%. */
  overCapacityConfirmed: boolean;
  /** The open allocation request this resolves, if any (one is opened when there is none). */
  requestId: number | null;
  source: 'court' | 'custody' | 'transfer_in';
  decidedBy: number;
}

export const MAX_OVERRIDE_REASON = 2000;

/** The sentence the confirmation step and the API show before going over capacity. */
export const overCapacityMessage = (name: string, before: number, after: number) =>
  `This will increase ${name}'s workload from ${before.toFixed(1)}% to ${after.toFixed(1)}%. Allocate anyway?`;

/** Opens a request in the team's queue unless the person already has one awaiting. Returns its id, or null when one was open. */
export async function openAllocationRequest(db: Db, personId: number, teamId: number, source: AllocationSource): Promise<number | null> {
  const row = await db.insertInto('allocation_requests').values({ person_id: personId, team_id: teamId, source })
    .onConflict((oc) => oc.column('person_id').where('status', '=', 'awaiting').doNothing())
    .returning('id').executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Allocates the case inside the caller's transaction: ends the current case_allocations row and starts
 * the new one, resolves the request, keeps the decision with its ranking and reasons, notifies the
 * practitioner. Throws HttpError 409/400 with a message a person understands when it cannot.
 */
export async function allocateCase(trx: Db, choice: AllocationChoice): Promise<{ decisionId: number }> {
  // Lock the request (or the person's open one) so two managers deciding at once take turns.
  let request = await trx.selectFrom('allocation_requests as r').leftJoin('users as u', 'u.id', 'r.decided_by')
    .select(['r.id', 'r.person_id', 'r.status', 'u.display_name as decidedByName'])
    .where((eb) => (choice.requestId !== null ? eb('r.id', '=', choice.requestId) : eb.and([eb('r.person_id', '=', choice.personId), eb('r.status', '=', 'awaiting')])))
    .forUpdate('r').executeTakeFirst();
  if (choice.requestId !== null && (!request || request.person_id !== choice.personId)) throw new HttpError(404, 'There is no allocation request with that id for this case.');
  if (request && request.status !== 'awaiting') {
    const holder = await trx.selectFrom('allocation_decisions as d').innerJoin('users as u', 'u.id', 'd.practitioner_id')
      .select('u.display_name').where('d.request_id', '=', request.id).executeTakeFirst();
    const by = request.decidedByName ? ` by ${request.decidedByName}` : '';
    throw new HttpError(409, request.status === 'cancelled' ? 'This allocation request was cancelled.'
      : `This case has already been allocated${by}${holder ? ` to ${holder.display_name}` : ''}.`);
  }

  const chosen = choice.ranking.eligible.find((e) => e.userId === choice.practitionerId);
  if (!chosen) {
    const refused = choice.ranking.ineligible.find((e) => e.userId === choice.practitionerId);
    throw new HttpError(400, refused ? `${refused.name} cannot hold this case: ${refused.reasons.join('; ')}.` : 'Choose a practitioner from the ranked list for this team.',
      { practitionerId: refused ? `${refused.name} cannot hold this case` : 'Choose a practitioner' });
  }
  const isOverride = choice.practitionerId !== choice.ranking.recommendedUserId;
  const reason = choice.overrideReason?.trim() || null;
  if (isOverride && !reason) {
    throw new HttpError(400, `Give the reason for choosing ${chosen.name} rather than the recommended practitioner.`, { overrideReason: 'Give the reason for choosing a practitioner other than the recommendation' });
  }
  if (reason && reason.length > MAX_OVERRIDE_REASON) throw new HttpError(400, `The reason must be ${MAX_OVERRIDE_REASON} characters or fewer.`, { overrideReason: `The reason must be ${MAX_OVERRIDE_REASON} characters or fewer` });
  if (chosen.overCapacity && !choice.overCapacityConfirmed) {
    throw new HttpError(409, `${overCapacityMessage(chosen.name, chosen.capacityBefore, chosen.capacityAfter)} Confirm to allocate over capacity.`, { confirmOverCapacity: 'Confirm the allocation over capacity' });
  }

  const requestId = request?.id ?? (await trx.insertInto('allocation_requests')
    .values({ person_id: choice.personId, team_id: choice.teamId, source: choice.source }).returning('id').executeTakeFirstOrThrow()).id;
  await trx.updateTable('case_allocations').set({ ended_at: sql<Date>`now()` }).where('person_id', '=', choice.personId).where('ended_at', 'is', null).execute();
  await trx.insertInto('case_allocations').values({ person_id: choice.personId, team_id: choice.teamId, practitioner_id: choice.practitionerId }).execute();
  await trx.updateTable('allocation_requests').set({ status: 'allocated', team_id: choice.teamId, decided_by: choice.decidedBy, decided_at: sql<Date>`now()` })
    .where('id', '=', requestId).execute();
  const decision = await trx.insertInto('allocation_decisions').values({
    person_id: choice.personId, request_id: requestId, practitioner_id: choice.practitionerId,
    recommended_practitioner_id: choice.ranking.recommendedUserId, ranking: JSON.stringify(choice.ranking),
    override_reason: isOverride ? reason : null, over_capacity_confirmed: chosen.overCapacity, decided_by: choice.decidedBy,
  }).returning('id').executeTakeFirstOrThrow();

  const person = await trx.selectFrom('people').select('crn').where('id', '=', choice.personId).executeTakeFirstOrThrow();
  const by = await trx.selectFrom('users').select('display_name').where('id', '=', choice.decidedBy).executeTakeFirst();
  await trx.insertInto('notifications').values({
    person_id: choice.personId, user_id: choice.practitionerId, kind: 'allocation',
    message: `${person.crn} has been allocated to you${by ? ` by ${by.display_name}` : ''}${chosen.overCapacity ? ` (over capacity: ${chosen.capacityAfter.toFixed(1)}%)` : ''}.`,
    link: `/people/${person.crn}/allocation`,
  }).execute();
  return { decisionId: decision.id };
}

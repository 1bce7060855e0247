/**
 * Transfers as operations, shared by the pages and the API: request, decide (accept allocates in the
 * same transaction, through allocation's allocateCase), and the bulk reallocation of a caseload.
 */
import { inScope, refusal } from '../../access/visibility.ts';
import { can, PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { HttpError } from '../../platform/http/errors.ts';
import type { Ranking } from '../allocation/ranking.ts';
import { allocateCase, rankForCase, type CaseRanking } from '../allocation/service.ts';
import { excludeFromRanking, validateChoice, validateDecision, validateRequest, type DecisionInput, type TransferRequestInput } from './forms.ts';
import {
  caseloadOf, destinations, hasOpenTransfer, holdingOf, insertTransfer, lockTransfer, markDecided, regionOfTeam, teamManagers, transferById, userInTeam,
  type HoldingRow,
} from './repository.ts';
import { decide, mayRequest, type Actor } from './status.ts';
import type { TransferStatus } from './tables.ts';

export const actorOf = (user: CurrentUser): Actor & { canReadCases: boolean } => ({
  id: user.id, teamId: user.teamId, canAllocate: can(user, PERMISSIONS.casesAllocate), canReadCases: can(user, PERMISSIONS.caseRead),
});

/** Raised inside a transaction to roll it back and show the form's errors. */
export class FormErrors extends Error {
  constructor(readonly errors: Record<string, string>) { super('form errors'); }
}

/** What asking for a transfer of this case needs: where it is, where it could go, and whether this user may ask. */
export async function requestContext(db: Db, user: CurrentUser, personId: number) {
  const [holding, open, where] = await Promise.all([holdingOf(db, personId), hasOpenTransfer(db, personId), destinations(db)]);
  return { holding: holding ?? null, where, allowed: mayRequest(actorOf(user), holding ?? null, open) };
}

const notify = (db: Db, personId: number, userIds: number[], kind: string, message: string, link: string) =>
  userIds.length ? db.insertInto('notifications').values(userIds.map((user_id) => ({ person_id: personId, user_id, kind, message, link }))).execute() : undefined;

/** Records a transfer request; the case stays where it is. Notifies the receiving team's managers. */
export async function requestTransfer(db: Db, user: CurrentUser, personId: number, crn: string, input: TransferRequestInput) {
  const ctx = await requestContext(db, user, personId);
  if (!ctx.allowed.ok) throw new HttpError(ctx.allowed.status, ctx.allowed.message);
  const holding = ctx.holding!;
  const result = validateRequest(input, holding, ctx.where);
  if (!result.ok) return result;
  try {
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await insertTransfer(trx, personId, holding, result.value, user.id);
      const team = ctx.where.teams.find((t) => t.id === result.value.toTeamId)!;
      const managers = (await teamManagers(trx, team.id)).filter((m) => m !== user.id);
      await notify(trx, personId, managers, 'transfer-requested', `${user.displayName} asks ${team.name} to take ${crn} from ${holding.teamName}.`, `/transfers/${id}`);
      return id;
    });
    return { ok: true as const, value: { id, ...result.value, holding } };
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'A transfer of this case is already waiting for a decision: cancel it, or wait for the receiving team to decide.');
    throw error;
  }
}

/** The receiving team's ranking for the case, without whoever holds it now (the transfer moves it away). */
export async function rankingForTransfer(db: Db, personId: number, teamId: number, user: CurrentUser, today: string, holding: HoldingRow | null | undefined): Promise<CaseRanking> {
  const ranked = await rankForCase(db, personId, teamId, user, today);
  const holder = holding?.practitionerId ?? null;
  return { ...ranked, ranking: excludeFromRanking(ranked.ranking, holder, `Holds the case now: the transfer moves it to someone else`) };
}

export interface Decided { id: number; personId: number; status: TransferStatus; practitionerId: number | null; regionMoved: boolean }

/**
 * Accepts, rejects or cancels a transfer, in one transaction with the row locked. Accepting allocates
 * the case in the receiving team (allocateCase, source transfer_in) and moves the case's region with
 * its team. Returns the form's errors (nothing changed) or what was decided.
 */
export async function decideTransfer(db: Db, user: CurrentUser, id: number, input: DecisionInput, today: string):
  Promise<{ ok: true; value: Decided } | { ok: false; errors: Record<string, string> }> {
  const checked = validateDecision(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await lockTransfer(trx, id);
      if (!row) throw new HttpError(404, 'There is no transfer with that id.');
      const allowed = decide({ status: row.status, fromTeamId: row.from_team_id, toTeamId: row.to_team_id, requestedBy: row.requested_by }, input.decision ?? 'accept', actorOf(user));
      if (input.decision && !allowed.ok) throw new HttpError(allowed.status, allowed.message);
      if (!checked.ok) throw new FormErrors(checked.errors);
      const { decision, reason } = checked.value;
      const person = await trx.selectFrom('people').select(['crn', 'region_id']).where('id', '=', row.person_id).executeTakeFirstOrThrow();
      const link = `/people/${person.crn}/allocation`;
      if (decision !== 'accept') {
        const status = decision === 'reject' ? 'rejected' : 'cancelled';
        await markDecided(trx, id, status, user.id, reason, null);
        if (decision === 'reject' && row.requested_by !== user.id) {
          await notify(trx, row.person_id, [row.requested_by], 'transfer-rejected', `${user.displayName} rejected the transfer of ${person.crn}: ${reason}`, link);
        }
        return { ok: true as const, value: { id, personId: row.person_id, status, practitionerId: null, regionMoved: false } };
      }
      const access = await refusal(trx, user, row.person_id);
      if (!access.allowed) throw new HttpError(403, 'The access list of this case does not include you, so you cannot allocate it. Reject the transfer, or ask a manager the access list allows.');
      const holding = await holdingOf(trx, row.person_id);
      const { ranking } = await rankingForTransfer(trx, row.person_id, row.to_team_id, user, today, holding);
      const practitionerId = input.practitionerId ?? row.to_practitioner_id ?? ranking.recommendedUserId;
      const choice = validateChoice(ranking, practitionerId, input.overrideReason, input.confirmOverCapacity);
      if (!choice.ok) throw new FormErrors(choice.errors);
      const { decisionId } = await allocateCase(trx, {
        personId: row.person_id, teamId: row.to_team_id, practitionerId: choice.value.practitionerId, ranking,
        overrideReason: choice.value.overrideReason, overCapacityConfirmed: choice.value.overCapacityConfirmed,
        requestId: null, source: 'transfer_in', decidedBy: user.id,
      });
      // The case belongs to the region of the team that holds it.
      const region = await regionOfTeam(trx, row.to_team_id);
      const regionMoved = region !== person.region_id;
      if (regionMoved) await trx.updateTable('people').set({ region_id: region, updated_at: new Date() }).where('id', '=', row.person_id).execute();
      await markDecided(trx, id, 'accepted', user.id, reason, decisionId);
      if (row.requested_by !== user.id) {
        await notify(trx, row.person_id, [row.requested_by], 'transfer-accepted', `${user.displayName} accepted the transfer of ${person.crn}.`, link);
      }
      return { ok: true as const, value: { id, personId: row.person_id, status: 'accepted' as const, practitionerId: choice.value.practitionerId, regionMoved } };
    });
  } catch (error) {
    if (error instanceof FormErrors) return { ok: false, errors: error.errors };
    if (error instanceof HttpError && error.statusCode === 400 && error.fields) return { ok: false, errors: error.fields };
    throw error;
  }
}

export interface BulkCase {
  personId: number;
  crn: string;
  name: string | null;
  viewable: boolean;
  tier: string | null;
  openTransfer: boolean;
  /** Null when the case cannot be moved here (restricted, or a transfer is waiting). */
  ranked: CaseRanking | null;
}

/** A practitioner of the manager's team, or a 404. */
export async function leavingPractitioner(db: Db, user: CurrentUser, userId: number) {
  if (!user.teamId) throw new HttpError(403, 'You are not a member of a team, so there is no caseload of yours to reallocate.');
  const who = await userInTeam(db, userId, user.teamId);
  if (!who) throw new HttpError(404, 'There is no practitioner with that id in your team.');
  return who;
}

/** Every case the practitioner holds, each ranked for the team without them. */
export async function bulkCases(db: Db, user: CurrentUser, leaving: { id: number; name: string; teamId: number | null }, today: string): Promise<BulkCase[]> {
  const cases = await caseloadOf(db, user, leaving.id);
  const out: BulkCase[] = [];
  for (const c of cases) {
    const movable = !!c.viewable && !c.openTransfer;
    const ranked = movable ? await rankForCase(db, c.personId, leaving.teamId!, user, today) : null;
    out.push({
      personId: c.personId, crn: c.crn, name: c.name, viewable: !!c.viewable, tier: c.viewable ? c.tier : null, openTransfer: !!c.openTransfer,
      ranked: ranked && { ...ranked, ranking: excludeFromRanking(ranked.ranking, leaving.id, `${leaving.name} is leaving this caseload`) },
    });
  }
  return out;
}

export interface BulkMove { personId: number; crn: string; practitionerId: number; practitionerName: string; overridden: boolean; capacityAfter: number }

/**
 * Moves the chosen cases in one transaction. Each case is ranked again as it moves, so capacity counts
 * the cases moved before it; "recommended" (practitionerId null) takes the recommendation at that moment.
 * Any error rolls the whole batch back and is returned against its case.
 */
export async function bulkReallocate(db: Db, user: CurrentUser, leaving: { id: number; name: string; teamId: number | null },
  selections: { personId: number; practitionerId: number | null }[], overrideReason: string, confirmOverCapacity: boolean, today: string):
  Promise<{ ok: true; value: BulkMove[] } | { ok: false; errors: Record<string, string> }> {
  if (!selections.length) return { ok: false, errors: { cases: 'Select at least one case to move' } };
  try {
    const moved = await db.transaction().execute(async (trx) => {
      const held = new Map((await caseloadOf(trx, user, leaving.id)).map((c) => [c.personId, c]));
      const out: BulkMove[] = [];
      for (const s of selections) {
        const c = held.get(s.personId);
        if (!c) throw new FormErrors({ cases: 'A selected case is no longer held by this practitioner: reload the page' });
        if (!c.viewable || c.openTransfer) throw new FormErrors({ [`practitioner-${s.personId}`]: `${c.crn} cannot be moved here: ${c.openTransfer ? 'a transfer is waiting for a decision' : 'its access list does not include you'}` });
        const ranked = await rankForCase(trx, c.personId, leaving.teamId!, user, today);
        const ranking: Ranking = excludeFromRanking(ranked.ranking, leaving.id, `${leaving.name} is leaving this caseload`);
        const choice = validateChoice(ranking, s.practitionerId ?? ranking.recommendedUserId, overrideReason, confirmOverCapacity, `practitioner-${s.personId}`);
        if (!choice.ok) throw new FormErrors(Object.fromEntries(Object.entries(choice.errors).map(([k, v]) => [k, `${c.crn}: ${v}`])));
        await allocateCase(trx, {
          personId: c.personId, teamId: leaving.teamId!, practitionerId: choice.value.practitionerId, ranking,
          overrideReason: choice.value.overrideReason, overCapacityConfirmed: choice.value.overCapacityConfirmed,
          requestId: null, source: 'transfer_in', decidedBy: user.id,
        });
        const chosen = ranking.eligible.find((e) => e.userId === choice.value.practitionerId)!;
        out.push({ personId: c.personId, crn: c.crn, practitionerId: chosen.userId, practitionerName: chosen.name, overridden: choice.value.overrideReason !== null, capacityAfter: chosen.capacityAfter });
      }
      return out;
    });
    return { ok: true, value: moved };
  } catch (error) {
    if (error instanceof FormErrors) return { ok: false, errors: error.errors };
    if (error instanceof HttpError && error.statusCode < 500) return { ok: false, errors: { cases: error.message } };
    throw error;
  }
}

/**
 * A transfer this user may see: those involved (requester, the practitioners named, managers of
 * either team: the receiving manager sees the summary even when the case is in another region),
 * and anyone whose role reaches the case. The access list still hides the person's details.
 */
export async function visibleTransfer(db: Db, user: CurrentUser, id: number) {
  const row = await transferById(db, user, id);
  if (!row) return null;
  const actor = actorOf(user);
  const involved = row.requestedBy === user.id || row.fromPractitionerId === user.id || row.toPractitionerId === user.id
    || (actor.canAllocate && (user.teamId === row.fromTeamId || user.teamId === row.toTeamId));
  if (involved) return row;
  const reach = await db.selectFrom('people').select(inScope(user).as('ok')).where('id', '=', row.personId).executeTakeFirst();
  return reach?.ok && can(user, PERMISSIONS.caseRead) ? row : null;
}

/**
 * The transfer forms, read and checked as pure functions: field errors in GOV.UK's words. The pages
 * and the API read their input into the same shape and are refused the same things.
 */
import type { Ranking } from '../allocation/ranking.ts';
import type { TransferDecision } from './status.ts';
import type { AppointmentsChoice } from './tables.ts';

type Body = Record<string, unknown>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const id = (value: unknown): number | null => {
  const raw = typeof value === 'number' ? String(value) : text(value);
  return /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
};
export const MAX_REASON = 2000;

export const APPOINTMENTS: readonly { value: AppointmentsChoice; text: string; hint: string }[] = [
  { value: 'reassign', text: 'Reassign them to the new practitioner', hint: 'Future appointments move with the case' },
  { value: 'keep', text: 'Keep them as booked', hint: 'Future appointments stay with whoever holds them now' },
];

/** Where the case could go: the teams (with region) and the practitioners who may hold cases (with team). */
export interface Destinations {
  teams: readonly { id: number; regionId: number }[];
  practitioners: readonly { id: number; teamId: number }[];
}
export interface Holding { teamId: number; practitionerId: number | null }

export interface TransferRequestInput {
  /** 'practitioner': another practitioner in the same team; 'team': another team. */
  destination: 'practitioner' | 'team' | null;
  practitionerId: number | null;
  toTeamId: number | null;
  toPractitionerId: number | null;
  reason: string;
  appointments: string;
}
export interface TransferRequest { toTeamId: number; toPractitionerId: number | null; reason: string; appointments: AppointmentsChoice }

/** The page's form: the destination radios, their conditional selects, the reason and the appointments choice. */
export function readRequestForm(body: Body): TransferRequestInput {
  const destination = text(body.destination);
  return {
    destination: destination === 'practitioner' || destination === 'team' ? destination : null,
    practitionerId: id(body.practitionerId), toTeamId: id(body.toTeamId), toPractitionerId: id(body.toPractitionerId),
    reason: text(body.reason), appointments: text(body.appointments),
  };
}

/** The API's body ({toTeamId, toPractitionerId?, reason, appointments}) in the same shape. */
export function readRequestBody(body: { toTeamId: number; toPractitionerId?: number | null; reason: string; appointments: string }, holding: Holding): TransferRequestInput {
  const sameTeam = body.toTeamId === holding.teamId;
  return {
    destination: sameTeam ? 'practitioner' : 'team',
    practitionerId: sameTeam ? body.toPractitionerId ?? null : null,
    toTeamId: body.toTeamId, toPractitionerId: sameTeam ? null : body.toPractitionerId ?? null,
    reason: body.reason.trim(), appointments: body.appointments,
  };
}

export function validateRequest(input: TransferRequestInput, holding: Holding, where: Destinations): Result<TransferRequest> {
  const errors: Record<string, string> = {};
  let toTeamId: number | null = null;
  let toPractitionerId: number | null = null;
  if (input.destination === 'practitioner') {
    const p = where.practitioners.find((x) => x.id === input.practitionerId && x.teamId === holding.teamId);
    if (input.practitionerId === null) errors.practitionerId = 'Select the practitioner the case is going to';
    else if (input.practitionerId === holding.practitionerId) errors.practitionerId = 'Select a practitioner other than the one holding the case';
    else if (!p) errors.practitionerId = 'Select a practitioner from this team';
    else { toTeamId = holding.teamId; toPractitionerId = p.id; }
  } else if (input.destination === 'team') {
    const team = where.teams.find((t) => t.id === input.toTeamId);
    if (input.toTeamId === null) errors.toTeamId = 'Select the team the case is going to';
    else if (input.toTeamId === holding.teamId) errors.toTeamId = 'Select a team other than the one holding the case, or choose another practitioner in this team';
    else if (!team) errors.toTeamId = 'Select a team from the list';
    else {
      toTeamId = team.id;
      if (input.toPractitionerId !== null) {
        if (!where.practitioners.some((x) => x.id === input.toPractitionerId && x.teamId === team.id)) {
          errors.toPractitionerId = 'The practitioner must be in the team the case is going to, or let the receiving manager choose';
        } else toPractitionerId = input.toPractitionerId;
      }
    }
  } else errors.destination = 'Select where the case is going';
  if (!input.reason) errors.reason = 'Enter the reason for the transfer, for example the person has moved to Gateshead';
  else if (input.reason.length > MAX_REASON) errors.reason = `The reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer`;
  const appointments = APPOINTMENTS.find((a) => a.value === input.appointments)?.value;
  if (!appointments) errors.appointments = 'Select what happens to their appointments';
  if (Object.keys(errors).length || toTeamId === null || !appointments) return { ok: false, errors };
  return { ok: true, value: { toTeamId, toPractitionerId, reason: input.reason, appointments } };
}

export interface DecisionInput {
  decision: TransferDecision | null;
  reason: string;
  practitionerId: number | null;
  overrideReason: string;
  confirmOverCapacity: boolean;
}

export function readDecisionForm(body: Body): DecisionInput {
  const decision = text(body.decision);
  const confirm = text(body.confirmOverCapacity);
  return {
    decision: decision === 'accept' || decision === 'reject' || decision === 'cancel' ? decision : null,
    reason: text(body.reason), practitionerId: id(body.practitionerId), overrideReason: text(body.overrideReason),
    confirmOverCapacity: confirm === 'yes' || confirm === 'true',
  };
}

/** A rejection needs a reason; notes are bounded. */
export function validateDecision(input: DecisionInput): Result<{ decision: TransferDecision; reason: string | null }> {
  const errors: Record<string, string> = {};
  if (!input.decision) errors.decision = 'Select accept, reject or cancel';
  if (input.decision === 'reject' && !input.reason) errors.reason = 'Enter the reason for rejecting the transfer: the requester will see it';
  if (input.reason.length > MAX_REASON) errors.reason = `The reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer`;
  if (Object.keys(errors).length || !input.decision) return { ok: false, errors };
  return { ok: true, value: { decision: input.decision, reason: input.reason || null } };
}

/**
 * Takes a practitioner out of a ranking (the one the case is leaving): they are listed as not
 * available with the reason, and the recommendation moves to the next in order.
 */
export function excludeFromRanking(ranking: Ranking, userId: number | null, reason: string): Ranking {
  if (userId === null) return ranking;
  const out = ranking.eligible.find((e) => e.userId === userId) ?? ranking.ineligible.find((e) => e.userId === userId);
  const eligible = ranking.eligible.filter((e) => e.userId !== userId);
  const ineligible = ranking.ineligible.filter((e) => e.userId !== userId);
  if (out) ineligible.push({ userId, name: out.name, reasons: [reason] });
  ineligible.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.userId - b.userId);
  return { recommendedUserId: eligible[0]?.userId ?? null, eligible, ineligible };
}

export interface Choice { practitionerId: number; overrideReason: string | null; overCapacityConfirmed: boolean }

/**
 * The practitioner chosen from a ranking: one of the eligible; another than the recommendation needs
 * a reason; going over capacity needs a confirmation (allocateCase applies the same rules).
 */
export function validateChoice(ranking: Ranking, practitionerId: number | null, overrideReason: string, confirmOverCapacity: boolean, field = 'practitionerId'): Result<Choice> {
  const errors: Record<string, string> = {};
  const chosen = ranking.eligible.find((e) => e.userId === practitionerId);
  const refused = ranking.ineligible.find((e) => e.userId === practitionerId);
  if (practitionerId === null) errors[field] = ranking.eligible.length ? 'Select the practitioner who will hold the case' : 'No practitioner in this team can hold this case';
  else if (!chosen) errors[field] = refused ? `${refused.name} cannot hold this case: ${refused.reasons.join('; ')}` : 'Select a practitioner from the ranked list';
  if (chosen && chosen.userId !== ranking.recommendedUserId && !overrideReason) {
    errors.overrideReason = `Give the reason for choosing ${chosen.name} rather than the recommended practitioner`;
  }
  if (overrideReason.length > MAX_REASON) errors.overrideReason = `The reason must be ${MAX_REASON.toLocaleString('en-GB')} characters or fewer`;
  if (chosen?.overCapacity && !confirmOverCapacity) {
    errors.confirmOverCapacity = `${chosen.name} would go over capacity (${chosen.capacityAfter.toFixed(1)}%): confirm to allocate anyway`;
  }
  if (Object.keys(errors).length || !chosen) return { ok: false, errors };
  return { ok: true, value: { practitionerId: chosen.userId, overrideReason: chosen.userId === ranking.recommendedUserId ? null : overrideReason, overCapacityConfirmed: chosen.overCapacity } };
}

/**
 * Pure rules for alleged breaches: validating a partner's report (every field's problem at once), the
 * decision form, and what an accepted report becomes in the contact record. No I/O.
 */
import type { ContactOutcome } from '../contacts/tables.ts';
import { parseCrn } from '../../people/identifiers.ts';
import { parseIsoDate } from '../../platform/http/dates.ts';
import type { AllegedBreachActivity, AllegedBreachKind } from './tables.ts';

export const KINDS: Record<AllegedBreachKind, string> = {
  missed_appointment: 'Missed an appointment or session',
  failed_to_comply: 'Failed to comply with instructions',
  behaviour: 'Unacceptable behaviour',
  other: 'Other failure to comply',
};
export const ACTIVITIES: Record<AllegedBreachActivity, string> = {
  unpaid_work: 'Unpaid work',
  programme: 'Accredited programme',
  other_agency: 'Other activity with the provider or partner',
};
export const STATUSES = { reported: 'Awaiting decision', accepted: 'Accepted', not_accepted: 'Not accepted' } as const;

export const LIMITS = { reference: 60, activityDetail: 200, description: 2000, contactName: 100, reason: 2000, partnerNote: 1000 };
/** How far back a failure may be reported: a late report cannot be acted on fairly. */
export const MAX_AGE_DAYS = 365;

export interface ReportInput {
  crn: string; dateOfBirth: string | null; surname: string | null; reference: string;
  failureDate: string; kind: AllegedBreachKind; activity: AllegedBreachActivity; activityDetail: string | null;
  description: string; contactName: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const isKey = <T extends object>(map: T, value: string): value is Extract<keyof T, string> => Object.hasOwn(map, value);

/** Validates a partner's report: every field's problem, in words the partner's developer can act on. */
export function validateReport(body: unknown, today: string): { ok: true; value: ReportInput } | { ok: false; errors: Record<string, string> } {
  const input = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const crn = parseCrn(text(input.crn));
  if (!crn.ok) errors.crn = `${crn.error}`;
  const dobText = text(input.dateOfBirth);
  const dateOfBirth = dobText ? parseIsoDate(dobText) : null;
  if (dobText && !dateOfBirth) errors.dateOfBirth = 'Enter the date of birth as YYYY-MM-DD, like 1990-04-23';
  const surname = text(input.surname) || null;
  if (surname && surname.length > 100) errors.surname = 'The surname must be 100 characters or fewer';
  if (!dobText && !surname) errors.dateOfBirth = 'Give the person\'s date of birth or surname (or both) with the CRN';
  const reference = text(input.reference);
  if (!reference) errors.reference = 'Enter your own reference for this report (it makes a repeated report harmless)';
  else if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(reference) || reference.length > LIMITS.reference) {
    errors.reference = `The reference must be up to ${LIMITS.reference} letters, digits, dots, hyphens, underscores or slashes`;
  }
  const failureText = text(input.failureDate);
  const failureDate = failureText ? parseIsoDate(failureText) : null;
  if (!failureText) errors.failureDate = 'Enter the date of the failure to comply as YYYY-MM-DD';
  else if (!failureDate) errors.failureDate = 'Enter the date of the failure to comply as a real date, YYYY-MM-DD';
  else if (failureDate > today) errors.failureDate = 'The date of the failure cannot be in the future';
  else if (daysBetween(failureDate, today) > MAX_AGE_DAYS) errors.failureDate = `The failure must be within the last ${MAX_AGE_DAYS} days`;
  const kind = text(input.kind);
  if (!isKey(KINDS, kind)) errors.kind = `Give kind as one of ${Object.keys(KINDS).join(', ')}`;
  const activity = text(input.activity);
  if (!isKey(ACTIVITIES, activity)) errors.activity = `Give activity as one of ${Object.keys(ACTIVITIES).join(', ')}`;
  const activityDetail = text(input.activityDetail) || null;
  if (activityDetail && activityDetail.length > LIMITS.activityDetail) errors.activityDetail = `The activity detail must be ${LIMITS.activityDetail} characters or fewer`;
  const description = text(input.description);
  if (!description) errors.description = 'Describe what happened';
  else if (description.length > LIMITS.description) errors.description = `The description must be ${LIMITS.description} characters or fewer`;
  const contactName = text(input.contactName);
  if (!contactName) errors.contactName = 'Give the name of the person at your organisation probation can contact about this';
  else if (contactName.length > LIMITS.contactName) errors.contactName = `The contact name must be ${LIMITS.contactName} characters or fewer`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      crn: crn.ok ? crn.value : '', dateOfBirth, surname, reference, failureDate: failureDate!,
      kind: kind as AllegedBreachKind, activity: activity as AllegedBreachActivity, activityDetail, description, contactName,
    },
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True when a repeated report (same agency and reference) says the same thing as the stored one. */
export function sameReport(stored: { failure_date: string; kind: string; activity: string; activity_detail: string | null; description: string; contact_name: string; person_id: number }, personId: number, input: ReportInput): boolean {
  return stored.person_id === personId && stored.failure_date === input.failureDate && stored.kind === input.kind && stored.activity === input.activity
    && stored.activity_detail === input.activityDetail && stored.description === input.description && stored.contact_name === input.contactName;
}

/**
 * What an accepted report becomes in the contact record: a missed session is an unacceptable absence; any
 * other failure happened while the person attended. The contact type follows the activity.
 */
export function contactForAcceptance(kind: AllegedBreachKind, activity: AllegedBreachActivity): { typeCode: string; outcome: ContactOutcome } {
  return { typeCode: activity, outcome: kind === 'missed_appointment' ? 'unacceptable_absence' : 'attended_failed_to_comply' };
}

export const OUTCOME_TEXT: Record<'unacceptable_absence' | 'attended_failed_to_comply', string> = {
  unacceptable_absence: 'Unacceptable absence',
  attended_failed_to_comply: 'Attended but failed to comply',
};

export interface DecisionInput { decision: 'accept' | 'reject'; reason: string | null; partnerNote: string | null }

/** Validates the practitioner's decision: not accepting needs a reason; the partner's note is optional. */
export function validateDecision(body: Record<string, unknown>): { ok: true; value: DecisionInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const decision = body.decision === 'accept' || body.decision === 'reject' ? body.decision : null;
  if (!decision) errors.decision = 'Select whether you accept this as a failure to comply';
  const reason = text(body.reason) || null;
  if (decision === 'reject' && !reason) errors.reason = 'Give the reason you do not accept it as a failure to comply';
  if (reason && reason.length > LIMITS.reason) errors.reason = `The reason must be ${LIMITS.reason} characters or fewer`;
  const partnerNote = text(body.partnerNote) || null;
  if (partnerNote && partnerNote.length > LIMITS.partnerNote) errors.partnerNote = `The note for the partner must be ${LIMITS.partnerNote} characters or fewer`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { decision: decision!, reason, partnerNote } };
}

/** The contact forms, read and checked as pure functions: field errors in GOV.UK's words, typed values kept by the caller. */
import { readDate } from '../../platform/http/dates.ts';
import { londonInstant } from '../../platform/uk-time.ts';
import { isOutcome } from './service.ts';
import type { ContactOutcome } from './tables.ts';

type Body = Record<string, unknown>;
type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** 'HH:MM' from 9:30, 09:30, 9.30 or 0930; null when not a real time. */
export function parseTime(input: string): string | null {
  const m = input.trim().match(/^(\d{1,2})[:.]?(\d{2})$/);
  if (!m) return null;
  const h = Number(m[1]), min = Number(m[2]);
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

/** The date (GOV.UK date input `date-*`) and time (`time`) typed, as an instant in England. */
export function readWhen(body: Body, errors: Record<string, string>, what: string): Date | null {
  const date = readDate(body, 'date');
  if (!date.typed) errors.date = `Enter the date of the ${what}`;
  else if (!date.value) errors.date = `The date of the ${what} must be a real date, like 27 3 2026`;
  const rawTime = text(body.time);
  const time = parseTime(rawTime);
  if (!rawTime) errors.time = `Enter the time of the ${what}, like 14:30`;
  else if (!time) errors.time = `The time must be a real time in 24-hour clock, like 09:30 or 14:30`;
  return date.value && time ? londonInstant(date.value, time) : null;
}

export function readMinutes(body: Body, errors: Record<string, string>, required: boolean): number | null {
  const raw = text(body.durationMinutes);
  if (!raw) {
    if (required) errors.durationMinutes = 'Enter how long it lasts, in minutes';
    return null;
  }
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 1440) {
    errors.durationMinutes = 'The duration must be a whole number of minutes from 0 to 1440';
    return null;
  }
  return n;
}

function readLength(body: Body, errors: Record<string, string>, field: string, label: string, max: number): string | null {
  const value = text(body[field]);
  if (value.length > max) errors[field] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
  return value || null;
}

function readRequirement(body: Body, errors: Record<string, string>, allowed: readonly number[]): number | null {
  const raw = text(body.requirementId);
  if (!raw) return null;
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if (!allowed.includes(id)) {
    errors.requirementId = 'Select one of this person\'s requirements, or none';
    return null;
  }
  return id;
}

export interface AppointmentForm { typeCode: string; startsAt: Date; durationMinutes: number | null; location: string | null; requirementId: number | null; notes: string | null; sensitive: boolean; practitionerId: number }

export function validateAppointment(body: Body, ref: { appointmentTypes: readonly string[]; requirementIds: readonly number[]; practitionerIds: readonly number[] }, now: Date): Result<AppointmentForm> {
  const errors: Record<string, string> = {};
  const typeCode = text(body.typeCode);
  if (!ref.appointmentTypes.includes(typeCode)) errors.typeCode = 'Select the type of appointment';
  const startsAt = readWhen(body, errors, 'appointment');
  if (startsAt && startsAt.getTime() < now.getTime() - 60_000) errors.date = 'An appointment must be in the future: to record one that has happened, use Record a contact';
  const durationMinutes = readMinutes(body, errors, false);
  if (durationMinutes === 0) errors.durationMinutes = 'An appointment must last at least a minute';
  const location = readLength(body, errors, 'location', 'The location', 200);
  const requirementId = readRequirement(body, errors, ref.requirementIds);
  const notes = readLength(body, errors, 'notes', 'Notes', 20000);
  const practitionerRaw = text(body.practitionerId);
  const practitionerId = Number(practitionerRaw);
  if (!ref.practitionerIds.includes(practitionerId)) errors.practitionerId = 'Select who the appointment is with';
  if (Object.keys(errors).length || !startsAt) return { ok: false, errors };
  return { ok: true, value: { typeCode, startsAt, durationMinutes, location, requirementId, notes, sensitive: body.sensitive === 'yes', practitionerId } };
}

export interface ContactForm { typeCode: string; startsAt: Date; durationMinutes: number | null; location: string | null; requirementId: number | null; outcome: ContactOutcome | null; evidence: string | null; notes: string | null; sensitive: boolean }

export function validateContact(body: Body, ref: { types: readonly { code: string; appointment: boolean }[]; requirementIds: readonly number[] }, now: Date): Result<ContactForm> {
  const errors: Record<string, string> = {};
  const typeCode = text(body.typeCode);
  const type = ref.types.find((t) => t.code === typeCode);
  if (!type) errors.typeCode = 'Select the type of contact';
  const startsAt = readWhen(body, errors, 'contact');
  if (startsAt && startsAt.getTime() > now.getTime()) errors.date = 'A contact that has happened must be in the past: to arrange one, book an appointment';
  const durationMinutes = readMinutes(body, errors, false);
  const location = readLength(body, errors, 'location', 'The location', 200);
  const requirementId = readRequirement(body, errors, ref.requirementIds);
  const rawOutcome = text(body.outcome);
  let outcome: ContactOutcome | null = null;
  if (type?.appointment) {
    if (!isOutcome(rawOutcome) || rawOutcome === 'rescheduled') errors.outcome = 'Select what happened at the appointment';
    else outcome = rawOutcome;
  }
  const evidence = readLength(body, errors, 'evidence', 'The evidence', 2000);
  if (outcome === 'acceptable_absence' && !evidence) errors.evidence = 'Give the evidence for an acceptable absence, for example a medical certificate';
  const notes = readLength(body, errors, 'notes', 'Notes', 20000);
  if (typeCode === 'case_note' && !notes && !errors.notes) errors.notes = 'Enter the case note';
  if (Object.keys(errors).length || !startsAt) return { ok: false, errors };
  return { ok: true, value: { typeCode, startsAt, durationMinutes, location, requirementId, outcome, evidence: outcome ? evidence : null, notes, sensitive: body.sensitive === 'yes' } };
}

export function validateOutcome(body: Body): Result<{ outcome: ContactOutcome; evidence: string | null; notes: string | null; sensitive: boolean }> {
  const errors: Record<string, string> = {};
  const outcome = text(body.outcome);
  if (!isOutcome(outcome) || outcome === 'rescheduled') errors.outcome = 'Select what happened at the appointment';
  const evidence = readLength(body, errors, 'evidence', 'The evidence', 2000);
  if (outcome === 'acceptable_absence' && !evidence) errors.evidence = 'Give the evidence for an acceptable absence, for example a medical certificate';
  const notes = readLength(body, errors, 'notes', 'Notes', 20000);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { outcome: outcome as ContactOutcome, evidence: outcome === 'acceptable_absence' ? evidence : null, notes, sensitive: body.sensitive === 'yes' } };
}

export function validateReschedule(body: Body, now: Date): Result<{ startsAt: Date; reason: string }> {
  const errors: Record<string, string> = {};
  const startsAt = readWhen(body, errors, 'new appointment');
  if (startsAt && startsAt.getTime() < now.getTime()) errors.date = 'The new appointment must be in the future';
  const reason = readLength(body, errors, 'reason', 'The reason', 2000);
  if (!reason && !errors.reason) errors.reason = 'Give the reason for rescheduling';
  if (Object.keys(errors).length || !startsAt || !reason) return { ok: false, errors };
  return { ok: true, value: { startsAt, reason } };
}

export interface CorrectionForm { startsAt: Date; durationMinutes: number; outcome: ContactOutcome | null; evidence: string | null; notes: string | undefined; sensitive: boolean; reason: string }

/** A correction: every field is given again (pre-filled); `notes` undefined when the user may not see them (kept as they are). */
export function validateCorrection(body: Body, options: { appointment: boolean; rescheduled: boolean; notesEditable: boolean }): Result<CorrectionForm> {
  const errors: Record<string, string> = {};
  const startsAt = readWhen(body, errors, 'contact');
  const durationMinutes = readMinutes(body, errors, true);
  let outcome: ContactOutcome | null = null;
  const raw = text(body.outcome);
  if (options.rescheduled) outcome = 'rescheduled';
  else if (options.appointment && raw) {
    if (!isOutcome(raw) || raw === 'rescheduled') errors.outcome = 'Select an outcome, or none if it has not happened yet';
    else outcome = raw;
  }
  const evidence = readLength(body, errors, 'evidence', 'The evidence', 2000);
  if (outcome === 'acceptable_absence' && !evidence) errors.evidence = 'Give the evidence for an acceptable absence, for example a medical certificate';
  const notes = options.notesEditable ? readLength(body, errors, 'notes', 'Notes', 20000) ?? '' : undefined;
  const reason = readLength(body, errors, 'reason', 'The reason', 2000);
  if (!reason && !errors.reason) errors.reason = 'Give the reason for the correction';
  if (Object.keys(errors).length || !startsAt || durationMinutes === null || !reason) return { ok: false, errors };
  return { ok: true, value: { startsAt, durationMinutes, outcome, evidence: outcome === 'acceptable_absence' ? evidence : null, notes, sensitive: body.sensitive === 'yes', reason } };
}

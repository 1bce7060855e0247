/** The staff forms (profile, absence, reduction) read and checked as pure functions, shared by pages and API. */
import { addMonths, readDateField } from '../../platform/http/dates.ts';

type Body = Record<string, unknown>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
/** Checkbox values: absent, one string, or many. */
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]).map(text).filter(Boolean);

export interface ProfileValues { grade: string; contractedHours: number; qualifiedOn: string | null; qualifications: string[]; specialisms: string[]; baseOfficeId: number | null }
export interface ProfileChoices { grades: readonly string[]; qualifications: readonly string[]; specialisms: readonly string[]; officeIds: readonly number[] }
export const ABSENCE_KINDS = [
  { value: 'leave', text: 'Annual leave', status: 'On leave' },
  { value: 'training', text: 'Training', status: 'On training' },
  { value: 'sickness', text: 'Sickness', status: 'Off sick' },
  { value: 'other', text: 'Other absence', status: 'Absent' },
] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number]['value'];
export interface AbsenceValues { kind: AbsenceKind; startsOn: string; endsOn: string }
export interface ReductionValues { hours: number; reasonCode: string; detail: string | null; startsOn: string; endsOn: string | null }

const EARLIEST = '2000-01-01';
const LATEST = '2099-12-31';
const MAX_DETAIL = 500;

/** Hours as typed: a number with at most one decimal place (22.5), or an error message. */
export function readHours(raw: string, label: string, min: number, max: number, minInclusive = true): number | string {
  if (!raw) return `Enter ${label}`;
  if (!/^\d{1,2}(\.\d)?$/.test(raw)) return /^\d+\.\d{2,}$/.test(raw) ? `${capital(label)} can have at most one decimal place, like 22.5` : `${capital(label)} must be a number, like 37 or 22.5`;
  const n = Number(raw);
  if (n > max || (minInclusive ? n < min : n <= min)) return `${capital(label)} must be ${minInclusive ? `from ${min}` : `more than ${min}`} to ${max}`;
  return n;
}
const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

function inRange(errors: Record<string, string>, field: string, what: string, value: string | null) {
  if (value && (value < EARLIEST || value > LATEST)) errors[field] = `The ${what} must be between 2000 and 2099`;
}

export function validateProfile(body: Body, choices: ProfileChoices, today: string): Result<ProfileValues> {
  const errors: Record<string, string> = {};
  const grade = text(body.grade);
  if (!choices.grades.includes(grade)) errors.grade = 'Select a grade';
  const hours = readHours(text(body.contractedHours), 'contracted hours', 0, 60);
  if (typeof hours === 'string') errors.contractedHours = hours;
  const qualifiedOn = readDateField(body, errors, 'qualifiedOn', 'date they qualified', false);
  if (qualifiedOn && qualifiedOn > today) errors.qualifiedOn = 'The date they qualified must be today or in the past';
  inRange(errors, 'qualifiedOn', 'date they qualified', qualifiedOn);
  const qualifications = [...new Set(list(body.qualifications))];
  if (qualifications.some((q) => !choices.qualifications.includes(q))) errors.qualifications = 'Select qualifications from the list';
  const specialisms = [...new Set(list(body.specialisms))];
  if (specialisms.some((s) => !choices.specialisms.includes(s))) errors.specialisms = 'Select specialisms from the list';
  const office = text(body.baseOffice);
  const baseOfficeId = office ? Number(office) : null;
  if (baseOfficeId !== null && !choices.officeIds.includes(baseOfficeId)) errors.baseOffice = 'Select a base office from the list';
  if (Object.keys(errors).length || typeof hours === 'string') return { ok: false, errors };
  return { ok: true, value: { grade, contractedHours: hours, qualifiedOn, qualifications, specialisms, baseOfficeId } };
}

export function validateAbsence(body: Body): Result<AbsenceValues> {
  const errors: Record<string, string> = {};
  const kind = ABSENCE_KINDS.find((k) => k.value === text(body.kind))?.value;
  if (!kind) errors.kind = 'Select the kind of absence';
  const startsOn = readDateField(body, errors, 'startsOn', 'first day of the absence');
  const endsOn = readDateField(body, errors, 'endsOn', 'last day of the absence');
  inRange(errors, 'startsOn', 'first day of the absence', startsOn);
  inRange(errors, 'endsOn', 'last day of the absence', endsOn);
  if (startsOn && endsOn && !errors.endsOn && endsOn < startsOn) errors.endsOn = 'The last day of the absence must be the same as or after the first day';
  if (Object.keys(errors).length || !kind || !startsOn || !endsOn) return { ok: false, errors };
  return { ok: true, value: { kind, startsOn, endsOn } };
}

export function validateReduction(body: Body, contractedHours: number, reasons: readonly string[]): Result<ReductionValues> {
  const errors: Record<string, string> = {};
  const hours = readHours(text(body.hours), 'the hours a week', 0, contractedHours, false);
  if (typeof hours === 'string') errors.hours = contractedHours <= 0 && text(body.hours) ? 'A reduction needs contracted hours: set their contracted hours first' : hours;
  const reasonCode = text(body.reasonCode);
  if (!reasons.includes(reasonCode)) errors.reasonCode = 'Select the reason for the reduction';
  const detail = text(body.detail);
  if (detail.length > MAX_DETAIL) errors.detail = `The detail must be ${MAX_DETAIL} characters or fewer`;
  else if (reasonCode === 'other' && !detail) errors.detail = 'Enter the detail of the reason';
  const startsOn = readDateField(body, errors, 'startsOn', 'date the reduction starts');
  const endsOn = readDateField(body, errors, 'endsOn', 'date the reduction ends', false);
  inRange(errors, 'startsOn', 'date the reduction starts', startsOn);
  inRange(errors, 'endsOn', 'date the reduction ends', endsOn);
  if (startsOn && endsOn && !errors.endsOn && endsOn < startsOn) errors.endsOn = 'The date the reduction ends must be the same as or after the date it starts';
  if (Object.keys(errors).length || typeof hours === 'string' || !startsOn) return { ok: false, errors };
  return { ok: true, value: { hours, reasonCode, detail: detail || null, startsOn, endsOn } };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "12 December", with the year only when it is not this year's. */
export function dayMonth(iso: string, today: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]}${today.slice(0, 4) === iso.slice(0, 4) ? '' : ` ${y}`}`;
}

/** The last day of the protected first year for a newly qualified PO, or null (the rule: workload's isNewlyQualified). */
export function protectedUntil(grade: string | null, qualifiedOn: string | null, newlyQualified: boolean): string | null {
  if (grade !== 'PO' || !qualifiedOn || !newlyQualified) return null;
  return addMonths(qualifiedOn, 12);
}

/** When a dated entry is now: past, current (today within it) or future. An open end runs on. */
export function period(startsOn: string, endsOn: string | null, today: string): 'past' | 'current' | 'future' {
  if (startsOn > today) return 'future';
  return endsOn !== null && endsOn < today ? 'past' : 'current';
}

/** "On leave until 12 December": what a current absence says about someone today. */
export function absenceStatus(kind: AbsenceKind, endsOn: string, today: string): string {
  const status = ABSENCE_KINDS.find((k) => k.value === kind)?.status ?? 'Absent';
  return `${status} until ${dayMonth(endsOn, today)}`;
}

/**
 * Ending an absence or reduction: one not yet started is cancelled; a current one ends today; one that
 * already ends today or has ended cannot be ended again.
 */
export function endAction(startsOn: string, endsOn: string | null, today: string): 'cancel' | 'end' | 'already-ended' {
  const when = period(startsOn, endsOn, today);
  return when === 'future' ? 'cancel' : when === 'current' && endsOn !== today ? 'end' : 'already-ended';
}

import { addDays, addMonths, parseIsoDate } from '../platform/http/dates.ts';

export type ReviewStatus = 'overdue' | 'due' | 'scheduled' | 'none';

/** Overdue after the review date; due within the 14 days before it. */
export function reviewStatus(nextReviewOn: string | null, today: string): ReviewStatus {
  if (!nextReviewOn) return 'none';
  if (nextReviewOn < today) return 'overdue';
  return nextReviewOn <= addDays(today, 14) ? 'due' : 'scheduled';
}

export interface RegistrationType { code: string; name: string; review_months: number; levels: string[] }
export interface NewRegistration { typeCode: string; level: string | null; notes: string; registeredOn: string; nextReviewOn: string }
type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Pure validation of a new flag; the next review defaults to the type's review period. */
export function validateRegistration(input: Record<string, unknown>, types: RegistrationType[], today: string): Result<NewRegistration> {
  const errors: Record<string, string> = {};
  const type = types.find((t) => t.code === input.typeCode);
  if (!type) errors.typeCode = 'Select the type of flag';
  let level: string | null = text(input.level) || null;
  if (type && type.levels.length && (!level || !type.levels.includes(level))) errors.level = `Select the ${type.name} level`;
  if (type && !type.levels.length) level = null;
  const notes = text(input.notes);
  if (!notes) errors.notes = 'Enter notes: why the flag is needed and what it means for working with the person';
  else if (notes.length > 4000) errors.notes = 'Notes must be 4,000 characters or fewer';
  const registeredOn = text(input.registeredOn) ? parseIsoDate(text(input.registeredOn)) : today;
  if (!registeredOn) errors.registeredOn = 'Enter the date registered as a real date, like 23/11/2026';
  else if (registeredOn > today) errors.registeredOn = 'The date registered cannot be in the future';
  let nextReviewOn = text(input.nextReviewOn) ? parseIsoDate(text(input.nextReviewOn)) : null;
  if (text(input.nextReviewOn) && !nextReviewOn) errors.nextReviewOn = 'Enter the next review date as a real date, like 23/5/2027';
  else if (nextReviewOn && registeredOn && nextReviewOn <= registeredOn) errors.nextReviewOn = 'The next review must be after the date registered';
  if (Object.keys(errors).length) return { ok: false, errors };
  nextReviewOn ??= addMonths(registeredOn!, type!.review_months);
  return { ok: true, value: { typeCode: type!.code, level, notes, registeredOn: registeredOn!, nextReviewOn } };
}

/** A review needs what was considered and, unless the flag is being removed, when to look again. */
export function validateReview(input: Record<string, unknown>, today: string, reviewMonths: number): Result<{ notes: string; nextReviewOn: string }> {
  const notes = text(input.notes);
  const errors: Record<string, string> = {};
  if (!notes) errors.notes = 'Enter what the review considered and decided';
  const nextReviewOn = text(input.nextReviewOn) ? parseIsoDate(text(input.nextReviewOn)) : addMonths(today, reviewMonths);
  if (!nextReviewOn) errors.nextReviewOn = 'Enter the next review date as a real date, like 23/5/2027';
  else if (nextReviewOn <= today) errors.nextReviewOn = 'The next review must be in the future';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { notes, nextReviewOn: nextReviewOn! } };
}

export function validateDeregistration(input: Record<string, unknown>): Result<{ reason: string }> {
  const reason = text(input.reason);
  if (!reason) return { ok: false, errors: { reason: 'Enter why the flag is being removed' } };
  if (reason.length > 2000) return { ok: false, errors: { reason: 'The reason must be 2,000 characters or fewer' } };
  return { ok: true, value: { reason } };
}

/** The managers' forms, read and checked as pure functions: field errors in GOV.UK's words. */
import { readDate } from '../../platform/http/dates.ts';
import type { CapacityValues } from './repository.ts';
import type { DeliveryModel, LeftKind } from './tables.ts';

type Body = Record<string, unknown>;
type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function whole(body: Body, errors: Record<string, string>, name: string, label: string, min: number, max: number, required = true): number | null {
  const raw = text(body[name]);
  if (!raw) {
    if (required) errors[name] = `Enter ${label}`;
    return null;
  }
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    errors[name] = `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a whole number from ${min} to ${max}`;
    return null;
  }
  return n;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function validateCapacity(body: Body, model: DeliveryModel): Result<CapacityValues> {
  const errors: Record<string, string> = {};
  const provider = text(body.provider);
  if (provider.length > 200) errors.provider = 'The provider must be 200 characters or fewer';
  let weekday: number | null = null;
  let places: number | null = null;
  let lengthWeeks: number | null = null;
  if (model === 'weekly_slots') {
    weekday = whole(body, errors, 'weekday', 'the day of the week', 1, 7);
    if (errors.weekday) errors.weekday = 'Select the day of the week';
    places = whole(body, errors, 'places', 'the number of places each week', 0, 10000);
  }
  if (model === 'provider_places') {
    places = whole(body, errors, 'places', 'the number of places at once', 0, 10000);
    lengthWeeks = whole(body, errors, 'lengthWeeks', 'the typical length in weeks', 1, 156);
  }
  const leadDays = whole(body, errors, 'leadDays', model === 'immediate' ? 'the number of days within which it starts' : 'the number of days a start takes to arrange', 0, 365, model === 'immediate') ?? 0;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { provider: provider || null, weekday, places, lengthWeeks, leadDays } };
}

export function validateGroup(body: Body, today: string): Result<{ startsOn: string; places: number; location: string | null }> {
  const errors: Record<string, string> = {};
  const date = readDate(body, 'startsOn');
  if (!date.typed) errors.startsOn = 'Enter the date the group starts';
  else if (!date.value) errors.startsOn = 'The date the group starts must be a real date, for example 12 1 2027';
  else if (date.value <= today) errors.startsOn = 'The date the group starts must be in the future';
  const places = whole(body, errors, 'places', 'the number of places', 1, 100);
  const location = text(body.location);
  if (location.length > 200) errors.location = 'The location must be 200 characters or fewer';
  return Object.keys(errors).length || !date.value || places === null ? { ok: false, errors } : { ok: true, value: { startsOn: date.value, places, location: location || null } };
}

export function validateStart(body: Body, joinedOn: string, today: string): Result<string> {
  const date = readDate(body, 'startedOn');
  const error = !date.typed ? 'Enter the date they started'
    : !date.value ? 'The date they started must be a real date, for example 12 1 2027'
      : date.value > today ? 'The date they started must be today or in the past'
        : date.value < joinedOn ? 'The date they started must be on or after the date they joined the queue' : null;
  return error || !date.value ? { ok: false, errors: { startedOn: error ?? '' } } : { ok: true, value: date.value };
}

export const LEAVING: { value: Exclude<LeftKind, 'order_ended'>; text: string }[] = [
  { value: 'transferred', text: 'Transferred to another PDU' },
  { value: 'withdrawn', text: 'Withdrawn: the court varied or removed the requirement' },
  { value: 'treatment_ended', text: 'Treatment ended' },
  { value: 'other', text: 'Another reason' },
];

export function validateRemoval(body: Body): Result<{ kind: LeftKind; reason: string }> {
  const errors: Record<string, string> = {};
  const kind = LEAVING.find((l) => l.value === text(body.kind))?.value;
  if (!kind) errors.kind = 'Select why they are leaving the queue';
  const reason = text(body.reason);
  if (!reason) errors.reason = 'Enter the reason, for example the PDU they moved to or the court\'s decision';
  else if (reason.length > 2000) errors.reason = 'The reason must be 2,000 characters or fewer';
  return Object.keys(errors).length || !kind ? { ok: false, errors } : { ok: true, value: { kind, reason } };
}

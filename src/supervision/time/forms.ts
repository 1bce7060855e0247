/** Reading the record-work-time form, the API's entries and the period asked for, with messages people understand. Pure. */
import { parseCrn } from '../../people/identifiers.ts';
import { readDate } from '../../platform/http/dates.ts';
import { addDays, lastWeeks, type BucketBy } from './rules.ts';

type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
/** How far back other work may be recorded or corrected. */
export const EARLIEST_DAYS_BACK = 366;

export interface EntryValue { workedOn: string; kind: string; minutes: number; crn: string | null; note: string | null; reason: string | null }
export type EntryResult = { ok: true; value: EntryValue } | { ok: false; errors: Record<string, string> };

/** Minutes from the form's hours and minutes boxes, or the API's `minutes`. */
function readMinutes(body: Body, errors: Record<string, string>): number {
  if (body.minutes !== undefined && body.hours === undefined && typeof body.minutes === 'number') {
    if (!Number.isInteger(body.minutes) || body.minutes < 1 || body.minutes > 1440) errors.minutes = 'The time must be whole minutes from 1 to 1440 (24 hours)';
    return Number(body.minutes);
  }
  const h = text(body.hours), m = text(body.minutes);
  if (!h && !m) { errors.hours = 'Enter how long you worked, in hours and minutes'; return 0; }
  const hours = h === '' ? 0 : /^\d{1,2}$/.test(h) && Number(h) <= 24 ? Number(h) : NaN;
  const minutes = m === '' ? 0 : /^\d{1,2}$/.test(m) && Number(m) <= 59 ? Number(m) : NaN;
  if (Number.isNaN(hours)) errors.hours = 'Hours must be a whole number from 0 to 24';
  if (Number.isNaN(minutes)) errors.minutes = 'Minutes must be a whole number from 0 to 59';
  if (Number.isNaN(hours) || Number.isNaN(minutes)) return 0;
  const total = hours * 60 + minutes;
  if (total < 1 || total > 1440) errors.hours = total < 1 ? 'Enter how long you worked: at least 1 minute' : 'The time must be 24 hours or less';
  return total;
}

/** An entry of other work: a date not in the future nor over a year ago, a kind from the list, 1 minute to 24 hours. */
export function validateEntry(body: Body, kinds: readonly string[], today: string, options: { correction?: boolean } = {}): EntryResult {
  const errors: Record<string, string> = {};
  const date = readDate(body, body['workedOn'] !== undefined ? 'workedOn' : 'worked-on');
  const dateField = body['workedOn'] !== undefined ? 'workedOn' : 'worked-on';
  if (!date.typed) errors[dateField] = 'Enter the date you did the work';
  else if (!date.value) errors[dateField] = 'The date must be a real date, like 27 3 2026';
  else if (date.value > today) errors[dateField] = 'The date must be today or in the past';
  else if (date.value < addDays(today, -EARLIEST_DAYS_BACK)) errors[dateField] = 'The date must be within the last year';
  const kind = text(body.kind);
  if (!kind) errors.kind = 'Select the kind of work';
  else if (!kinds.includes(kind)) errors.kind = `The kind of work must be one of: ${kinds.join(', ')}`;
  const minutes = readMinutes(body, errors);
  let crn: string | null = null;
  if (text(body.crn)) {
    const parsed = parseCrn(text(body.crn));
    if (parsed.ok) crn = parsed.value;
    else errors.crn = 'Enter a CRN like X123456, or leave it blank';
  }
  const note = text(body.note);
  if (note.length > 500) errors.note = 'The note must be 500 characters or fewer';
  const reason = text(body.reason);
  if (options.correction && !reason) errors.reason = 'Enter the reason for the correction';
  else if (reason.length > 500) errors.reason = 'The reason must be 500 characters or fewer';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { workedOn: date.value!, kind, minutes, crn, note: note || null, reason: reason || null } };
}

export interface Period { from: string; to: string; by: BucketBy; weeks: number | null }
export type PeriodResult = { ok: true; value: Period } | { ok: false; errors: Record<string, string> };
export const WEEK_CHOICES = [4, 12, 26];
/** The longest period shown at once (two years). */
const MAX_DAYS = 731;

/** The period asked for: `weeks` (4, 12 or 26, the default 12), or `from` and `to` dates (the form's date inputs or YYYY-MM-DD). */
export function readPeriod(query: Body, today: string): PeriodResult {
  const errors: Record<string, string> = {};
  const byText = text(query.by) || 'week';
  if (byText !== 'week' && byText !== 'month') errors.by = 'Show the share by week or by month';
  const by = byText === 'month' ? 'month' : 'week';
  const from = readDate(query, 'from'), to = readDate(query, 'to');
  const weeksText = text(query.weeks);
  if ((weeksText === '' || weeksText === 'dates') && (from.typed || to.typed)) {
    if (!from.typed) errors.from = 'Enter the first day of the period';
    else if (!from.value) errors.from = 'The first day must be a real date, like 27 3 2026';
    if (!to.typed) errors.to = 'Enter the last day of the period';
    else if (!to.value) errors.to = 'The last day must be a real date, like 27 3 2026';
    if (from.value && to.value && from.value > to.value) errors.to = 'The last day must be the same as or after the first day';
    else if (from.value && to.value && to.value > addDays(from.value, MAX_DAYS)) errors.to = 'The period must be two years or shorter';
    if (Object.keys(errors).length) return { ok: false, errors };
    return { ok: true, value: { from: from.value!, to: to.value!, by, weeks: null } };
  }
  if (weeksText === 'dates') errors.from = 'Enter the first and last day of the period';
  const weeks = weeksText === '' || weeksText === 'dates' ? 12 : Number(weeksText);
  if (!WEEK_CHOICES.includes(weeks)) errors.weeks = `Choose the last ${WEEK_CHOICES.join(', ')} weeks, or enter dates`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { ...lastWeeks(today, weeks), by, weeks } };
}

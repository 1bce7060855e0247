/** Reads 'YYYY-MM-DD' or 'D/M/YYYY' as a real calendar date, returning 'YYYY-MM-DD' or null. */
export function parseIsoDate(input: string): string | null {
  const value = input.trim();
  let y: number, m: number, d: number;
  let match = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = value.match(/^(\d{1,2})[/ .-](\d{1,2})[/ .-](\d{4})$/);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  if (!CANONICAL.test(date)) return addDaysByDate(date, days);
  return isoDay(utcDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) + days * 86_400_000);
}

/** Months after a date, clamped to the month's end (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  if (!CANONICAL.test(date)) return addMonthsByDate(date, months);
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return isoDay(utcDay(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month))));
}

// These run for every date a page or the national generator works out (millions in a load), so a date
// written 'YYYY-MM-DD' (day up to 31: 30 February runs on into March, as Date has it) is read and written
// by hand, parsing a date string being the slow part of Date. Any other text goes through Date as before.
const CANONICAL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
function addDaysByDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function addMonthsByDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && leap(y) ? 29 : MONTH_DAYS[m - 1]!);
/** Milliseconds at the start of a UTC day (setUTCFullYear, so years below 100 are not read as 19xx). */
function utcDay(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
function isoDay(ms: number): string {
  const t = new Date(ms);
  const y = t.getUTCFullYear();
  if (!(y >= 1000 && y <= 9999)) return t.toISOString().slice(0, 10); // as Date writes it (or its RangeError)
  return `${y}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * A date typed into GOV.UK's date input (fields `name-day`, `name-month`, `name-year`), or into one
 * field `name` as YYYY-MM-DD or D/M/YYYY (the API). `typed` is false when nothing was entered;
 * `value` is null when what was entered is not a real date.
 */
export function readDate(body: Record<string, unknown>, name: string): { typed: boolean; value: string | null } {
  const [d, m, y] = ['day', 'month', 'year'].map((part) => text(body[`${name}-${part}`]));
  const typed = d || m || y ? `${d}/${m}/${y}` : text(body[name]);
  return { typed: typed !== '', value: typed ? parseIsoDate(typed) : null };
}

/** A form's date field read into `errors` with GOV.UK messages: "Enter the <what>" when required and empty, or not a real date. */
export function readDateField(body: Record<string, unknown>, errors: Record<string, string>, field: string, what: string, required = true): string | null {
  const read = readDate(body, field);
  if (!read.typed) {
    if (required) errors[field] = `Enter the ${what}`;
    return null;
  }
  if (!read.value) errors[field] = `The ${what} must be a real date, like 27 3 2026`;
  return read.value;
}

/** The values a GOV.UK date input shows for an ISO date (to pre-fill a form). */
export function dateParts(name: string, iso: string | null | undefined): Record<string, string> {
  const [year, month, day] = iso ? iso.split('-') : ['', '', ''];
  return { [`${name}-day`]: day ? String(Number(day)) : '', [`${name}-month`]: month ? String(Number(month)) : '', [`${name}-year`]: year ?? '' };
}

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
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Months after a date, clamped to the month's end (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
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

/** Reads the timeline's filters (page and API alike): kinds, a date range and the paging cursor. */
import { parseIsoDate } from '../../../platform/http/dates.ts';
import { addDays } from '../../../platform/http/dates.ts';
import { londonMidnight } from '../../../platform/uk-time.ts';
import { KIND_CODES, type TimelineKind } from './types.ts';

export interface TimelineQuery { kinds: TimelineKind[]; from: string | null; to: string | null; before: Date | null }

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []).map((v) => String(v).trim()).filter(Boolean);

export function parseTimelineQuery(query: Record<string, unknown>): { ok: true; value: TimelineQuery } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const kinds = list(query.kinds);
  const unknown = kinds.filter((k) => !(KIND_CODES as string[]).includes(k));
  if (unknown.length) errors.kinds = `Choose kinds from the list (${KIND_CODES.join(', ')}); "${unknown[0]}" is not one`;
  const date = (name: 'from' | 'to', label: string) => {
    const text = typeof query[name] === 'string' ? (query[name] as string).trim() : '';
    if (!text) return null;
    const value = parseIsoDate(text);
    if (!value) errors[name] = `Enter the ${label} date as a real date, like 27/3/2024`;
    return value;
  };
  const from = date('from', 'from');
  const to = date('to', 'to');
  if (from && to && to < from) errors.to = 'The to date must be the same as or after the from date';
  let before: Date | null = null;
  if (typeof query.before === 'string' && query.before.trim()) {
    before = new Date(query.before.trim());
    if (Number.isNaN(before.getTime())) errors.before = 'before must be a date and time, like 2024-11-20T10:00:00.000Z (use the link to the next page)';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kinds: kinds as TimelineKind[], from, to, before } };
}

/** The window in instants: from the start of the from day to the end of the to day, in England. */
export const windowOf = (q: TimelineQuery) => ({
  from: q.from ? londonMidnight(q.from) : null,
  to: q.to ? londonMidnight(addDays(q.to, 1)) : null,
});

/**
 * Time with people (issue 5 item 7; Justice Committee 1: officers spend up to three-quarters of their time
 * away from the people they supervise). The share of recorded time spent in direct engagement:
 *
 *   direct-engagement contact minutes ÷ (all contact minutes + other work minutes)
 *
 * counted only from what was recorded: contacts that happened, and other work the practitioner recorded.
 * Nothing recorded is "no data", never 0%. Pure: no I/O.
 */

export type Outcome = 'attended_complied' | 'attended_failed_to_comply' | 'acceptable_absence' | 'unacceptable_absence' | 'rescheduled';

/** Recorded minutes of contacts, as read from the current version of each (possibly summed by day). */
export interface ContactTime {
  date: string; // 'YYYY-MM-DD', the local date the contact started
  minutes: number;
  directEngagement: boolean;
  appointment: boolean;
  outcome: Outcome | null;
  change: string; // the current version's change: 'cancelled' means it did not happen
}

export interface OtherTime { date: string; minutes: number; kind: string }

export type BucketBy = 'week' | 'month';

/**
 * Whether a contact's time counts: an appointment only when the person came (attended and complied, or
 * attended but failed to comply: the practitioner's time was spent either way); a contact that is not an
 * appointment (a phone call, a case note) when it is recorded; never an absence, a rescheduled or a cancelled one.
 */
export function contactCounts(c: Pick<ContactTime, 'appointment' | 'outcome' | 'change'>): boolean {
  if (c.change === 'cancelled') return false;
  if (c.appointment) return c.outcome === 'attended_complied' || c.outcome === 'attended_failed_to_comply';
  return c.outcome === null || c.outcome === 'attended_complied' || c.outcome === 'attended_failed_to_comply';
}

/** The share in %, one decimal; null (no data) when nothing is recorded. */
export function sharePercent(directMinutes: number, recordedMinutes: number): number | null {
  if (recordedMinutes <= 0) return null;
  return Math.round((directMinutes / recordedMinutes) * 1000) / 10;
}

/** 750 -> '12 h 30 min', 2460 -> '41 h', 45 -> '45 min'. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60), m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The figure with its inputs: '12 h 30 min with people of 41 h recorded = 30.5%'. */
export function explainShare(directMinutes: number, recordedMinutes: number): string {
  const share = sharePercent(directMinutes, recordedMinutes);
  if (share === null) return 'No time recorded: no contacts that happened and no other work';
  return `${formatMinutes(directMinutes)} with people of ${formatMinutes(recordedMinutes)} recorded = ${share.toFixed(1)}%`;
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
export function addDays(date: string, days: number): string {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The Monday of a date's ISO week. */
export function weekStart(date: string): string {
  return addDays(date, -((day(date).getUTCDay() + 6) % 7));
}

/** The ISO week of a date: '2026-W05' (the year is the one holding the week's Thursday). */
export function isoWeek(date: string): string {
  const thursday = day(addDays(weekStart(date), 3));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The last `weeks` ISO weeks up to today: from the Monday `weeks - 1` weeks before this week's, to today. */
export function lastWeeks(today: string, weeks: number): { from: string; to: string } {
  return { from: addDays(weekStart(today), -7 * (weeks - 1)), to: today };
}

export interface Bucket { key: string; start: string; end: string }

/** The weeks (Monday to Sunday) or calendar months touching [from, to], each clipped to the period. */
export function buckets(from: string, to: string, by: BucketBy): Bucket[] {
  const out: Bucket[] = [];
  let start = by === 'week' ? weekStart(from) : `${from.slice(0, 7)}-01`;
  while (start <= to) {
    const next = by === 'week' ? addDays(start, 7) : iso(new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 1)));
    const end = addDays(next, -1);
    out.push({ key: by === 'week' ? isoWeek(start) : start.slice(0, 7), start: start < from ? from : start, end: end > to ? to : end });
    start = next;
  }
  return out;
}

export interface Figures {
  directMinutes: number;
  contactMinutes: number;
  otherMinutes: number;
  recordedMinutes: number;
  share: number | null;
  explanation: string;
}

function figures(directMinutes: number, contactMinutes: number, otherMinutes: number): Figures {
  const recordedMinutes = contactMinutes + otherMinutes;
  return { directMinutes, contactMinutes, otherMinutes, recordedMinutes, share: sharePercent(directMinutes, recordedMinutes), explanation: explainShare(directMinutes, recordedMinutes) };
}

/** Totals of the contacts that count and the other work, within [from, to]. */
export function totalsOf(contacts: readonly ContactTime[], other: readonly OtherTime[], from: string, to: string): Figures {
  let direct = 0, contact = 0, work = 0;
  for (const c of contacts) {
    if (c.date < from || c.date > to || !contactCounts(c)) continue;
    contact += c.minutes;
    if (c.directEngagement) direct += c.minutes;
  }
  for (const o of other) if (o.date >= from && o.date <= to) work += o.minutes;
  return figures(direct, contact, work);
}

/** The share for the whole period and for each week or month of it, and other work by kind. */
export function timeWithPeople(contacts: readonly ContactTime[], other: readonly OtherTime[], period: { from: string; to: string; by: BucketBy }) {
  const series = buckets(period.from, period.to, period.by).map((b) => ({ ...b, ...totalsOf(contacts, other, b.start, b.end) }));
  const total = totalsOf(contacts, other, period.from, period.to);
  const byKind = new Map<string, number>();
  for (const o of other) if (o.date >= period.from && o.date <= period.to) byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + o.minutes);
  return { series, total, otherByKind: byKind };
}

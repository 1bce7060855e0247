/** The case timeline: each source is a small query with its presenter; timeline.ts merges them newest first. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../../database.ts';

export const TIMELINE_KINDS = {
  contacts: 'Contacts and outcomes',
  enforcement: 'Enforcement',
  plans: 'Sentence plan',
  sentences: 'Convictions and sentences',
  assessments: 'Assessments (RoSH and needs)',
  tier: 'Tier changes',
  flags: 'Risk flags',
  reports: 'Reports',
  allocations: 'Allocations and transfers',
  contact_level: 'Contact level',
} as const;
export type TimelineKind = keyof typeof TIMELINE_KINDS;
export const KIND_CODES = Object.keys(TIMELINE_KINDS) as TimelineKind[];

export interface TimelineEntry {
  kind: TimelineKind;
  at: Date;
  /** True when only the day is known (a date column), so no time is shown. */
  dateOnly: boolean;
  title: string;
  lines: string[];
  tag?: { text: string; classes: string };
  href?: string;
}

/** The slice asked for: from (inclusive), to (exclusive), before (exclusive: the paging cursor), at most limit rows per source. */
export interface Window { from: Date | null; to: Date | null; before: Date | null; limit: number }
export interface Viewer { canSeeSensitive: boolean }
export type Source = (db: Db, personId: number, window: Window, viewer: Viewer) => Promise<TimelineEntry[]>;

/** The window as SQL over one timestamp expression of a source. */
export function within(at: RawBuilder<unknown>, w: Window): RawBuilder<SqlBool> {
  const parts = [sql`true`];
  if (w.from) parts.push(sql`${at} >= ${w.from}`);
  if (w.to) parts.push(sql`${at} < ${w.to}`);
  if (w.before) parts.push(sql`${at} < ${w.before}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** A date column as the start of its day, so date-only facts sort among timestamps. */
export const dayStart = (column: string) => sql<Date>`(${sql.ref(column)})::timestamp at time zone 'UTC'`;
export const ts = (column: string) => sql<Date>`${sql.ref(column)}`;

export const humanise = (code: string) => (code.charAt(0).toUpperCase() + code.slice(1)).replace(/_/g, ' ');

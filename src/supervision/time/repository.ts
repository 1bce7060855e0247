/** Time with people data access: recorded contact minutes (read through current_contacts) and other work entries. */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { ContactTime, OtherTime, Outcome } from './rules.ts';
import type { WorkTimeChange } from './tables.ts';

export const kinds = (db: Db) =>
  db.selectFrom('work_time_kinds').select(['code', 'name', 'description']).where('active', '=', true).orderBy('ordinal').execute();

/** England's local date of an instant, in SQL. */
const localDate = sql<string>`to_char((c.starts_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD')`;

/**
 * The minutes of the practitioners' contacts in [from, to] (local dates), summed per practitioner, day and
 * what decides whether they count (the rule does that: contactCounts).
 */
export async function contactTimes(db: Db, userIds: readonly number[], from: string, to: string): Promise<(ContactTime & { userId: number })[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code')
    .select([
      'c.practitioner_id', localDate.as('date'), 't.appointment', 'c.outcome', 'c.change', 'c.direct_engagement',
      sql<string>`sum(c.duration_minutes)`.as('minutes'),
    ])
    .where('c.practitioner_id', 'in', [...userIds])
    // A day either side in UTC, then the exact local dates: the index on starts_at does the work.
    .where('c.starts_at', '>=', sql<Date>`(${from}::date - 1)::timestamptz`)
    .where('c.starts_at', '<', sql<Date>`(${to}::date + 2)::timestamptz`)
    .where(localDate, '>=', from).where(localDate, '<=', to)
    .groupBy(['c.practitioner_id', sql`2`, 't.appointment', 'c.outcome', 'c.change', 'c.direct_engagement'])
    .execute();
  return rows.map((r) => ({
    userId: r.practitioner_id!, date: r.date, minutes: Number(r.minutes), directEngagement: r.direct_engagement,
    appointment: r.appointment, outcome: r.outcome as Outcome | null, change: r.change,
  }));
}

/** The practitioners' other work in [from, to]: current versions, removed entries left out. */
export async function otherTimes(db: Db, userIds: readonly number[], from: string, to: string): Promise<(OtherTime & { userId: number })[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('current_work_time_entries').select(['user_id', 'worked_on', 'kind', 'minutes'])
    .where('user_id', 'in', [...userIds]).where('change', '<>', 'removed').where('worked_on', '>=', from).where('worked_on', '<=', to).execute();
  return rows.map((r) => ({ userId: r.user_id, date: r.worked_on, kind: r.kind, minutes: r.minutes }));
}

export interface EntryRow {
  id: number; entry_id: number; user_id: number; worked_on: string; kind: string; kindName: string; minutes: number; note: string | null;
  person_id: number | null; crn: string | null; change: WorkTimeChange; change_reason: string | null; recorded_at: Date; recordedBy: string;
}

const entries = (db: Db, table: 'current_work_time_entries' | 'work_time_entries') =>
  db.selectFrom(`${table} as e` as 'work_time_entries as e').innerJoin('work_time_kinds as k', 'k.code', 'e.kind')
    .innerJoin('users as u', 'u.id', 'e.recorded_by').leftJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.entry_id', 'e.user_id', 'e.worked_on', 'e.kind', 'k.name as kindName', 'e.minutes', 'e.note', 'e.person_id', 'p.crn',
      'e.change', 'e.change_reason', 'e.recorded_at', 'u.display_name as recordedBy']);

/** A practitioner's entries (current versions, not removed) worked in [from, to], newest first. */
export function entriesOf(db: Db, userId: number, from: string, to: string, limit = 500): Promise<EntryRow[]> {
  return entries(db, 'current_work_time_entries').where('e.user_id', '=', userId).where('e.change', '<>', 'removed')
    .where('e.worked_on', '>=', from).where('e.worked_on', '<=', to)
    .orderBy('e.worked_on', 'desc').orderBy('e.id', 'desc').limit(limit).execute() as Promise<EntryRow[]>;
}

/** The current version of one of a practitioner's entries (by its stable id). */
export function currentEntry(db: Db, userId: number, entryId: number): Promise<EntryRow | undefined> {
  return entries(db, 'current_work_time_entries').where('e.user_id', '=', userId).where('e.entry_id', '=', entryId).executeTakeFirst() as Promise<EntryRow | undefined>;
}

/** Every version of an entry, newest first. */
export function versionsOf(db: Db, entryId: number): Promise<EntryRow[]> {
  return entries(db, 'work_time_entries').where('e.entry_id', '=', entryId).orderBy('e.id', 'desc').execute() as Promise<EntryRow[]>;
}

/** Other work already recorded on a day (leaving out one entry, when it is being corrected). */
export async function dayTotal(db: Db, userId: number, date: string, exceptEntryId: number | null): Promise<number> {
  let q = db.selectFrom('current_work_time_entries').select(sql<string>`coalesce(sum(minutes), 0)`.as('m'))
    .where('user_id', '=', userId).where('worked_on', '=', date).where('change', '<>', 'removed');
  if (exceptEntryId !== null) q = q.where('entry_id', '<>', exceptEntryId);
  return Number((await q.executeTakeFirstOrThrow()).m);
}

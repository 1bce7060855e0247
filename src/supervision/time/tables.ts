/** Tables owned by time with people (migration 0022). */
import type { ColumnType, Generated } from 'kysely';

export type WorkTimeChange = 'recorded' | 'corrected' | 'removed';

export interface WorkTimeKindsTable {
  code: string;
  name: string;
  description: string;
  ordinal: number;
  active: Generated<boolean>;
}

/** One version of a work time entry; `entry_id` is the entry's stable id, `supersedes_id` the version it replaces. */
export interface WorkTimeEntriesTable {
  id: Generated<number>;
  /** Set by the database (the first version's id). */
  entry_id: ColumnType<number, never, never>;
  supersedes_id: number | null;
  user_id: number;
  /** 'YYYY-MM-DD' */
  worked_on: string;
  kind: string;
  minutes: number;
  note: string | null;
  person_id: number | null;
  change: WorkTimeChange;
  change_reason: string | null;
  recorded_by: number;
  recorded_at: Generated<Date>;
}

/** The latest version of every entry (a view: read only). */
export type CurrentWorkTimeEntriesView = { [K in keyof WorkTimeEntriesTable]: ColumnType<WorkTimeEntriesTable[K] extends ColumnType<infer S, unknown, unknown> ? S : WorkTimeEntriesTable[K], never, never> };

export interface TimeTables {
  work_time_kinds: WorkTimeKindsTable;
  work_time_entries: WorkTimeEntriesTable;
  current_work_time_entries: CurrentWorkTimeEntriesView;
}

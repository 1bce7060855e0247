/** Tables owned by reminders (migration 0021). */
import type { ColumnType, Generated } from 'kysely';

export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'failed' | 'permanent_failure' | 'cancelled';
export type ReminderProvider = 'outbox' | 'notify';

export interface ReminderSettingsTable {
  id: Generated<boolean>;
  /** 'HH:MM:SS', UK clock time. */
  quiet_start: string;
  quiet_end: string;
  days_before: number;
  latest_minutes_before: number;
  first_retry_minutes: number;
  max_retry_minutes: number;
  max_attempts: number;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface ReminderConsentsTable {
  id: Generated<number>;
  person_id: number;
  consented: boolean;
  mobile: string | null;
  withdrawn: Generated<boolean>;
  note: string | null;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

type ReadOnly<T> = { [K in keyof T]: ColumnType<T[K] extends ColumnType<infer S, unknown, unknown> ? S : T[K], never, never> };

export interface ReminderMessagesTable {
  id: Generated<number>;
  person_id: number;
  contact_id: number;
  contact_version_id: number;
  appointment_at: ColumnType<Date, Date | string, Date | string>;
  phone: string;
  text: string;
  status: ReminderStatus;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  claimed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  provider: ReminderProvider | null;
  provider_reference: string | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  sent_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  delivered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  status_checked_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReminderTables {
  reminder_settings: ReminderSettingsTable;
  reminder_consents: ReminderConsentsTable;
  current_reminder_consents: ReadOnly<ReminderConsentsTable>;
  reminder_messages: ReminderMessagesTable;
}

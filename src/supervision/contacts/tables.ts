/** Tables owned by contacts (migration 0018). */
import type { ColumnType, Generated } from 'kysely';

export type ContactOutcome = 'attended_complied' | 'attended_failed_to_comply' | 'acceptable_absence' | 'unacceptable_absence' | 'rescheduled';
export type ContactChange = 'booked' | 'recorded' | 'outcome' | 'rescheduled' | 'corrected' | 'cancelled';

export interface ContactTypesTable {
  code: string;
  name: string;
  appointment: boolean;
  counts_for_compliance: boolean;
  direct_engagement: boolean;
  default_minutes: number;
  ordinal: number;
}

/** One version of a contact; `contact_id` is the contact's stable id, `supersedes_id` the version it replaces. */
export interface ContactsTable {
  id: Generated<number>;
  person_id: number;
  /** Set by the database (the first version's id). */
  contact_id: ColumnType<number, never, never>;
  supersedes_id: number | null;
  type_code: string;
  practitioner_id: number | null;
  starts_at: ColumnType<Date, Date | string, never>;
  duration_minutes: number;
  location: string | null;
  requirement_id: number | null;
  outcome: ContactOutcome | null;
  outcome_evidence: string | null;
  counts_for_compliance: boolean;
  direct_engagement: boolean;
  notes: string | null;
  sensitive: Generated<boolean>;
  change: ContactChange;
  change_reason: string | null;
  rescheduled_to_contact_id: number | null;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

/** The latest version of every contact (a view: read only). */
export type CurrentContactsView = { [K in keyof ContactsTable]: ColumnType<ContactsTable[K] extends ColumnType<infer S, unknown, unknown> ? S : ContactsTable[K], never, never> };

export interface ContactTables {
  contact_types: ContactTypesTable;
  contacts: ContactsTable;
  current_contacts: CurrentContactsView;
}

/** Tables owned by caseload (issue 5, migration 0023): contact levels. */
import type { ColumnType, Generated } from 'kysely';

export interface ContactLevelDefaultsTable {
  /** A protect level (A-D) or a full tier (B2). */
  key: string;
  frequency_days: number;
  description: string;
  source: string;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface ContactLevelDefaultChangesTable {
  id: Generated<number>;
  key: string;
  old_days: number | null;
  new_days: number | null;
  reason: string;
  changed_by: number | null;
  changed_at: Generated<Date>;
}

export interface ContactLevelOverridesTable {
  id: Generated<number>;
  person_id: number;
  frequency_days: number;
  reason: string;
  set_by: number | null;
  set_at: ColumnType<Date, Date | string | undefined, never>;
  ended_at: Date | null;
  ended_by: number | null;
  end_reason: string | null;
}

export interface CaseloadTables {
  contact_level_defaults: ContactLevelDefaultsTable;
  contact_level_default_changes: ContactLevelDefaultChangesTable;
  contact_level_overrides: ContactLevelOverridesTable;
}

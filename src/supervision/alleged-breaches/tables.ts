/** Tables owned by alleged-breaches (migration 0024). */
import type { ColumnType, Generated } from 'kysely';

export type AllegedBreachKind = 'missed_appointment' | 'failed_to_comply' | 'behaviour' | 'other';
export type AllegedBreachActivity = 'unpaid_work' | 'programme' | 'other_agency';
export type AllegedBreachStatus = 'reported' | 'accepted' | 'not_accepted';

export interface AllegedBreachesTable {
  id: Generated<number>;
  person_id: number;
  agency_code: string;
  reported_by: number;
  reporter_reference: string;
  reported_at: Generated<Date>;
  failure_date: ColumnType<string, string, string>;
  kind: AllegedBreachKind;
  activity: AllegedBreachActivity;
  activity_detail: string | null;
  description: string;
  contact_name: string;
  status: Generated<AllegedBreachStatus>;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: string | null;
  partner_note: string | null;
  contact_id: number | null;
}

export interface AllegedBreachTables {
  alleged_breaches: AllegedBreachesTable;
}

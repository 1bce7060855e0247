/** Tables owned by the start-date forecast (migration 0010). */
import type { Generated } from 'kysely';

export type DeliveryModel = 'weekly_slots' | 'groups' | 'provider_places' | 'immediate';
export type LeftKind = 'order_ended' | 'transferred' | 'withdrawn' | 'treatment_ended' | 'other';

export interface RequirementDeliveryRulesTable {
  requirement_type: string;
  delivery_model: DeliveryModel;
  start_limit_days: number | null;
  start_limit_working_days: Generated<boolean>;
  start_limit_reason: string | null;
  start_limit_source: string | null;
}
export interface DeliveryCapacityTable {
  id: Generated<number>;
  pdu_id: number;
  requirement_type: string;
  programme_code: string | null;
  provider: string | null;
  weekday: number | null;
  places: number | null;
  length_weeks: number | null;
  lead_days: Generated<number>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}
export interface ProgrammeGroupsTable {
  id: Generated<number>;
  capacity_id: number;
  starts_on: string;
  places: number;
  location: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface RequirementQueueTable {
  id: Generated<number>;
  person_id: number;
  requirement_id: number;
  pdu_id: number;
  requirement_type: string;
  programme_code: string | null;
  joined_on: string;
  started_on: string | null;
  left_on: string | null;
  left_kind: LeftKind | null;
  left_reason: string | null;
  updated_by: number | null;
}

export interface ForecastTables {
  requirement_delivery_rules: RequirementDeliveryRulesTable;
  delivery_capacity: DeliveryCapacityTable;
  programme_groups: ProgrammeGroupsTable;
  requirement_queue: RequirementQueueTable;
}

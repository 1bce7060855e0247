/** Tables owned by allocation (migration 0013). */
import type { ColumnType, Generated } from 'kysely';

export type RoshLevel = 'low' | 'medium' | 'high' | 'very_high';
export type AllocationSource = 'court' | 'custody' | 'transfer_in';
export type AllocationStatus = 'awaiting' | 'allocated' | 'cancelled';

export interface AllocationGradeRulesTable {
  rosh_level: RoshLevel;
  grades: string[];
  explanation: string;
}
export interface AllocationRequestsTable {
  id: Generated<number>;
  person_id: number;
  team_id: number;
  source: AllocationSource;
  arrived_at: Generated<Date>;
  status: Generated<AllocationStatus>;
  decided_by: number | null;
  decided_at: Date | null;
}
export interface AllocationDecisionsTable {
  id: Generated<number>;
  person_id: number;
  request_id: number;
  practitioner_id: number;
  recommended_practitioner_id: number | null;
  ranking: ColumnType<unknown, string, string>;
  override_reason: string | null;
  over_capacity_confirmed: Generated<boolean>;
  decided_by: number | null;
  created_at: Generated<Date>;
}

export interface AllocationTables {
  allocation_grade_rules: AllocationGradeRulesTable;
  allocation_requests: AllocationRequestsTable;
  allocation_decisions: AllocationDecisionsTable;
}

/** Tables owned by workload (migration 0012). */
import type { ColumnType, Generated } from 'kysely';

type Numeric = ColumnType<string, number | string, number | string>;
type DateColumn = ColumnType<string, string, string>;

export interface WorkloadCaseWeightsTable { case_type: 'community' | 'custody' | 'licence' | 'young_adult'; tier: string; points: number }
export type TaskCountedFrom = 'pre_sentence_report' | 'accredited_programme' | 'custody_arrival' | 'work_item';
export interface WorkloadTaskWeightsTable {
  task: string;
  points: number;
  description: string;
  counted_from: ColumnType<TaskCountedFrom, TaskCountedFrom | undefined, TaskCountedFrom>;
  source: ColumnType<string, string | undefined, string>;
}
export interface WorkloadSettingsTable { key: string; value: number; label: string; description: string; source: string }
export interface WorkloadWorkItemsTable {
  id: Generated<number>;
  user_id: number;
  task: string;
  person_id: number | null;
  description: ColumnType<string, string | undefined, string>;
  due_on: DateColumn;
  closed_on: DateColumn | null;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
  closed_by: number | null;
}
export interface WorkloadWeightChangesTable {
  id: Generated<number>;
  table_name: string;
  item: string;
  old_value: string | null;
  new_value: string;
  reason: string;
  changed_by: number | null;
  changed_at: Generated<Date>;
}
export interface WorkloadGradeTargetsTable { grade: string; points: number; full_time_hours: Numeric; source: string }
export interface StaffProfilesTable {
  user_id: number;
  contracted_hours: ColumnType<string, number | string | undefined, number | string>;
  qualified_on: DateColumn | null;
  qualifications: ColumnType<string[], string[] | undefined, string[]>;
  specialisms: ColumnType<string[], string[] | undefined, string[]>;
}
export interface StaffAbsencesTable {
  id: Generated<number>;
  user_id: number;
  kind: 'leave' | 'training' | 'sickness' | 'other';
  starts_on: DateColumn;
  ends_on: DateColumn;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}
export interface WorkloadReductionsTable {
  id: Generated<number>;
  user_id: number;
  hours: Numeric;
  reason: string;
  starts_on: DateColumn;
  ends_on: DateColumn | null;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export interface WorkloadTables {
  workload_case_weights: WorkloadCaseWeightsTable;
  workload_task_weights: WorkloadTaskWeightsTable;
  workload_grade_targets: WorkloadGradeTargetsTable;
  staff_profiles: StaffProfilesTable;
  staff_absences: StaffAbsencesTable;
  workload_reductions: WorkloadReductionsTable;
  workload_settings: WorkloadSettingsTable;
  workload_work_items: WorkloadWorkItemsTable;
  workload_weight_changes: WorkloadWeightChangesTable;
}

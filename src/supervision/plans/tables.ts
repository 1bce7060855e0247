/** Tables owned by plans (migration 0020). */
import type { ColumnType, Generated } from 'kysely';
import type { NeedSection } from '../../assessment/tiering/rules.ts';

export type PlanStatus = 'draft' | 'agreed';
export type ObjectiveStatus = 'open' | 'achieved' | 'withdrawn';
export type ActionOwner = 'person' | 'practitioner' | 'agency';
export type ActionStatus = 'open' | 'done' | 'not_done';
export type ProgressRating = 'not_started' | 'some_progress' | 'good_progress' | 'achieved';

export interface SentencePlansTable {
  id: Generated<number>;
  person_id: number;
  sentence_id: number | null;
  review_due_on: string;
  status: Generated<PlanStatus>;
  agreed_on: string | null;
  persons_comment: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface PlanObjectivesTable {
  id: Generated<number>;
  person_id: number;
  plan_id: number;
  need_section: NeedSection | null;
  requirement_id: number | null;
  objective: string;
  persons_words: string;
  status: Generated<ObjectiveStatus>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

/** Earlier wordings of objectives: written only by the database's trigger. */
export interface PlanObjectiveHistoryTable {
  id: Generated<number>;
  person_id: ColumnType<number, never, never>;
  objective_id: ColumnType<number, never, never>;
  need_section: ColumnType<NeedSection | null, never, never>;
  requirement_id: ColumnType<number | null, never, never>;
  objective: ColumnType<string, never, never>;
  persons_words: ColumnType<string, never, never>;
  status: ColumnType<ObjectiveStatus, never, never>;
  recorded_by: ColumnType<number | null, never, never>;
  recorded_at: ColumnType<Date, never, never>;
}

export interface PlanActionsTable {
  id: Generated<number>;
  person_id: number;
  objective_id: number;
  action: string;
  owner: ActionOwner;
  agency_name: string | null;
  target_on: string;
  status: Generated<ActionStatus>;
  status_note: string | null;
  status_on: string | null;
  status_by: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface PlanReviewsTable {
  id: Generated<number>;
  person_id: number;
  plan_id: number;
  reviewed_on: string;
  next_review_on: string;
  summary: Generated<string>;
  reviewed_by: number | null;
  recorded_at: Generated<Date>;
}

export interface PlanReviewProgressTable {
  id: Generated<number>;
  person_id: number;
  review_id: number;
  objective_id: number;
  rating: ProgressRating;
  progress: string;
}

export interface PlanTables {
  sentence_plans: SentencePlansTable;
  plan_objectives: PlanObjectivesTable;
  plan_objective_history: PlanObjectiveHistoryTable;
  plan_actions: PlanActionsTable;
  plan_reviews: PlanReviewsTable;
  plan_review_progress: PlanReviewProgressTable;
}

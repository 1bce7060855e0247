import type { Generated, JSONColumnType } from 'kysely';

export interface CriminalHistoriesTable {
  person_id: number;
  previous_sanctions: number;
  previous_convictions: number | null;
  violent_sanctions: number | null;
  first_sanction_date: string;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}
export interface PredictorScoresTable {
  id: Generated<number>;
  person_id: number;
  predictor: 'ogrs3' | 'ogp' | 'ovp';
  score: number | null;
  one_year: number;
  two_year: number;
  one_year_percent: number;
  two_year_percent: number;
  band: string;
  inputs: JSONColumnType<Record<string, unknown>>;
  sources: JSONColumnType<Record<string, string>>;
  terms: JSONColumnType<Record<string, unknown>>;
  reason: string;
  calculated_by: number | null;
  calculated_at: Generated<Date>;
}
export interface TierCalculationsTable {
  id: Generated<number>;
  person_id: number;
  tier: string;
  protect_level: string;
  protect_points: number;
  change_level: number;
  change_points: number;
  result: JSONColumnType<Record<string, unknown>>;
  inputs: JSONColumnType<Record<string, unknown>>;
  sources: JSONColumnType<Record<string, string>>;
  previous_tier: string | null;
  changed: boolean;
  reason: string;
  calculated_by: number | null;
  calculated_at: Generated<Date>;
}
export interface TierGradeRulesTable { protect_level: string; grades: string[]; explanation: string }
export interface NotificationsTable {
  id: Generated<number>;
  person_id: number;
  user_id: number;
  kind: string;
  message: string;
  link: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}
export interface ReallocationReviewsTable {
  id: Generated<number>;
  person_id: number;
  team_id: number;
  tier_calculation_id: number;
  reason: string;
  created_at: Generated<Date>;
  resolved_at: Date | null;
  resolved_by: number | null;
  resolution: string | null;
}
export interface AssessmentTables {
  criminal_histories: CriminalHistoriesTable;
  predictor_scores: PredictorScoresTable;
  tier_calculations: TierCalculationsTable;
  tier_grade_rules: TierGradeRulesTable;
  notifications: NotificationsTable;
  reallocation_reviews: ReallocationReviewsTable;
}

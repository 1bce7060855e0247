/** Tables owned by enforcement (migration 0019). */
import type { ColumnType, Generated } from 'kysely';
import type { ActionKind } from './rules.ts';

type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export type ActionStatus = 'open' | 'done' | 'withdrawn';
export type DecisionKind = 'breach' | 'recall';
export type DecisionStatus = 'proposed' | 'countersigned' | 'returned';
export type RecallType = 'standard' | 'fixed_term';
export type BreachOutcome = 'continued_with_warning' | 'amended' | 'revoked_resentenced' | 'not_proven';
export type RecallOutcome = 'recalled' | 'not_recalled';

export interface EnforcementSettingsTable {
  key: string;
  value: number;
  description: string;
  source: string;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface EnforcementActionsTable {
  id: Generated<number>;
  person_id: number;
  sentence_id: number | null;
  failure_on: DateColumn;
  contact_id: number | null;
  kind: ActionKind;
  reason: string;
  status: Generated<ActionStatus>;
  due_on: NullableDate;
  created_at: Generated<Date>;
  taken_by: number | null;
  taken_at: Date | null;
  resolution: string | null;
}

export interface WarningLettersTable {
  id: Generated<number>;
  person_id: number;
  action_id: number | null;
  failure_on: DateColumn;
  issued_on: DateColumn;
  facts: ColumnType<Record<string, unknown>, string, string>;
  pdf: Buffer;
  issued_by: number;
  issued_at: Generated<Date>;
}

export interface EnforcementDecisionsTable {
  id: Generated<number>;
  person_id: number;
  sentence_id: number | null;
  action_id: number | null;
  kind: DecisionKind;
  failure_on: DateColumn;
  reasons: string;
  recall_type: RecallType | null;
  proposed_by: number;
  proposed_at: Generated<Date>;
  status: Generated<DecisionStatus>;
  /** The senior officer who countersigned or returned it. */
  countersigned_by: number | null;
  countersigned_at: Date | null;
  countersign_reasons: string | null;
  deadline_on: NullableDate;
  laid_on: NullableDate;
  outcome: BreachOutcome | RecallOutcome | null;
  outcome_notes: string | null;
  concluded_on: NullableDate;
  outcome_by: number | null;
}

export interface ComplianceReturnsTable {
  id: Generated<number>;
  person_id: number;
  returned_on: DateColumn;
  note: string;
  recorded_by: number;
  recorded_at: Generated<Date>;
}

export interface EnforcementTables {
  enforcement_settings: EnforcementSettingsTable;
  enforcement_actions: EnforcementActionsTable;
  warning_letters: WarningLettersTable;
  enforcement_decisions: EnforcementDecisionsTable;
  compliance_returns: ComplianceReturnsTable;
}

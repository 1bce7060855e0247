import type { Generated, JSONColumnType } from 'kysely';
import type { RequirementDetails } from './requirements.ts';
import type { OffenceCategory } from '../assessment/predictors/ogrs3.ts';

export type SentenceType = 'community_order' | 'suspended_sentence_order' | 'custody';
export type SentenceStatus = 'active' | 'completed' | 'revoked' | 'terminated_early';
export type EventOutcome = 'sentenced' | 'adjourned_for_report' | 'adjourned';
export type Monitoring = 'none' | 'optional' | 'default' | 'required';

export interface OffencesTable { code: string; description: string; ogrs3_category: OffenceCategory; violent: boolean }
export interface RequirementTypesTable {
  code: string;
  name: string;
  restrictive: boolean;
  description: string;
  unit: 'hours' | 'days' | 'sessions' | null;
  min_units: number | null;
  max_units: number | null;
  max_months: number | null;
  complete_within_months: number | null;
  needs_consent: Generated<boolean>;
  monitoring: Generated<Monitoring>;
  max_age_at_sentence: number | null;
  min_hours_per_day: number | null;
  max_hours_per_day: number | null;
  max_hours_per_week: number | null;
  legal_basis: string | null;
}
export interface AccreditedProgrammesTable { code: string; name: string; description: string; sessions_typical: number; weeks_typical: number }
export interface LicenceConditionTypesTable { code: string; name: string; standard: boolean; detail_label: string | null; ordinal: number }
export interface LicenceConditionsTable {
  id: Generated<number>;
  person_id: number;
  sentence_id: number;
  condition_code: string;
  detail: string | null;
}
export interface EventsTable {
  id: Generated<number>;
  person_id: number;
  event_number: number;
  conviction_date: string;
  court: string;
  outcome: Generated<EventOutcome>;
  next_hearing_on: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface EventOffencesTable {
  id: Generated<number>;
  person_id: number;
  event_id: number;
  offence_code: string;
  offence_date: string;
  main: boolean;
}
export interface SentencesTable {
  id: Generated<number>;
  person_id: number;
  event_id: number;
  sentence_type: SentenceType;
  sentenced_on: string;
  length_months: number;
  custodial_term_months: number | null;
  supervision_months: number | null;
  release_on: string | null;
  licence_ends_on: string | null;
  /** numeric: pg returns it as a string. */
  release_fraction: string | number | null;
  conditional_release_on: string | null;
  top_up_ends_on: string | null;
  expected_end_on: string;
  status: Generated<SentenceStatus>;
  ended_on: string | null;
  end_reason: string | null;
  ended_by: number | null;
}
export interface RequirementsTable {
  id: Generated<number>;
  person_id: number;
  sentence_id: number;
  requirement_type: string;
  expected_start_on: string;
  expected_end_on: string;
  ended_on: string | null;
  units: number | null;
  programme_code: string | null;
  details: JSONColumnType<RequirementDetails, string | undefined, string>;
}
export interface SentencingTables {
  offences: OffencesTable;
  requirement_types: RequirementTypesTable;
  events: EventsTable;
  event_offences: EventOffencesTable;
  sentences: SentencesTable;
  requirements: RequirementsTable;
  accredited_programmes: AccreditedProgrammesTable;
  licence_condition_types: LicenceConditionTypesTable;
  licence_conditions: LicenceConditionsTable;
}

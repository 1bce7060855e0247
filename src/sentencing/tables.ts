import type { Generated } from 'kysely';
import type { OffenceCategory } from '../assessment/predictors/ogrs3.ts';

export type SentenceType = 'community_order' | 'suspended_sentence_order' | 'custody';
export type SentenceStatus = 'active' | 'completed' | 'revoked' | 'terminated_early';

export interface OffencesTable { code: string; description: string; ogrs3_category: OffenceCategory; violent: boolean }
export interface RequirementTypesTable { code: string; name: string; restrictive: boolean; description: string }
export interface EventsTable {
  id: Generated<number>;
  person_id: number;
  event_number: number;
  conviction_date: string;
  court: string;
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
}
export interface SentencingTables {
  offences: OffencesTable;
  requirement_types: RequirementTypesTable;
  events: EventsTable;
  event_offences: EventOffencesTable;
  sentences: SentencesTable;
  requirements: RequirementsTable;
}

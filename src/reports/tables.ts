import type { Generated } from 'kysely';
import type { ReportStatus, ReportType } from './status.ts';

/** Tables owned by pre-sentence reports (migration 0011). The jsonb columns hold the shapes in content.ts. */
export interface PreSentenceReportsTable {
  id: Generated<number>;
  person_id: number;
  event_id: number;
  team_id: number;
  report_type: ReportType;
  court: string;
  hearing_on: string;
  due_on: string;
  court_notes: Generated<string>;
  status: Generated<ReportStatus>;
  assigned_to: number | null;
  draft: Generated<unknown>;
  draft_updated_at: Date | null;
  draft_updated_by: number | null;
  status_reason: string | null;
  requested_by: number;
  requested_at: Generated<Date>;
}
export interface PreSentenceReportVersionsTable {
  id: Generated<number>;
  person_id: number;
  report_id: number;
  version: number;
  sections: unknown;
  risk: unknown;
  proposal: unknown;
  pdf: Buffer;
  author_id: number;
  submitted_by: number;
  submitted_at: Generated<Date>;
  countersigned_by: number | null;
  countersigned_on: string | null;
}
export interface PreSentenceReportHistoryTable {
  id: Generated<number>;
  person_id: number;
  report_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  detail: Generated<string>;
  by_user: number | null;
  at: Generated<Date>;
}
export interface ReportTables {
  pre_sentence_reports: PreSentenceReportsTable;
  pre_sentence_report_versions: PreSentenceReportVersionsTable;
  pre_sentence_report_history: PreSentenceReportHistoryTable;
}

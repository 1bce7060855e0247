import type { Generated, JSONColumnType } from 'kysely';

/** One row per assessment: a draft (no version yet, at most one per person) or a completed version. */
export interface NeedsAssessmentsTable {
  id: Generated<number>;
  person_id: number;
  status: 'draft' | 'completed';
  version: number | null;
  /** Item key -> 0, 1 or 2; partial in a draft. */
  answers: JSONColumnType<Record<string, number>>;
  /** Section key -> linked to harm, to reoffending, and a note. */
  sections: JSONColumnType<Record<string, { harm: boolean; reoffending: boolean; note: string }>>;
  /** Section key -> score, set on completion. */
  section_scores: JSONColumnType<Record<string, number> | null, string | null, string | null>;
  persons_view: string;
  view_declined: boolean;
  summary: string;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_by: number | null;
  updated_at: Generated<Date>;
  completed_by: number | null;
  completed_on: string | null;
  completed_at: Date | null;
}

export interface NeedsTables {
  needs_assessments: NeedsAssessmentsTable;
}

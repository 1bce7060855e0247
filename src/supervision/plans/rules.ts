/**
 * The sentence plan's rules, pure: which assessed needs and which requirements no objective addresses
 * ("the plan shows which needs have no objective", issue 5 item 1), whether an action or the plan's review
 * is overdue, and the plan's progress at its latest review.
 */
import { needLevel, NEED_LEVEL_LABELS, type NeedLevel } from '../../assessment/needs/rules.ts';
import { SECTIONS } from '../../assessment/needs/sections.ts';
import type { NeedSection } from '../../assessment/tiering/rules.ts';
import type { ActionStatus, ObjectiveStatus, ProgressRating } from './tables.ts';

export interface AssessedNeed { key: NeedSection; label: string; level: Exclude<NeedLevel, 'none'>; levelLabel: string; score: number }

/** The sections the latest completed needs assessment flags as a need (its thresholds, sections.ts), in OASys order. */
export function assessedNeeds(sectionScores: Partial<Record<string, number>> | null): AssessedNeed[] {
  if (!sectionScores) return [];
  return SECTIONS.flatMap((section) => {
    const score = sectionScores[section.key];
    if (typeof score !== 'number') return [];
    const level = needLevel(section, score);
    return level === 'none' ? [] : [{ key: section.key, label: section.label, level, levelLabel: NEED_LEVEL_LABELS[level], score }];
  });
}

/** What an objective addresses; a withdrawn objective no longer addresses anything. */
export interface ObjectiveLink { needSection: NeedSection | null; requirementId: number | null; status: ObjectiveStatus }
const live = (objectives: readonly ObjectiveLink[]) => objectives.filter((o) => o.status !== 'withdrawn');

/** Assessed needs that no open or achieved objective addresses. */
export function needsWithoutObjective(needs: readonly AssessedNeed[], objectives: readonly ObjectiveLink[]): AssessedNeed[] {
  const covered = new Set(live(objectives).map((o) => o.needSection));
  return needs.filter((need) => !covered.has(need.key));
}

/** Requirements of the order that no open or achieved objective serves. */
export function requirementsWithoutObjective<R extends { id: number }>(requirements: readonly R[], objectives: readonly ObjectiveLink[]): R[] {
  const covered = new Set(live(objectives).map((o) => o.requirementId));
  return requirements.filter((r) => !covered.has(r.id));
}

/** An action is overdue once its target date has passed and it is still open. */
export const actionOverdue = (action: { status: ActionStatus; targetOn: string }, today: string) => action.status === 'open' && action.targetOn < today;

/** The review date in force: the latest review's next date, else the date set when the plan was made. */
export function reviewDueOn(plan: { reviewDueOn: string }, reviews: readonly { reviewedOn: string; nextReviewOn: string; id: number }[]): string {
  const latest = [...reviews].sort((a, b) => (a.reviewedOn === b.reviewedOn ? b.id - a.id : b.reviewedOn.localeCompare(a.reviewedOn)))[0];
  return latest?.nextReviewOn ?? plan.reviewDueOn;
}

export type ReviewStatus = 'overdue' | 'due' | 'not_due';
/** Overdue after the due date; due from 14 days before it (time to arrange the review with the person). */
export const REVIEW_DUE_WINDOW_DAYS = 14;
export function reviewStatus(dueOn: string, today: string): ReviewStatus {
  if (dueOn < today) return 'overdue';
  const window = new Date(`${today}T00:00:00Z`);
  window.setUTCDate(window.getUTCDate() + REVIEW_DUE_WINDOW_DAYS);
  return dueOn <= window.toISOString().slice(0, 10) ? 'due' : 'not_due';
}

export const RATINGS: { value: ProgressRating; text: string }[] = [
  { value: 'not_started', text: 'Not started' },
  { value: 'some_progress', text: 'Some progress' },
  { value: 'good_progress', text: 'Good progress' },
  { value: 'achieved', text: 'Achieved' },
];
export const RATING_LABELS = Object.fromEntries(RATINGS.map((r) => [r.value, r.text])) as Record<ProgressRating, string>;

export interface ProgressSummary { objectives: number; rated: number; counts: Record<ProgressRating, number>; text: string }

/**
 * The plan's progress: each live objective's rating at the latest review that rated it (unrated: none yet),
 * counted, and said in words ("2 of 4 objectives achieved, 1 good progress, 1 not yet reviewed").
 */
export function progressSummary(objectives: readonly { id: number; status: ObjectiveStatus }[], latestRatings: ReadonlyMap<number, ProgressRating>): ProgressSummary {
  const counted = objectives.filter((o) => o.status !== 'withdrawn');
  const counts: Record<ProgressRating, number> = { not_started: 0, some_progress: 0, good_progress: 0, achieved: 0 };
  let rated = 0;
  for (const o of counted) {
    const rating = o.status === 'achieved' ? 'achieved' : latestRatings.get(o.id);
    if (rating) { counts[rating] += 1; rated += 1; }
  }
  if (!counted.length) return { objectives: 0, rated, counts, text: 'No objectives yet' };
  const parts = [`${counts.achieved} of ${counted.length} ${counted.length === 1 ? 'objective' : 'objectives'} achieved`];
  for (const r of RATINGS) if (r.value !== 'achieved' && counts[r.value]) parts.push(`${counts[r.value]} ${r.text.toLowerCase()}`);
  if (counted.length - rated) parts.push(`${counted.length - rated} not yet reviewed`);
  return { objectives: counted.length, rated, counts, text: parts.join(', ') };
}

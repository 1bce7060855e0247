/** The plan's forms (and the API's bodies, which use the same names), read and checked as pure functions. */
import { SECTION_BY_KEY } from '../../assessment/needs/sections.ts';
import type { NeedSection } from '../../assessment/tiering/rules.ts';
import { addMonths, readDateField } from '../../platform/http/dates.ts';
import { RATINGS } from './rules.ts';
import type { ActionOwner, ObjectiveStatus, ProgressRating } from './tables.ts';

type Body = Record<string, unknown>;
type Errors = Record<string, string>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Errors };
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const done = <T>(errors: Errors, value: () => T): Result<T> => (Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: value() });

function words(body: Body, errors: Errors, field: string, label: string, limit: number, required: string | null): string {
  const value = text(body[field]);
  if (!value && required) errors[field] = required;
  else if (value.length > limit) errors[field] = `${label} must be ${limit.toLocaleString('en-GB')} characters or fewer`;
  return value;
}

/** A review is at most a year away: plans are reviewed at least yearly (and usually every 3 to 6 months). */
const MAX_REVIEW_MONTHS = 12;
function futureDate(body: Body, errors: Errors, field: string, what: string, today: string, after = today): string | null {
  const value = readDateField(body, errors, field, what);
  if (!value) return null;
  if (value <= after) errors[field] = after === today ? `The ${what} must be in the future` : `The ${what} must be after the date of the review`;
  else if (value > addMonths(after, MAX_REVIEW_MONTHS)) errors[field] = `The ${what} must be within ${MAX_REVIEW_MONTHS} months`;
  return value;
}

export interface PlanValues { reviewDueOn: string; agreed: boolean; personsComment: string | null }
export function validatePlan(body: Body, today: string): Result<PlanValues> {
  const errors: Errors = {};
  const reviewDueOn = futureDate(body, errors, 'reviewDueOn', 'review date', today);
  const agreed = text(body.agreed);
  if (agreed && agreed !== 'yes' && agreed !== 'no') errors.agreed = 'Select whether the person has agreed the plan';
  const comment = words(body, errors, 'personsComment', 'The person\'s comment', 4000, null);
  return done(errors, () => ({ reviewDueOn: reviewDueOn!, agreed: agreed === 'yes', personsComment: comment || null }));
}

export function validateAgreement(body: Body): Result<{ personsComment: string | null }> {
  const errors: Errors = {};
  const comment = words(body, errors, 'personsComment', 'The person\'s comment', 4000, null);
  return done(errors, () => ({ personsComment: comment || null }));
}

export const OBJECTIVE_STATUSES: { value: ObjectiveStatus; text: string }[] = [
  { value: 'open', text: 'Open' },
  { value: 'achieved', text: 'Achieved' },
  { value: 'withdrawn', text: 'Withdrawn (no longer part of the plan)' },
];
export interface ObjectiveValues { needSection: NeedSection | null; requirementId: number | null; objective: string; personsWords: string; status: ObjectiveStatus }

/** An objective addresses a needs section and/or one of the person's current requirements. */
export function validateObjective(body: Body, requirementIds: readonly number[], editing: boolean): Result<ObjectiveValues> {
  const errors: Errors = {};
  const need = text(body.needSection);
  const needSection = need && SECTION_BY_KEY.has(need as NeedSection) ? need as NeedSection : null;
  if (need && !needSection) errors.needSection = 'Choose a need from the list';
  const req = text(body.requirementId);
  const requirementId = /^\d{1,12}$/.test(req) && requirementIds.includes(Number(req)) ? Number(req) : null;
  if (req && requirementId === null) errors.requirementId = 'Choose one of the person\'s current requirements from the list';
  if (!need && !req) errors.needSection = 'Choose the need this objective addresses, the requirement it serves, or both';
  const objective = words(body, errors, 'objective', 'The objective', 2000, 'Enter the objective in your words');
  const personsWords = words(body, errors, 'personsWords', 'The person\'s words', 2000, 'Enter the objective in the person\'s own words');
  const statusText = editing ? text(body.status) : 'open';
  const status = OBJECTIVE_STATUSES.find((s) => s.value === statusText)?.value;
  if (!status) errors.status = 'Select the objective\'s status';
  return done(errors, () => ({ needSection, requirementId, objective, personsWords, status: status! }));
}

export const OWNERS: { value: ActionOwner; text: string }[] = [
  { value: 'person', text: 'The person' },
  { value: 'practitioner', text: 'The practitioner' },
  { value: 'agency', text: 'Another agency' },
];
export interface ActionValues { action: string; owner: ActionOwner; agencyName: string | null; targetOn: string }
export function validateAction(body: Body, today: string): Result<ActionValues> {
  const errors: Errors = {};
  const action = words(body, errors, 'action', 'The action', 2000, 'Enter the action');
  const owner = OWNERS.find((o) => o.value === text(body.owner))?.value;
  if (!owner) errors.owner = 'Select who will do this';
  const agencyName = owner === 'agency' ? words(body, errors, 'agencyName', 'The agency\'s name', 200, 'Enter the name of the agency') : '';
  const targetOn = readDateField(body, errors, 'targetOn', 'target date');
  if (targetOn && targetOn < today) errors.targetOn = 'The target date must be today or in the future';
  return done(errors, () => ({ action, owner: owner!, agencyName: agencyName || null, targetOn: targetOn! }));
}

export interface ActionOutcome { status: 'done' | 'not_done'; note: string | null }
export function validateActionOutcome(body: Body): Result<ActionOutcome> {
  const errors: Errors = {};
  const status = text(body.status);
  if (status !== 'done' && status !== 'not_done') errors.status = 'Select whether the action was done';
  const note = words(body, errors, 'note', 'The note', 2000, status === 'not_done' ? 'Say why the action was not done' : null);
  return done(errors, () => ({ status: status as ActionOutcome['status'], note: note || null }));
}

export interface ReviewValues { reviewedOn: string; nextReviewOn: string; summary: string; progress: { objectiveId: number; rating: ProgressRating; progress: string }[] }
/** A review rates every live objective (`rating-<id>`, `progress-<id>`) and sets the next review date. */
export function validateReview(body: Body, objectiveIds: readonly number[], today: string, planStartedOn: string): Result<ReviewValues> {
  const errors: Errors = {};
  const reviewedOn = readDateField(body, errors, 'reviewedOn', 'date of the review');
  if (reviewedOn && reviewedOn > today) errors.reviewedOn = 'The date of the review must be today or in the past';
  else if (reviewedOn && reviewedOn < planStartedOn) errors.reviewedOn = 'The date of the review must be on or after the day the plan was made';
  const nextReviewOn = futureDate(body, errors, 'nextReviewOn', 'next review date', today, reviewedOn && reviewedOn > today ? reviewedOn : today);
  const summary = words(body, errors, 'summary', 'The summary', 4000, null);
  if (!objectiveIds.length) errors.summary = 'Add an objective before reviewing the plan: a review records progress on each objective';
  const progress = objectiveIds.map((id) => {
    const rating = RATINGS.find((r) => r.value === text(body[`rating-${id}`]))?.value;
    if (!rating) errors[`rating-${id}`] = 'Select the progress made on this objective';
    return { objectiveId: id, rating: rating!, progress: words(body, errors, `progress-${id}`, 'The progress', 4000, null) };
  });
  return done(errors, () => ({ reviewedOn: reviewedOn!, nextReviewOn: nextReviewOn!, summary, progress }));
}

import { parseIsoDate } from '../../platform/http/dates.ts';
import { formatDate } from '../../platform/views/render.ts';
import { addDays, addMonths } from '../../platform/http/dates.ts';

/** Risk of serious harm levels, lowest first, with the OASys guidance's definitions. */
export type RoshLevel = 'low' | 'medium' | 'high' | 'very_high';
export const ROSH_LEVELS: readonly RoshLevel[] = ['low', 'medium', 'high', 'very_high'];
export const LEVEL_NAMES: Record<RoshLevel, string> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };

export const SERIOUS_HARM = 'An event which is life-threatening and/or traumatic, and from which recovery, whether physical or psychological, can be expected to be difficult or impossible.';
export const LEVEL_DEFINITIONS: Record<RoshLevel, string> = {
  low: 'Current evidence does not indicate likelihood of causing serious harm.',
  medium: 'There are identifiable indicators of risk of serious harm. The person has the potential to cause serious harm but is unlikely to do so unless there is a change in circumstances.',
  high: 'There are identifiable indicators of risk of serious harm. The potential event could happen at any time and the impact would be serious.',
  very_high: 'There is an imminent risk of serious harm. The potential event is more likely than not to happen imminently and the impact would be serious.',
};

/** The groups at risk, each assessed separately. Only prisoners may be "not applicable" (out of custody). */
export const GROUPS = [
  { key: 'riskToChildren', label: 'Children', phrase: 'children' },
  { key: 'riskToPublic', label: 'Public', phrase: 'the public' },
  { key: 'riskToKnownAdult', label: 'Known adult', phrase: 'a known adult' },
  { key: 'riskToStaff', label: 'Staff', phrase: 'staff' },
  { key: 'riskToPrisoners', label: 'Prisoners', phrase: 'prisoners' },
] as const;
export type GroupKey = (typeof GROUPS)[number]['key'];

/** The narrative: every field is needed, because a level without reasons cannot be acted on. */
export const NARRATIVE = [
  { key: 'natureOfRisk', label: 'Nature of the risk', question: 'What is the nature of the risk?', hint: 'The kind of harm, how it has happened before and how serious it would be', missing: 'Describe the nature of the risk' },
  { key: 'whoIsAtRisk', label: 'Who is at risk', question: 'Who is at risk?', hint: 'Named or identifiable people and groups', missing: 'Describe who is at risk' },
  { key: 'whenRiskGreatest', label: 'When the risk is greatest', question: 'When is the risk greatest?', hint: 'Times, places and circumstances', missing: 'Describe when the risk is greatest' },
  { key: 'increasesRisk', label: 'What increases the risk', question: 'What circumstances are likely to increase the risk?', hint: 'For example alcohol, relationships, loss of accommodation', missing: 'Describe what increases the risk' },
  { key: 'reducesRisk', label: 'What reduces the risk', question: 'What factors are likely to reduce the risk?', hint: 'Protective factors and the controls in place', missing: 'Describe what reduces the risk' },
] as const;
export type NarrativeKey = (typeof NARRATIVE)[number]['key'];

export const MAX_TEXT = 4000;
export const MAX_REVIEW_MONTHS = 12;

export interface RoshAssessment {
  levels: Record<Exclude<GroupKey, 'riskToPrisoners'>, RoshLevel> & { riskToPrisoners: RoshLevel | null };
  narrative: Record<NarrativeKey, string>;
  overall: RoshLevel;
  reviewDueOn: string;
}
type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const isLevel = (value: unknown): value is RoshLevel => typeof value === 'string' && (ROSH_LEVELS as readonly string[]).includes(value);
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The overall level is the highest of the groups' levels; a group not applicable does not count. */
export function overallLevel(levels: readonly (RoshLevel | null)[]): RoshLevel {
  return levels.reduce<RoshLevel>((highest, level) => (level && ROSH_LEVELS.indexOf(level) > ROSH_LEVELS.indexOf(highest) ? level : highest), 'low');
}

/** A shorter interval where the risk is high: 3 months for high or very high, otherwise 6. */
export const defaultReviewMonths = (overall: RoshLevel): number => (overall === 'high' || overall === 'very_high' ? 3 : 6);

export type RoshReviewStatus = 'overdue' | 'due' | 'scheduled';
/** Overdue once the review date has passed; due from 14 days before it, including the day itself. */
export function roshReviewStatus(reviewDueOn: string, today: string): RoshReviewStatus {
  if (reviewDueOn < today) return 'overdue';
  return reviewDueOn <= addDays(today, 14) ? 'due' : 'scheduled';
}

/** The date typed into day, month and year boxes as 'D/M/YYYY' (or an ISO date sent by an API client). */
export function reviewDateInput(body: Record<string, unknown>): string {
  const part = (name: string) => text(body[`reviewDueOn-${name}`]);
  const [day, month, year] = [part('day'), part('month'), part('year')];
  return day || month || year ? `${day}/${month}/${year}` : text(body.reviewDueOn);
}

/** Pure validation of a completed assessment, from form fields (the review date from reviewDateInput). */
export function validateRosh(input: Record<string, unknown>, today: string): Result<RoshAssessment> {
  const errors: Record<string, string> = {};
  const levels: Partial<Record<GroupKey, RoshLevel | null>> = {};
  for (const group of GROUPS) {
    const value = input[group.key];
    if (isLevel(value)) levels[group.key] = value;
    else if (group.key === 'riskToPrisoners' && value === 'not_applicable') levels[group.key] = null;
    else errors[group.key] = group.key === 'riskToPrisoners'
      ? 'Select the risk to prisoners, or not applicable if the person is not in custody'
      : `Select the risk to ${group.phrase}`;
  }
  const narrative: Partial<Record<NarrativeKey, string>> = {};
  for (const field of NARRATIVE) {
    const value = text(input[field.key]).replace(/\r\n/g, '\n'); // browsers send CRLF; count a line break once
    if (!value) errors[field.key] = field.missing;
    else if (value.length > MAX_TEXT) errors[field.key] = `${field.label} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer (it has ${value.length.toLocaleString('en-GB')})`;
    narrative[field.key] = value;
  }
  const reviewError = checkReviewDate(text(input.reviewDueOn), today);
  if (reviewError) errors.reviewDueOn = reviewError;
  if (Object.keys(errors).length) return { ok: false, errors };
  const complete = levels as RoshAssessment['levels'];
  return {
    ok: true,
    value: { levels: complete, narrative: narrative as RoshAssessment['narrative'], overall: overallLevel(Object.values(complete)), reviewDueOn: parseIsoDate(text(input.reviewDueOn))! },
  };
}

function checkReviewDate(typed: string, today: string): string | null {
  const latest = addMonths(today, MAX_REVIEW_MONTHS);
  const limits = `today or later, and within ${MAX_REVIEW_MONTHS} months (by ${formatDate(latest)})`;
  if (!typed) return `Enter the date of the next review: ${limits}`;
  const date = typed.length <= 20 ? parseIsoDate(typed) : null;
  if (!date) return `The review date must be a real date, like ${reviewDateExample(today)}`;
  if (date < today) return `The review date must be ${limits}`;
  if (date > latest) return `The review date must be within ${MAX_REVIEW_MONTHS} months, on or before ${formatDate(latest)}`;
  return null;
}

const reviewDateExample = (today: string) => {
  const [y, m, d] = addMonths(today, 6).split('-').map(Number) as [number, number, number];
  return `${d} ${m} ${y}`;
};

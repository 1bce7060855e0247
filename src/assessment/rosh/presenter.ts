import { formatDate } from '../../platform/views/render.ts';
import { addMonths } from '../../platform/http/dates.ts';
import type { RoshRow } from './repository.ts';
import {
  GROUPS, LEVEL_DEFINITIONS, LEVEL_NAMES, MAX_REVIEW_MONTHS, NARRATIVE, ROSH_LEVELS, SERIOUS_HARM,
  defaultReviewMonths, roshReviewStatus, type GroupKey, type RoshLevel,
} from './rules.ts';

/** Colour and words together, never colour alone; the higher the level, the warmer the colour. */
const TAG_CLASSES: Record<RoshLevel, string> = { low: 'govuk-tag--green', medium: 'govuk-tag--yellow', high: 'govuk-tag--orange', very_high: 'govuk-tag--red' };
export const levelTag = (level: RoshLevel | null) =>
  level ? { text: LEVEL_NAMES[level], classes: TAG_CLASSES[level] } : { text: 'Not applicable', classes: 'govuk-tag--grey' };
export const levelTagHtml = (level: RoshLevel | null) => `<strong class="govuk-tag ${levelTag(level).classes}">${levelTag(level).text}</strong>`;

export const definitions = { seriousHarm: SERIOUS_HARM, levels: ROSH_LEVELS.map((level) => ({ name: LEVEL_NAMES[level], text: LEVEL_DEFINITIONS[level] })) };

const REVIEW_TEXT = { overdue: 'Review overdue', due: 'Review due soon', scheduled: '' } as const;

const rowLevels = (row: RoshRow): Record<GroupKey, RoshLevel | null> => ({
  riskToChildren: row.risk_to_children, riskToPublic: row.risk_to_public, riskToKnownAdult: row.risk_to_known_adult,
  riskToStaff: row.risk_to_staff, riskToPrisoners: row.risk_to_prisoners,
});
const rowNarrative = (row: RoshRow) => ({
  natureOfRisk: row.nature_of_risk, whoIsAtRisk: row.who_is_at_risk, whenRiskGreatest: row.when_risk_greatest,
  increasesRisk: row.increases_risk, reducesRisk: row.reduces_risk,
});

/** One assessment as the summary and version pages show it; the narrative keeps the writer's line breaks as paragraphs. */
export function presentAssessment(row: RoshRow, today: string) {
  const levels = rowLevels(row);
  const narrative = rowNarrative(row);
  const status = roshReviewStatus(row.review_due_on, today);
  return {
    id: row.id,
    version: row.version,
    overall: levelTag(row.overall),
    completedOn: formatDate(row.completed_on),
    completedBy: row.completed_by_name ?? 'the service',
    reviewDueOn: formatDate(row.review_due_on),
    current: !row.superseded,
    // A superseded version's review date was met by the version after it.
    reviewText: row.superseded ? '' : REVIEW_TEXT[status],
    reviewTagClass: status === 'overdue' ? 'govuk-tag--red' : 'govuk-tag--yellow',
    levelRows: GROUPS.map((group) => ({ key: { text: `Risk to ${group.phrase}` }, value: { html: levelTagHtml(levels[group.key]) } })),
    narrative: NARRATIVE.map((field) => ({ label: field.label, paragraphs: narrative[field.key].split(/\r?\n/).filter((line) => line.trim()) })),
  };
}

/** Every version for the history table, newest first, each linking to its own page. */
export function presentHistory(rows: RoshRow[], crn: string) {
  return rows.map((row) => [
    { html: `<a class="govuk-link" href="/people/${crn}/rosh/${row.id}">Version ${row.version}</a>` },
    { text: formatDate(row.completed_on) },
    { text: row.completed_by_name ?? 'the service' },
    { html: levelTagHtml(row.overall) },
    { text: formatDate(row.review_due_on) },
  ]);
}

/** The form's starting values: the previous assessment's answers, so a review changes only what has changed. */
export function valuesFrom(row: RoshRow | undefined): Record<string, string> {
  if (!row) return {};
  const levels = Object.entries(rowLevels(row)).map(([key, level]) => [key, level ?? 'not_applicable']);
  return { ...Object.fromEntries(levels), ...rowNarrative(row) };
}

const typed = (value: unknown) => (typeof value === 'string' ? value : '');

/** What the form shows: each group's radios (definitions beside them), the narrative and the review date, with typed values kept. */
export function presentForm(values: Record<string, unknown>, errors: Record<string, string> | undefined, today: string) {
  const levelItems = (key: GroupKey) => {
    const items: Record<string, unknown>[] = ROSH_LEVELS.map((level) => ({ value: level, text: LEVEL_NAMES[level], checked: values[key] === level }));
    if (key === 'riskToPrisoners') items.push({ divider: 'or' }, { value: 'not_applicable', text: 'Not applicable: not in custody', checked: values[key] === 'not_applicable' });
    return items;
  };
  const error = (key: string) => (errors?.[key] ? { text: errors[key] } : undefined);
  return {
    groups: GROUPS.map((group) => ({ key: group.key, legend: `Risk to ${group.phrase}`, items: levelItems(group.key), error: error(group.key) })),
    narrative: NARRATIVE.map((field) => ({ key: field.key, label: field.question, hint: field.hint, value: typed(values[field.key]), error: error(field.key) })),
    review: {
      day: typed(values['reviewDueOn-day']), month: typed(values['reviewDueOn-month']), year: typed(values['reviewDueOn-year']),
      hint: `Usually in ${defaultReviewMonths('low')} months, by ${formatDate(addMonths(today, defaultReviewMonths('low')))}, or in ${defaultReviewMonths('high')} months, by ${formatDate(addMonths(today, defaultReviewMonths('high')))}, when the overall level is high or very high. It must be today or later and within ${MAX_REVIEW_MONTHS} months. For example, ${exampleDate(addMonths(today, 6))}`,
      error: error('reviewDueOn'),
    },
  };
}

const exampleDate = (iso: string) => iso.split('-').map(Number).reverse().join(' ');

/** Errors keyed by the id the error summary should link to: a date links to its day box. */
export const pageErrors = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([key, text]) => [key === 'reviewDueOn' ? 'reviewDueOn-day' : key, text]));

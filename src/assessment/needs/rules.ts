/**
 * The needs assessment's rules, pure: reading the form (a draft takes anything well-formed, however
 * partial; completing needs every item and the person's view), scoring sections, need levels, pre-filling
 * a review, and what changed between two versions.
 */
import type { NeedSection } from '../tiering/rules.ts';
import { ITEM_BY_KEY, SECTIONS, type Score, type SectionDefinition } from './sections.ts';

export interface SectionFlags { harm: boolean; reoffending: boolean; note: string }
/** Everything an assessment records; a draft's answers may be partial. */
export interface AssessmentContent {
  answers: Record<string, Score>;
  sections: Record<NeedSection, SectionFlags>;
  personsView: string;
  viewDeclined: boolean;
  summary: string;
}
export type Action = 'save' | 'complete';

export const LIMITS = { personsView: 4000, summary: 4000, note: 2000 } as const;
/** The error summary's target for problems that belong to no one field. */
export const FORM_ID = 'needs-form';

export const emptyContent = (): AssessmentContent => ({
  answers: {},
  sections: Object.fromEntries(SECTIONS.map((s) => [s.key, { harm: false, reoffending: false, note: '' }])) as Record<NeedSection, SectionFlags>,
  personsView: '',
  viewDeclined: false,
  summary: '',
});

// ------------------------------------------------------------------------------------------------
// Scoring
// ------------------------------------------------------------------------------------------------

/** The sum of the answered items; `complete` once every item is answered. */
export function scoreSection(section: SectionDefinition, answers: Record<string, Score>) {
  const scores = section.items.map((item) => answers[item.key]).filter((score) => score !== undefined);
  return { score: scores.reduce<number>((sum, score) => sum + score, 0), answered: scores.length, total: section.items.length, complete: scores.length === section.items.length };
}

export const sectionScores = (answers: Record<string, Score>): Record<NeedSection, number> =>
  Object.fromEntries(SECTIONS.map((section) => [section.key, scoreSection(section, answers).score])) as Record<NeedSection, number>;

export type NeedLevel = 'severe' | 'standard' | 'none';
export const NEED_LEVEL_LABELS: Record<NeedLevel, string> = { severe: 'severe need', standard: 'standard need', none: 'no need' };

/** A section is a need once its score reaches the standard threshold, a severe need at the severe one. */
export function needLevel(section: Pick<SectionDefinition, 'standard' | 'severe'>, score: number): NeedLevel {
  if (section.severe !== null && score >= section.severe) return 'severe';
  return score >= section.standard ? 'standard' : 'none';
}

// ------------------------------------------------------------------------------------------------
// The form
// ------------------------------------------------------------------------------------------------

const itemLabel = (key: string) => {
  const found = ITEM_BY_KEY.get(key)!;
  return `${found.item.label.charAt(0).toLowerCase()}${found.item.label.slice(1)} (${found.section.label})`;
};

/**
 * Reads the posted form. Errors here are malformed input only (a field this form does not have, an
 * answer it does not offer, a field sent twice, text over its limit): anything well-formed is a draft
 * worth keeping, however partial. Completeness is `completenessErrors`. The content read is returned
 * even with errors, so the page can show back everything typed.
 */
export function parseNeedsForm(body: Record<string, unknown>): { action: Action; content: AssessmentContent; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const content = emptyContent();
  let action: Action = 'save';
  const single = (field: string, value: unknown, label: string): string | undefined => {
    if (typeof value === 'string') return value;
    errors[field] ??= `${label} was sent more than once or in a form this page does not send. Reload the page and try again.`;
    return undefined;
  };
  const text = (field: string, value: unknown, label: string, limit: number) => {
    const got = single(field, value, label)?.trim() ?? '';
    if (got.length > limit) errors[field] = `${label} must be ${limit.toLocaleString('en-GB')} characters or fewer`;
    return got;
  };

  for (const [field, value] of Object.entries(body)) {
    if (field === '_csrf') continue;
    const item = ITEM_BY_KEY.get(field);
    const sectionKey = field.replace(/^(linked|note)-/, '') as NeedSection;
    const section = field !== sectionKey ? SECTIONS.find((s) => s.key === sectionKey) : undefined;
    if (item) {
      const answer = single(field, value, `The answer to ${itemLabel(field)}`);
      if (answer === undefined || answer === '') continue;
      const chosen = item.item.answers.find((a) => String(a.score) === answer);
      if (chosen) content.answers[field] = chosen.score;
      else errors[field] = `Choose one of the answers offered for ${itemLabel(field)}`;
    } else if (section && field.startsWith('linked-')) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => v !== 'harm' && v !== 'reoffending')) errors[field] = `Choose "risk of serious harm" or "reoffending", or neither, for ${section.label}`;
      content.sections[section.key].harm = values.includes('harm');
      content.sections[section.key].reoffending = values.includes('reoffending');
    } else if (section) {
      content.sections[section.key].note = text(field, value, `The note on ${section.label}`, LIMITS.note);
    } else if (field === 'personsView') {
      content.personsView = text(field, value, "The person's view", LIMITS.personsView);
    } else if (field === 'viewDeclined') {
      const declined = single(field, value, 'Declined to give a view');
      if (declined !== undefined && declined !== 'yes' && declined !== '') errors[field] = 'Tick the box if the person declined to give their view, or leave it empty';
      content.viewDeclined = declined === 'yes';
    } else if (field === 'summary') {
      content.summary = text(field, value, "The assessor's summary", LIMITS.summary);
    } else if (field === 'action') {
      const chosen = single(FORM_ID, value, 'The button pressed');
      if (chosen === 'save' || chosen === 'complete') action = chosen;
      else if (chosen !== undefined) errors[FORM_ID] ??= 'Press "Save draft" or "Complete assessment"';
    } else {
      errors[FORM_ID] ??= `The form sent "${field.slice(0, 40)}", which this assessment does not have. Reload the page and try again.`;
    }
  }
  return { action, content, errors };
}

/** What stops a draft being completed, keyed by the field to fix, in the form's order. */
export function completenessErrors(content: AssessmentContent): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const section of SECTIONS) {
    for (const item of section.items) {
      if (content.answers[item.key] === undefined) errors[item.key] = `Select an answer for ${itemLabel(item.key)}`;
    }
  }
  if (!content.personsView && !content.viewDeclined) errors.personsView = "Enter the person's view of their needs and what would help, or tick that they declined to give it";
  if (content.personsView && content.viewDeclined) errors.viewDeclined = "Untick \"declined to give their view\", or remove the person's view";
  return errors;
}

// ------------------------------------------------------------------------------------------------
// Reviews: pre-fill and change
// ------------------------------------------------------------------------------------------------

/** What the case record already holds that an item asks (null when the record does not say). */
export interface CaseFacts { noFixedAbode: boolean | null }

/**
 * A new assessment starts from the latest completed one (answers, links and notes; the person's view
 * and the summary are asked afresh), and from the case record for what it holds, so nothing is asked twice.
 */
export function prefill(latest: AssessmentContent | null, facts: CaseFacts): AssessmentContent {
  const content = emptyContent();
  if (latest) {
    content.answers = { ...latest.answers };
    for (const section of SECTIONS) content.sections[section.key] = { ...content.sections[section.key], ...latest.sections[section.key] };
  }
  if (facts.noFixedAbode !== null) content.answers.noFixedAbode = facts.noFixedAbode ? 2 : 0;
  return content;
}

export interface ItemChange { previous: Score | undefined; changed: boolean }
export interface SectionChange { score: number; previousScore: number | null; change: number | null; harmChanged: boolean; reoffendingChanged: boolean }
export interface NeedsDiff { items: Record<string, ItemChange>; sections: Record<NeedSection, SectionChange>; changedItems: number }

/** What differs from the previous version; with no previous version, nothing has changed. */
export function diffAssessments(previous: AssessmentContent | null, current: AssessmentContent): NeedsDiff {
  const items: Record<string, ItemChange> = {};
  const sections = {} as Record<NeedSection, SectionChange>;
  let changedItems = 0;
  for (const section of SECTIONS) {
    for (const item of section.items) {
      const before = previous?.answers[item.key];
      const changed = !!previous && before !== current.answers[item.key];
      if (changed) changedItems++;
      items[item.key] = { previous: before, changed };
    }
    const score = scoreSection(section, current.answers).score;
    const previousScore = previous ? scoreSection(section, previous.answers).score : null;
    const was = previous?.sections[section.key];
    const now = current.sections[section.key];
    sections[section.key] = {
      score,
      previousScore,
      change: previousScore === null ? null : score - previousScore,
      harmChanged: !!was && was.harm !== now.harm,
      reoffendingChanged: !!was && was.reoffending !== now.reoffending,
    };
  }
  return { items, sections, changedItems };
}

/** Progress is a score going down; regression, up. */
export function trendText(change: number | null): string {
  if (change === null) return 'First assessment';
  if (change === 0) return 'No change since last';
  return `${change < 0 ? 'Down' : 'Up'} ${Math.abs(change)} since last`;
}

/**
 * What a pre-sentence report holds, pure: the draft the writer saves at any time (anything well-formed
 * is kept, however partial), what a submission needs on top (every section, a proposal the law allows),
 * and the shapes frozen with each version: the risk as the record held it, the proposal with forecasts.
 */
import { wholeYearsBetween } from '../assessment/predictors/common.ts';
import { LIMITS, SENTENCE_TYPES } from '../sentencing/rules.ts';

export type ProposedSentence = 'community_order' | 'suspended_sentence_order' | 'custody' | 'other';
export const PROPOSED_SENTENCES: readonly { code: ProposedSentence; name: string }[] = [
  ...SENTENCE_TYPES,
  { code: 'other', name: 'Another sentence (for example a fine or a discharge)' },
];

export const TEXT_LIMIT = 10_000;
export const SHORT_LIMIT = 200;

/** The writer's sections, in the order the report reads. */
export const SECTIONS = [
  { key: 'offenceAnalysis', heading: 'Offence analysis', hint: 'The offence, the person\'s account of it, their attitude to it and its impact on any victim', missing: 'Write the offence analysis' },
  { key: 'circumstances', heading: 'The person\'s circumstances and needs', hint: 'What the needs assessment shows (above) means for this person: accommodation, work, relationships, health, substance misuse', missing: 'Write about the person\'s circumstances and needs' },
  { key: 'riskAnalysis', heading: 'Risk analysis', hint: 'Your analysis of the risk figures above: what drives the risk of reoffending and of serious harm, and how a sentence could manage it', missing: 'Write the risk analysis' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

export interface Proposal {
  sentenceType: ProposedSentence | null;
  otherSentence: string;
  lengthMonths: number | null;
  custodialTermMonths: number | null;
  requirements: string[];
  programmeCode: string;
  reasons: string;
}
export interface Draft { sections: Record<SectionKey, string>; proposal: Proposal }

export const emptyDraft = (): Draft => ({
  sections: { offenceAnalysis: '', circumstances: '', riskAnalysis: '' },
  proposal: { sentenceType: null, otherSentence: '', lengthMonths: null, custodialTermMonths: null, requirements: [], programmeCode: '', reasons: '' },
});

const str = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(str).map((v) => v.trim()).filter(Boolean);

/** The stored jsonb read back defensively: a missing or odd value is the empty one. */
export function readDraft(stored: unknown): Draft {
  const draft = emptyDraft();
  const raw = (stored && typeof stored === 'object' ? stored : {}) as { sections?: Record<string, unknown>; proposal?: Record<string, unknown> };
  for (const section of SECTIONS) draft.sections[section.key] = str(raw.sections?.[section.key]);
  const p = raw.proposal ?? {};
  const type = PROPOSED_SENTENCES.find((t) => t.code === p.sentenceType)?.code ?? null;
  const whole = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);
  draft.proposal = {
    sentenceType: type, otherSentence: str(p.otherSentence), lengthMonths: whole(p.lengthMonths), custodialTermMonths: whole(p.custodialTermMonths),
    requirements: list(p.requirements), programmeCode: str(p.programmeCode), reasons: str(p.reasons),
  };
  return draft;
}

/** A draft's values as the form's fields, to show it back. */
export function draftValues(draft: Draft): Record<string, string | string[]> {
  const p = draft.proposal;
  return {
    ...draft.sections,
    sentenceType: p.sentenceType ?? '', otherSentence: p.otherSentence,
    lengthMonths: p.lengthMonths === null ? '' : String(p.lengthMonths), custodialTermMonths: p.custodialTermMonths === null ? '' : String(p.custodialTermMonths),
    requirements: p.requirements, programmeCode: p.programmeCode, reasons: p.reasons,
  };
}

export interface References { requirementTypes: readonly { code: string; name: string }[]; programmes: readonly { code: string; name: string }[] }

/**
 * Reads the posted form as a draft. Errors are malformed input only (a field sent twice, text over its
 * limit, a length that is not a whole number, a requirement or programme not on the lists): the page
 * shows them with everything typed, and the saved draft is kept until the writer fixes them.
 */
export function parseDraft(body: Record<string, unknown>, refs: References): { draft: Draft; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const single = (field: string, limit: number, what: string) => {
    const value = body[field];
    if (Array.isArray(value)) {
      errors[field] = `Enter ${what} once`;
      return '';
    }
    const text = str(value).replace(/\r\n/g, '\n').trim();
    if (text.length > limit) errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)} must be ${limit.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`;
    return text;
  };
  const draft = emptyDraft();
  for (const section of SECTIONS) draft.sections[section.key] = single(section.key, TEXT_LIMIT, section.heading.toLowerCase());

  const typeText = single('sentenceType', SHORT_LIMIT, 'the proposed sentence');
  const type = PROPOSED_SENTENCES.find((t) => t.code === typeText)?.code ?? null;
  if (typeText && !type) errors.sentenceType = 'Select a proposed sentence from the list';
  const months = (field: string, what: string) => {
    const text = single(field, SHORT_LIMIT, what);
    if (!text) return null;
    if (!/^\d{1,4}$/.test(text) || Number(text) < 1) {
      errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)} must be a whole number of months, like 12`;
      return null;
    }
    return Number(text);
  };
  const requirements = list(body.requirements);
  const known = new Set(refs.requirementTypes.map((t) => t.code));
  if (requirements.some((code) => !known.has(code))) errors.requirements = 'Select requirements from the list';
  else if (new Set(requirements).size !== requirements.length) errors.requirements = 'Each requirement can be selected only once';
  const programmeCode = single('programmeCode', SHORT_LIMIT, 'the programme');
  if (programmeCode && !refs.programmes.some((p) => p.code === programmeCode)) errors.programmeCode = 'Select a programme from the list';

  draft.proposal = {
    sentenceType: type,
    otherSentence: single('otherSentence', SHORT_LIMIT, 'the other sentence'),
    lengthMonths: months('lengthMonths', 'the length'),
    custodialTermMonths: months('custodialTermMonths', 'the custodial term'),
    requirements: errors.requirements ? [] : requirements,
    programmeCode: errors.programmeCode ? '' : programmeCode,
    reasons: single('reasons', TEXT_LIMIT, 'the reasons for the proposal'),
  };
  return { draft, errors };
}

const between = (value: number | null, range: { min: number; max: number }) => value !== null && value >= range.min && value <= range.max;

/**
 * What a submission needs beyond a well-formed draft: every section written, and a proposal the
 * law allows (Sentencing Act 2020 lengths, as the sentence form checks them; a community order needs a
 * requirement; custody has licence conditions, not requirements; attendance centre only under 25).
 */
export function submissionErrors(draft: Draft, person: { dateOfBirth: string }, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const section of SECTIONS) if (!draft.sections[section.key]) errors[section.key] = section.missing;
  const p = draft.proposal;
  if (!p.sentenceType) errors.sentenceType = 'Select the proposed sentence';
  const range = (field: 'lengthMonths' | 'custodialTermMonths', value: number | null, limit: { min: number; max: number }, what: string) => {
    if (!between(value, limit)) errors[field] = `Enter ${what}: a whole number of months from ${limit.min} to ${limit.max}`;
  };
  if (p.sentenceType === 'community_order') range('lengthMonths', p.lengthMonths, LIMITS.communityOrderMonths, 'the length of the order');
  if (p.sentenceType === 'suspended_sentence_order') {
    range('lengthMonths', p.lengthMonths, LIMITS.operationalPeriodMonths, 'the operational period');
    range('custodialTermMonths', p.custodialTermMonths, LIMITS.suspendedCustodialTermMonths, 'the custodial term suspended');
  }
  if (p.sentenceType === 'custody') range('lengthMonths', p.lengthMonths, LIMITS.custodialTermMonths, 'the custodial term');
  if (p.sentenceType === 'other' && !p.otherSentence) errors.otherSentence = 'Describe the other sentence, for example "a fine of £200"';
  if (p.sentenceType === 'community_order' && !p.requirements.length) errors.requirements = 'A community order must have at least one requirement';
  else if ((p.sentenceType === 'custody' || p.sentenceType === 'other') && p.requirements.length) {
    errors.requirements = p.sentenceType === 'custody' ? 'A custodial sentence has licence conditions, not requirements: clear the requirements' : 'Requirements belong to a community or suspended sentence order: clear them or choose that sentence';
  } else if (p.requirements.includes('attendance_centre') && wholeYearsBetween(person.dateOfBirth, today) > LIMITS.attendanceCentreMaxAge) {
    errors.requirements = 'An attendance centre requirement is only for people aged under 25';
  }
  if (p.requirements.includes('accredited_programme') && !p.programmeCode) errors.programmeCode = 'Select the accredited programme';
  if (!p.reasons) errors.reasons = 'Give the reasons for the proposal';
  return errors;
}

/** The forecast key of a requirement: its type, or the programme for an accredited programme. */
export const forecastKey = (code: string, programmeCode: string) => (code === 'accredited_programme' && programmeCode ? `accredited_programme:${programmeCode}` : code);

// ------------------------------------------------------------------------------------------------
// Frozen with each version
// ------------------------------------------------------------------------------------------------

/** The risk as the record held it when the version was made: pulled, never typed. */
export interface RiskSnapshot {
  asOf: string;
  rosh: { overall: string; completedOn: string; version: number; groups: { label: string; level: string }[] } | null;
  scores: { name: string; score: number | null; oneYearPercent: number; twoYearPercent: number; band: string; calculatedOn: string }[];
  tier: { tier: string; calculatedOn: string } | null;
  flags: { name: string; level: string | null; registeredOn: string }[];
  needs: { version: number; completedOn: string; sections: { label: string; score: number; max: number; level: string }[] } | null;
}

export interface ForecastSnapshot {
  available: boolean;
  earliestStartOn: string | null;
  explanation: string;
  reasons: string[];
  beyondLimit: boolean;
  limitExplanation: string | null;
}
export interface ProposalSnapshot {
  sentenceType: ProposedSentence;
  sentence: string;
  otherSentence: string;
  lengthMonths: number | null;
  custodialTermMonths: number | null;
  reasons: string;
  pdu: { code: string; name: string } | null;
  forecastOn: string;
  requirements: { code: string; name: string; programme: { code: string; name: string } | null; forecast: ForecastSnapshot | null }[];
}

/** The proposal with each chosen requirement's forecast, as the version keeps it. */
export function proposalSnapshot(
  proposal: Proposal, refs: References, pdu: ProposalSnapshot['pdu'], forecasts: ReadonlyMap<string, ForecastSnapshot>, today: string,
): ProposalSnapshot {
  const type = proposal.sentenceType ?? 'other';
  const name = (items: References['requirementTypes'], code: string) => items.find((i) => i.code === code)?.name ?? code;
  return {
    sentenceType: type,
    sentence: type === 'other' ? proposal.otherSentence : PROPOSED_SENTENCES.find((t) => t.code === type)!.name,
    otherSentence: proposal.otherSentence,
    lengthMonths: type === 'other' ? null : proposal.lengthMonths,
    custodialTermMonths: type === 'suspended_sentence_order' ? proposal.custodialTermMonths : null,
    reasons: proposal.reasons,
    pdu,
    forecastOn: today,
    requirements: proposal.requirements.map((code) => {
      const f = forecasts.get(forecastKey(code, proposal.programmeCode));
      return {
        code,
        name: name(refs.requirementTypes, code),
        programme: code === 'accredited_programme' && proposal.programmeCode ? { code: proposal.programmeCode, name: name(refs.programmes, proposal.programmeCode) } : null,
        forecast: f ? { available: f.available, earliestStartOn: f.earliestStartOn, explanation: f.explanation, reasons: [...f.reasons], beyondLimit: f.beyondLimit, limitExplanation: f.limitExplanation } : null,
      };
    }),
  };
}

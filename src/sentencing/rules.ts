/**
 * Sentencing rules as pure functions: what a conviction and its sentence must hold to be recorded, the
 * key dates that follow from them, and the facts other areas read (the follow-up start OGRS3 counts
 * from, whether the case is in an unsupervised period). Every message says what to fix.
 */
import { wholeYearsBetween } from '../assessment/predictors/common.ts';
import { addDays, addMonths, readDateField } from '../platform/http/dates.ts';
import { validateRequirement, type NewRequirement, type ProgrammeRef, type RequirementRule } from './requirements.ts';
import type { EventOutcome, SentenceStatus, SentenceType } from './tables.ts';

export const SENTENCE_TYPES: readonly { code: SentenceType; name: string }[] = [
  { code: 'community_order', name: 'Community order' },
  { code: 'suspended_sentence_order', name: 'Suspended sentence order' },
  { code: 'custody', name: 'Custody' },
];
export const ENDINGS: readonly { code: Exclude<SentenceStatus, 'active'>; name: string }[] = [
  { code: 'completed', name: 'Completed' },
  { code: 'revoked', name: 'Revoked' },
  { code: 'terminated_early', name: 'Terminated early for good progress' },
];

/** Lengths in months, as the law allows them (Sentencing Act 2020). */
export const LIMITS = {
  communityOrderMonths: { min: 1, max: 36 },
  operationalPeriodMonths: { min: 6, max: 24 },
  suspendedCustodialTermMonths: { min: 1, max: 24 },
  custodialTermMonths: { min: 1, max: 1200 },
  attendanceCentreMaxAge: 24,
  ageOfCriminalResponsibility: 10,
} as const;

export interface OffenceRef { code: string; description: string }
export interface LicenceConditionRef { code: string; name: string; standard: boolean; detail_label: string | null }
/** The reference lists a conviction and its sentence are recorded from. */
export interface SentencingRefs {
  offences: readonly OffenceRef[];
  requirementTypes: readonly RequirementRule[];
  programmes: readonly ProgrammeRef[];
  licenceConditionTypes: readonly LicenceConditionRef[];
}

export const OUTCOMES: readonly { code: EventOutcome; name: string; hint: string }[] = [
  { code: 'sentenced', name: 'Sentenced', hint: 'The court passed sentence at this hearing' },
  { code: 'adjourned_for_report', name: 'Adjourned for a pre-sentence report', hint: 'The court asked probation for a report before sentencing' },
  { code: 'adjourned', name: 'Adjourned for another reason', hint: 'Awaiting sentence at a later hearing' },
];
/** When a custodial sentence's conditional release falls: half for a standard determinate sentence. See docs/sentencing.md. */
export const RELEASE_FRACTIONS: readonly { value: number; name: string }[] = [
  { value: 0.5, name: 'Half of the term (standard determinate sentence)' },
  { value: 0.4, name: '40% of the term (standard determinate sentence eligible for release at 40%)' },
  { value: 2 / 3, name: 'Two thirds of the term (serious violent or sexual offence, 4 years or more)' },
];

export interface NewSentence {
  type: SentenceType;
  sentencedOn: string;
  lengthMonths: number;
  custodialTermMonths: number | null;
  supervisionMonths: number | null;
  /** Custody: the recorded release and licence end (from the prison's calculation, else the computed dates). */
  releaseOn: string | null;
  licenceEndsOn: string | null;
  releaseFraction: number | null;
  requirements: NewRequirement[];
  /** Custody: every standard condition, then the additional ones chosen. */
  licenceConditions: { code: string; detail: string | null }[];
}
export interface NewConviction {
  mainOffence: { code: string; offenceDate: string };
  additionalOffences: { code: string; offenceDate: string }[];
  convictionDate: string;
  court: string;
  outcome: EventOutcome;
  nextHearingOn: string | null;
  /** Null while the event awaits sentence. */
  sentence: NewSentence | null;
}
type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(text).filter(Boolean);

function months(raw: unknown, errors: Record<string, string>, field: string, what: string, range: { min: number; max: number } | null): number | null {
  const value = text(raw);
  if (!value) {
    if (range) errors[field] = `Enter ${what} in months`;
    return null;
  }
  const limit = range ?? { min: 1, max: 1200 };
  if (!/^\d{1,4}$/.test(value) || Number(value) < limit.min || Number(value) > limit.max) {
    errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)} must be a whole number of months from ${limit.min} to ${limit.max}`;
    return null;
  }
  return Number(value);
}

const date = readDateField;

/**
 * The last day of a period of calendar months that starts on `from`: the day before the corresponding
 * date (a 12-month order made on 1 March ends on the last day of February), or, where the month has no
 * corresponding date, its last day (1 month from 31 January ends on 28 or 29 February).
 */
export function periodEnd(from: string, lengthMonths: number): string {
  const corresponding = addMonths(from, lengthMonths);
  return corresponding.slice(8) < from.slice(8) ? corresponding : addDays(corresponding, -1);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * A custodial sentence's computed dates. The conditional release date falls when `fraction` of the term
 * has been served (half for a standard determinate sentence, counted in days, rounded up); the licence
 * and the sentence expire at the end of the term; a term of more than 1 day and under 2 years adds
 * top-up supervision to 12 months after release (Offender Rehabilitation Act 2014). Remand and tagged
 * bail credit are the prison's to deduct: its calculation is recorded as the release date.
 */
export function licenceDates(sentencedOn: string, termMonths: number, fraction = 0.5, releaseOn: string | null = null) {
  const sentenceExpiryOn = periodEnd(sentencedOn, termMonths);
  const termDays = daysBetween(sentencedOn, sentenceExpiryOn) + 1;
  const conditionalReleaseOn = addDays(sentencedOn, Math.ceil(termDays * fraction - 1e-9));
  const topUp = termDays > 1 && termMonths < 24 ? periodEnd(releaseOn ?? conditionalReleaseOn, 12) : null;
  return { conditionalReleaseOn, sentenceExpiryOn, topUpEndsOn: topUp && topUp > sentenceExpiryOn ? topUp : null };
}

/**
 * A conviction: its main offence, any additional offences (recorded with the main offence's date), the
 * hearing's outcome and, when sentenced there, the sentence (see validateSentence).
 */
export function validateConviction(body: Record<string, unknown>, refs: SentencingRefs, person: { dateOfBirth: string }, today: string): Result<NewConviction> {
  const errors: Record<string, string> = {};
  const known = new Set(refs.offences.map((offence) => offence.code));
  const mainCode = text(body.mainOffence);
  if (!mainCode) errors.mainOffence = 'Select the main offence';
  else if (!known.has(mainCode)) errors.mainOffence = 'Select the main offence from the list';

  const offenceDate = date(body, errors, 'offenceDate', 'date of the offence');
  if (offenceDate && offenceDate > today) errors.offenceDate = 'The date of the offence must be today or in the past';
  else if (offenceDate && offenceDate < person.dateOfBirth) errors.offenceDate = 'The date of the offence must be after the person\'s date of birth';
  else if (offenceDate && wholeYearsBetween(person.dateOfBirth, offenceDate) < LIMITS.ageOfCriminalResponsibility) {
    errors.offenceDate = 'The person must have been 10 or older on the date of the offence (the age of criminal responsibility)';
  }

  const additional = list(body.additionalOffences);
  const unknown = additional.filter((code) => !known.has(code));
  if (unknown.length) errors.additionalOffences = 'Select each additional offence from the list';
  else if (additional.includes(mainCode) || new Set(additional).size !== additional.length) errors.additionalOffences = 'Each offence can be listed only once';

  const convictionDate = date(body, errors, 'convictionDate', 'date of conviction');
  if (convictionDate && convictionDate > today) errors.convictionDate = 'The date of conviction must be today or in the past';
  else if (convictionDate && offenceDate && convictionDate < offenceDate) errors.convictionDate = 'The date of conviction must be on or after the date of the offence';

  const court = text(body.court);
  if (!court) errors.court = 'Enter the court';
  else if (court.length > 200) errors.court = 'The court must be 200 characters or fewer';

  // A form or request from before outcomes were asked for sends a sentence: it was sentenced.
  const typed = text(body.outcome) || (text(body.sentenceType) ? 'sentenced' : '');
  const outcome = OUTCOMES.find((o) => o.code === typed)?.code;
  if (!outcome) errors.outcome = 'Select the outcome of the hearing: sentenced, or adjourned';
  let nextHearingOn: string | null = null;
  if (outcome && outcome !== 'sentenced') {
    nextHearingOn = date(body, errors, 'nextHearingOn', 'date of the next hearing');
    if (nextHearingOn && convictionDate && nextHearingOn <= convictionDate) errors.nextHearingOn = 'The next hearing must be after the date of conviction';
    else if (nextHearingOn && convictionDate && nextHearingOn > addMonths(convictionDate, 12)) errors.nextHearingOn = 'The next hearing must be within a year of the conviction: check the date';
  }

  let sentence: NewSentence | null = null;
  if (outcome === 'sentenced') {
    const validated = validateSentence(body, refs, person, today, { convictionDate });
    if (validated.ok) sentence = validated.value;
    else Object.assign(errors, validated.errors);
  }
  if (Object.keys(errors).length || !outcome || !offenceDate || !convictionDate) return { ok: false, errors };
  return {
    ok: true,
    value: { mainOffence: { code: mainCode, offenceDate }, additionalOffences: additional.map((code) => ({ code, offenceDate })), convictionDate, court, outcome, nextHearingOn, sentence },
  };
}

/** The form fields of one requirement (`<type>-<field>`), by bare field name. */
const requirementFields = (body: Record<string, unknown>, code: string) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key.startsWith(`${code}-`)).map(([key, value]) => [key.slice(code.length + 1), Array.isArray(value) ? value[0] : value]));

/**
 * A sentence for an event convicted on `event.convictionDate`: its type and lengths within the law, its
 * dates in order, each requirement's details (requirements.ts) and, for custody, the licence.
 */
export function validateSentence(body: Record<string, unknown>, refs: SentencingRefs, person: { dateOfBirth: string }, today: string, event: { convictionDate: string | null }): Result<NewSentence> {
  const errors: Record<string, string> = {};
  const type = SENTENCE_TYPES.find((t) => t.code === text(body.sentenceType))?.code;
  if (!type) errors.sentenceType = 'Select the sentence';
  const sentencedOn = date(body, errors, 'sentencedOn', 'date of sentence');
  if (sentencedOn && sentencedOn > today) errors.sentencedOn = 'The date of sentence must be today or in the past';
  else if (sentencedOn && event.convictionDate && sentencedOn < event.convictionDate) errors.sentencedOn = 'The date of sentence must be on or after the date of conviction';

  let lengthMonths: number | null = null;
  let custodialTermMonths: number | null = null;
  let supervisionMonths: number | null = null;
  let releaseOn: string | null = null;
  let licenceEndsOn: string | null = null;
  let releaseFraction: number | null = null;
  if (type === 'community_order') lengthMonths = months(body.lengthMonths, errors, 'lengthMonths', 'the length of the order', LIMITS.communityOrderMonths);
  if (type === 'suspended_sentence_order') {
    lengthMonths = months(body.lengthMonths, errors, 'lengthMonths', 'the operational period', LIMITS.operationalPeriodMonths);
    custodialTermMonths = months(body.custodialTermMonths, errors, 'custodialTermMonths', 'the custodial term', LIMITS.suspendedCustodialTermMonths);
    supervisionMonths = months(body.supervisionMonths, errors, 'supervisionMonths', 'the supervision period', null);
    if (supervisionMonths && lengthMonths && supervisionMonths > lengthMonths) errors.supervisionMonths = 'The supervision period cannot be longer than the operational period';
  }
  if (type === 'custody') {
    lengthMonths = months(body.lengthMonths, errors, 'lengthMonths', 'the custodial term', LIMITS.custodialTermMonths);
    const typedFraction = text(body.releaseFraction);
    releaseFraction = typedFraction ? RELEASE_FRACTIONS.find((f) => Math.abs(f.value - Number(typedFraction)) < 0.001)?.value ?? null : 0.5;
    if (releaseFraction === null) errors.releaseFraction = 'Select when the person is released: at half, 40% or two thirds of the term';
    const computed = sentencedOn && lengthMonths ? licenceDates(sentencedOn, lengthMonths, releaseFraction ?? 0.5) : null;
    releaseOn = date(body, errors, 'releaseOn', 'release date', false);
    if (releaseOn && sentencedOn && releaseOn < sentencedOn) errors.releaseOn = 'The release date must be on or after the date of sentence';
    else if (releaseOn && computed && releaseOn > computed.sentenceExpiryOn) errors.releaseOn = 'The release date must be before the end of the sentence';
    if (!releaseOn && !errors.releaseOn && computed) releaseOn = computed.conditionalReleaseOn;
    licenceEndsOn = date(body, errors, 'licenceEndsOn', 'end of the licence', false);
    if (licenceEndsOn && releaseOn && licenceEndsOn < releaseOn) errors.licenceEndsOn = 'The licence must end on or after the release date';
    else if (licenceEndsOn && computed && licenceEndsOn > computed.sentenceExpiryOn) errors.licenceEndsOn = 'The licence cannot end after the sentence does';
    if (!licenceEndsOn && computed) licenceEndsOn = computed.sentenceExpiryOn;
  }

  const codes = list(body.requirements);
  const rules = new Map(refs.requirementTypes.map((t) => [t.code, t]));
  const requirements: NewRequirement[] = [];
  if (codes.some((code) => !rules.has(code))) errors.requirements = 'Select requirements from the list';
  else if (new Set(codes).size !== codes.length) errors.requirements = 'Each requirement can be selected only once';
  else if (type === 'community_order' && !codes.length) errors.requirements = 'A community order must have at least one requirement';
  else if (type === 'custody' && codes.length) errors.requirements = 'A custodial sentence has licence conditions, not requirements: clear the requirements';
  else if (type) {
    // Checked against the order as typed; where its dates are not valid yet, against the longest order.
    const start = sentencedOn && !errors.sentencedOn ? sentencedOn : today;
    const order = {
      sentencedOn: start,
      endOn: periodEnd(start, supervisionMonths ?? lengthMonths ?? LIMITS.communityOrderMonths.max),
      ageAtSentence: wholeYearsBetween(person.dateOfBirth, start),
    };
    const typeErrors: string[] = [];
    for (const code of codes) {
      const checked = validateRequirement(rules.get(code)!, requirementFields(body, code), order, refs.programmes);
      if (checked.ok) requirements.push(checked.value);
      else {
        for (const [field, message] of Object.entries(checked.errors)) {
          if (field === 'type') typeErrors.push(message);
          else errors[`${code}-${field}`] = message;
        }
      }
    }
    if (typeErrors.length) errors.requirements = typeErrors.join('. ');
  }

  const chosen = list(body.licenceConditions);
  const conditionTypes = new Map(refs.licenceConditionTypes.map((c) => [c.code, c]));
  const licenceConditions: NewSentence['licenceConditions'] = [];
  if (chosen.some((code) => !conditionTypes.get(code) || conditionTypes.get(code)!.standard)) errors.licenceConditions = 'Select additional licence conditions from the list';
  else if (new Set(chosen).size !== chosen.length) errors.licenceConditions = 'Each licence condition can be selected only once';
  else if (chosen.length && type && type !== 'custody') errors.licenceConditions = 'Licence conditions are for custodial sentences: clear the licence conditions';
  else if (type === 'custody') {
    for (const condition of refs.licenceConditionTypes.filter((c) => c.standard)) licenceConditions.push({ code: condition.code, detail: null });
    for (const code of chosen) {
      const condition = conditionTypes.get(code)!;
      const detail = text(body[`licence-${code}`]);
      if (condition.detail_label && !detail) errors[`licence-${code}`] = `Enter the detail of the condition: ${condition.detail_label.toLowerCase()}`;
      else if (detail.length > 1000) errors[`licence-${code}`] = 'The detail must be 1,000 characters or fewer';
      else licenceConditions.push({ code, detail: detail || null });
    }
  }

  if (Object.keys(errors).length || !type || !sentencedOn || !lengthMonths) return { ok: false, errors };
  return { ok: true, value: { type, sentencedOn, lengthMonths, custodialTermMonths, supervisionMonths, releaseOn, licenceEndsOn, releaseFraction, requirements, licenceConditions } };
}

/** The dates a sentence sets: when it ends, the last day its requirements may run to, and, for custody, the licence. */
export function keyDates(sentence: Pick<NewSentence, 'type' | 'sentencedOn' | 'lengthMonths' | 'supervisionMonths' | 'releaseOn' | 'releaseFraction'>) {
  const expectedEndOn = periodEnd(sentence.sentencedOn, sentence.lengthMonths);
  // Requirements of a suspended sentence must be done within its supervision period.
  const requirementEndOn = sentence.supervisionMonths ? periodEnd(sentence.sentencedOn, sentence.supervisionMonths) : expectedEndOn;
  const licence = sentence.type === 'custody' ? licenceDates(sentence.sentencedOn, sentence.lengthMonths, sentence.releaseFraction ?? 0.5, sentence.releaseOn) : null;
  return { expectedEndOn, requirementStartOn: sentence.sentencedOn, requirementEndOn, licence };
}

export interface EndOfSentence { status: Exclude<SentenceStatus, 'active'>; endedOn: string; reason: string }

/** Ending an order or licence: how it ended, when (not before it began, not in the future) and why. */
export function validateEnding(body: Record<string, unknown>, sentencedOn: string, today: string): Result<EndOfSentence> {
  const errors: Record<string, string> = {};
  const status = ENDINGS.find((e) => e.code === text(body.status))?.code;
  if (!status) errors.status = 'Select how the sentence ended';
  const endedOn = date(body, errors, 'endedOn', 'date it ended');
  if (endedOn && endedOn > today) errors.endedOn = 'The date it ended must be today or in the past';
  else if (endedOn && endedOn < sentencedOn) errors.endedOn = 'The date it ended must be on or after the date of sentence';
  const reason = text(body.reason);
  if (!reason) errors.reason = 'Enter the reason, for example the court\'s decision or the progress made';
  else if (reason.length > 2000) errors.reason = 'The reason must be 2,000 characters or fewer';
  return Object.keys(errors).length || !status || !endedOn ? { ok: false, errors } : { ok: true, value: { status, endedOn, reason } };
}

export interface SentenceFacts {
  sentence_type: SentenceType;
  sentenced_on: string;
  release_on: string | null;
  licence_ends_on: string | null;
  top_up_ends_on?: string | null;
  expected_end_on: string;
  requirementCount: number;
}

/** OGRS3 follows up from a community sentence's date, or from release for custody. */
export const followUpStart = (sentence: Pick<SentenceFacts, 'sentence_type' | 'sentenced_on' | 'release_on'>) =>
  sentence.sentence_type === 'custody' ? sentence.release_on : sentence.sentenced_on;

/**
 * Whether a sentence puts the person under supervision today: a community order always; a suspended
 * sentence only with requirements; custody until release and then for the licence (the part between
 * the licence's end and the sentence's end is unsupervised).
 */
export function supervisedToday(sentence: SentenceFacts, today: string): boolean {
  if (sentence.sentence_type === 'community_order') return true;
  if (sentence.sentence_type === 'suspended_sentence_order') return sentence.requirementCount > 0;
  // Top-up supervision after a short sentence's licence is supervision too.
  const supervisedTo = [sentence.licence_ends_on, sentence.top_up_ends_on].filter(Boolean).sort().pop();
  return !supervisedTo || today <= supervisedTo;
}

/** The tier's `S` suffix: there are current sentences and none of them supervises the person now. */
export const unsupervised = (current: readonly SentenceFacts[], today: string) =>
  current.length > 0 && !current.some((sentence) => supervisedToday(sentence, today));

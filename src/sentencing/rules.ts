/**
 * Sentencing rules as pure functions: what a conviction and its sentence must hold to be recorded, the
 * key dates that follow from them, and the facts other areas read (the follow-up start OGRS3 counts
 * from, whether the case is in an unsupervised period). Every message says what to fix.
 */
import { wholeYearsBetween } from '../assessment/predictors/common.ts';
import { addDays, addMonths, readDate } from '../platform/http/dates.ts';
import type { SentenceStatus, SentenceType } from './tables.ts';

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
export interface RequirementTypeRef { code: string; name: string }

export interface NewConviction {
  mainOffence: { code: string; offenceDate: string };
  additionalOffences: { code: string; offenceDate: string }[];
  convictionDate: string;
  court: string;
  sentence: {
    type: SentenceType;
    sentencedOn: string;
    lengthMonths: number;
    custodialTermMonths: number | null;
    supervisionMonths: number | null;
    releaseOn: string | null;
    licenceEndsOn: string | null;
    requirements: string[];
  };
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

function date(body: Record<string, unknown>, errors: Record<string, string>, field: string, what: string, required = true): string | null {
  const read = readDate(body, field);
  if (!read.typed) {
    if (required) errors[field] = `Enter the ${what}`;
    return null;
  }
  if (!read.value) errors[field] = `The ${what} must be a real date, like 27 3 2026`;
  return read.value;
}

/**
 * The last day of a period of calendar months that starts on `from`: the day before the corresponding
 * date (a 12-month order made on 1 March ends on the last day of February), or, where the month has no
 * corresponding date, its last day (1 month from 31 January ends on 28 or 29 February).
 */
export function periodEnd(from: string, lengthMonths: number): string {
  const corresponding = addMonths(from, lengthMonths);
  return corresponding.slice(8) < from.slice(8) ? corresponding : addDays(corresponding, -1);
}

/**
 * A conviction with its main offence, any additional offences (recorded with the main offence's date),
 * and the sentence. `offences` and `requirementTypes` are the reference lists.
 */
export function validateConviction(
  body: Record<string, unknown>,
  refs: { offences: readonly OffenceRef[]; requirementTypes: readonly RequirementTypeRef[] },
  person: { dateOfBirth: string },
  today: string,
): Result<NewConviction> {
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

  const type = SENTENCE_TYPES.find((t) => t.code === text(body.sentenceType))?.code;
  if (!type) errors.sentenceType = 'Select the sentence';
  const sentencedOn = date(body, errors, 'sentencedOn', 'date of sentence');
  if (sentencedOn && sentencedOn > today) errors.sentencedOn = 'The date of sentence must be today or in the past';
  else if (sentencedOn && convictionDate && sentencedOn < convictionDate) errors.sentencedOn = 'The date of sentence must be on or after the date of conviction';

  let lengthMonths: number | null = null;
  let custodialTermMonths: number | null = null;
  let supervisionMonths: number | null = null;
  let releaseOn: string | null = null;
  let licenceEndsOn: string | null = null;
  if (type === 'community_order') lengthMonths = months(body.lengthMonths, errors, 'lengthMonths', 'the length of the order', LIMITS.communityOrderMonths);
  if (type === 'suspended_sentence_order') {
    lengthMonths = months(body.lengthMonths, errors, 'lengthMonths', 'the operational period', LIMITS.operationalPeriodMonths);
    custodialTermMonths = months(body.custodialTermMonths, errors, 'custodialTermMonths', 'the custodial term', LIMITS.suspendedCustodialTermMonths);
    supervisionMonths = months(body.supervisionMonths, errors, 'supervisionMonths', 'the supervision period', null);
    if (supervisionMonths && lengthMonths && supervisionMonths > lengthMonths) errors.supervisionMonths = 'The supervision period cannot be longer than the operational period';
  }
  if (type === 'custody') {
    lengthMonths = months(body.lengthMonths, errors, 'lengthMonths', 'the custodial term', LIMITS.custodialTermMonths);
    const expiry = sentencedOn && lengthMonths ? periodEnd(sentencedOn, lengthMonths) : null;
    releaseOn = date(body, errors, 'releaseOn', 'release date (expected or actual)');
    if (releaseOn && sentencedOn && releaseOn < sentencedOn) errors.releaseOn = 'The release date must be on or after the date of sentence';
    else if (releaseOn && expiry && releaseOn > expiry) errors.releaseOn = 'The release date must be before the end of the sentence';
    licenceEndsOn = date(body, errors, 'licenceEndsOn', 'end of the licence', false);
    if (licenceEndsOn && releaseOn && licenceEndsOn < releaseOn) errors.licenceEndsOn = 'The licence must end on or after the release date';
    else if (licenceEndsOn && expiry && licenceEndsOn > expiry) errors.licenceEndsOn = 'The licence cannot end after the sentence does';
    if (!licenceEndsOn && expiry) licenceEndsOn = expiry;
  }

  const requirements = list(body.requirements);
  const types = new Set(refs.requirementTypes.map((t) => t.code));
  if (requirements.some((code) => !types.has(code))) errors.requirements = 'Select requirements from the list';
  else if (new Set(requirements).size !== requirements.length) errors.requirements = 'Each requirement can be selected only once';
  else if (type === 'community_order' && !requirements.length) errors.requirements = 'A community order must have at least one requirement';
  else if (type === 'custody' && requirements.length) errors.requirements = 'A custodial sentence has licence conditions, not requirements: clear the requirements';
  else if (requirements.includes('attendance_centre') && sentencedOn && wholeYearsBetween(person.dateOfBirth, sentencedOn) > LIMITS.attendanceCentreMaxAge) {
    errors.requirements = 'An attendance centre requirement is only for people aged under 25 when sentenced';
  }

  if (Object.keys(errors).length || !type || !sentencedOn || !lengthMonths || !offenceDate || !convictionDate) return { ok: false, errors };
  return {
    ok: true,
    value: {
      mainOffence: { code: mainCode, offenceDate },
      additionalOffences: additional.map((code) => ({ code, offenceDate })),
      convictionDate,
      court,
      sentence: { type, sentencedOn, lengthMonths, custodialTermMonths, supervisionMonths, releaseOn, licenceEndsOn, requirements },
    },
  };
}

/** The dates a sentence sets: when it ends, and when each requirement is expected to start and end. */
export function keyDates(sentence: NewConviction['sentence']) {
  const expectedEndOn = periodEnd(sentence.sentencedOn, sentence.lengthMonths);
  // Requirements of a suspended sentence must be done within its supervision period.
  const requirementEndOn = sentence.supervisionMonths ? periodEnd(sentence.sentencedOn, sentence.supervisionMonths) : expectedEndOn;
  return { expectedEndOn, requirementStartOn: sentence.sentencedOn, requirementEndOn };
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
  return !sentence.licence_ends_on || today <= sentence.licence_ends_on;
}

/** The tier's `S` suffix: there are current sentences and none of them supervises the person now. */
export const unsupervised = (current: readonly SentenceFacts[], today: string) =>
  current.length > 0 && !current.some((sentence) => supervisedToday(sentence, today));

/**
 * A national person's record beyond the person: events and sentences with requirements and licence
 * conditions; for an active case also RoSH assessments, risk flags, needs assessments, the criminal history,
 * the predictors' scores and the tier, all pure and deterministic for (seed, person index, today), whatever
 * chunk the person falls in. The demo's own generators make each conviction, assessment, flag and history,
 * and the service's own rules score the predictors and calculate the tier from them, so every score and tier
 * is explainable and is the one the service would calculate from the loaded record.
 */
import { demoNeedsVersions, type DemoNeedsVersion } from '../assessment/needs/demo.ts';
import { sectionScores } from '../assessment/needs/rules.ts';
import { demoCriminalHistory, type DemoCriminalHistory } from '../assessment/scores/demo.ts';
import { freshScores, type FreshScore } from '../assessment/scores/fresh.ts';
import type { PredictorFacts } from '../assessment/scores/inputs.ts';
import { tierInputFrom, type TierFacts } from '../assessment/tier/inputs.ts';
import { calculateTier, type ProtectLevel, type TierInput, type TierResult } from '../assessment/tiering/rules.ts';
import { demoRoshVersions } from '../assessment/rosh/demo.ts';
import { Random } from '../demo/random.ts';
import { addDays, addMonths } from '../platform/http/dates.ts';
import { demoFlags, type DemoFlag } from '../registrations/demo.ts';
import { demoPersonConvictions } from '../sentencing/demo.ts';
import { requirementDates, type RequirementRule } from '../sentencing/requirements.ts';
import { followUpStart, keyDates, unsupervised, type EndOfSentence, type NewConviction } from '../sentencing/rules.ts';

/** What the generator needs of a requirement type (read from requirement_types). */
export type RequirementTypeRef = Pick<RequirementRule, 'code' | 'name' | 'unit' | 'complete_within_months'> & { restrictive: boolean };
/** What the predictors need of an offence, and the tier of a flag's type (read from offences and registration_types). */
export interface OffenceRef { code: string; description: string; ogrs3_category: string; violent: boolean }
export interface RegistrationTypeRef { code: string; name: string; review_months: number; complexity_factor: string | null }
export interface HistoryRefs {
  requirementTypes: ReadonlyMap<string, RequirementTypeRef>;
  offences: ReadonlyMap<string, OffenceRef>;
  registrationTypes: ReadonlyMap<string, RegistrationTypeRef>;
}

export interface HistoryRequirement {
  type: string; units: number | null; programme: string | null; details: Record<string, unknown>;
  startOn: string; endOn: string; endedOn: string | null;
}

export interface HistoryEvent {
  eventNumber: number;
  conviction: NewConviction;
  ended: EndOfSentence | null;
  dates: ReturnType<typeof keyDates>;
  requirements: HistoryRequirement[];
}

export type RoshVersion = ReturnType<typeof demoRoshVersions>[number];

export interface PersonHistory {
  events: HistoryEvent[];
  rosh: RoshVersion[];
  flags: DemoFlag[];
  needs: DemoNeedsVersion[];
  criminalHistory: DemoCriminalHistory | null;
  predictors: FreshScore[];
  tier: { input: TierInput; sources: Record<string, string>; result: TierResult } | null;
}

/** A generator's own stream for one person: the same person gives the same record in any chunk. */
export function personRandom(seed: number, index: number, salt: number): Random {
  let h = Math.imul(seed ^ 0x2c1b3c6d, 0x297a2d39) ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return new Random((h ^ (h >>> 16)) >>> 0);
}

const ENDINGS: readonly (readonly [EndOfSentence['status'], number])[] = [['completed', 80], ['terminated_early', 8], ['revoked', 12]];
const REASONS: Record<EndOfSentence['status'], string> = {
  completed: 'Order completed', terminated_early: 'Terminated early for good progress', revoked: 'Revoked after breach and re-sentenced',
};

/** When a sentence's supervision ends: the licence (or top-up) for custody, else the order's end. */
export function supervisionEndsOn(conviction: NewConviction, dates: ReturnType<typeof keyDates>): string {
  const sentence = conviction.sentence!;
  if (sentence.type !== 'custody') return dates.expectedEndOn;
  return [sentence.licenceEndsOn ?? dates.expectedEndOn, dates.licence?.topUpEndsOn ?? ''].sort().pop()!;
}

function withRequirements(eventNumber: number, conviction: NewConviction, ended: EndOfSentence | null, court: string, rules: ReadonlyMap<string, RequirementTypeRef>): HistoryEvent {
  const sentence = conviction.sentence!;
  const dates = keyDates(sentence);
  // As addSentences records them: starting on the day of sentence, ending by the rule or the order's end.
  const requirements = sentence.requirements.map((r) => {
    const startOn = sentence.sentencedOn > dates.requirementEndOn ? dates.requirementEndOn : sentence.sentencedOn;
    const { endOn } = requirementDates(rules.get(r.type)!, r, startOn, dates.requirementEndOn);
    return { type: r.type, units: r.units, programme: r.programme, details: r.details as Record<string, unknown>, startOn, endOn, endedOn: ended ? [ended.endedOn, endOn].sort()[0]! : null };
  });
  return { eventNumber, conviction: { ...conviction, court }, ended, dates, requirements };
}

export interface HistoryPerson {
  index: number; dateOfBirth: string; sex: 'male' | 'female'; active: boolean; town: string;
  /** The main address is "no fixed abode" (a needs assessment's address item agrees with it). */
  noFixedAbode?: boolean;
  /** The id the person's first event will have (the current event's is shown in the predictors' sources). */
  firstEventId?: number;
}

/**
 * An active case has its current event under an active sentence and often earlier ended ones, a RoSH
 * assessment (9 in 10), risk flags, needs assessments (half), a criminal history (most), the predictors'
 * scores and a tier. Over half of the others have one to four ended sentences, the last ended between a
 * month and ten years ago; the rest are a record only.
 */
export function personHistory(seed: number, person: HistoryPerson, today: string, refs: HistoryRefs): PersonHistory {
  const rules = refs.requirementTypes;
  const random = personRandom(seed, person.index, 1);
  const magistrates = `${person.town} Magistrates' Court`;
  const court = (conviction: NewConviction) => (conviction.sentence?.type === 'custody' && random.chance(0.7) ? `${person.town} Crown Court` : magistrates);
  const oldEnough = addMonths(person.dateOfBirth, 12 * 17);
  if (!person.active) {
    const lastSeen = addDays(today, -random.int(30, 3650));
    if (random.chance(0.45) || lastSeen < oldEnough) return { events: [], rosh: [], ...NOT_ASSESSED };
    const { current, earlier } = demoPersonConvictions(random, person.dateOfBirth, lastSeen);
    const due = supervisionEndsOn(current, keyDates(current.sentence!));
    let status = random.weighted(ENDINGS);
    // Ended as expected when that is past; otherwise (and when cut short) somewhere between then and today.
    const cut = status !== 'completed' || due >= today;
    if (cut && status === 'completed') status = 'terminated_early';
    const endedOn = cut ? [addDays(lastSeen, random.int(0, 60)), addDays(today, -1), due].sort()[0]! : due;
    const ending: EndOfSentence = { status, endedOn: endedOn < current.sentence!.sentencedOn ? current.sentence!.sentencedOn : endedOn, reason: REASONS[status] };
    const events = [...earlier, { conviction: current, ended: ending }].map((e, i) => withRequirements(i + 1, e.conviction, e.ended, court(e.conviction), rules));
    return { events, rosh: [], ...NOT_ASSESSED };
  }
  const { current, earlier } = demoPersonConvictions(random, person.dateOfBirth, today);
  const events = [...earlier, { conviction: current, ended: null }].map((e, i) => withRequirements(i + 1, e.conviction, e.ended, court(e.conviction), rules));
  const rosh = random.chance(0.9) ? demoRoshVersions(random, 0, today) : [];
  // Each kind of record from a stream of its own, so adding one never changes the others.
  const flags = demoFlags(personRandom(seed, person.index, 4), today, (code) => refs.registrationTypes.get(code)!.review_months);
  const needs = demoNeedsVersions(personRandom(seed, person.index, 5), today, person.noFixedAbode ?? false);
  const own = events.map((e) => ({ conviction_date: e.conviction.convictionDate, violent: refs.offences.get(e.conviction.mainOffence.code)!.violent }));
  const criminalHistory = demoCriminalHistory(personRandom(seed, person.index, 6), person.dateOfBirth, own);
  const now = events.at(-1)!;
  const sentence = now.conviction.sentence!;
  const offence = refs.offences.get(now.conviction.mainOffence.code)!;
  const latestNeeds = needs.at(-1);
  // The facts as predictorFactsFor reads them back from the loaded record.
  const facts: PredictorFacts = {
    person: { sex: person.sex, dateOfBirth: person.dateOfBirth },
    event: {
      eventId: (person.firstEventId ?? 1) + events.length - 1, offenceCategory: offence.ogrs3_category, offenceDescription: offence.description,
      convictionDate: now.conviction.convictionDate,
      followUpStartDate: followUpStart({ sentence_type: sentence.type, sentenced_on: sentence.sentencedOn, release_on: sentence.releaseOn }),
    },
    history: criminalHistory && {
      previousSanctions: criminalHistory.previous_sanctions, previousConvictions: criminalHistory.previous_convictions,
      violentSanctions: criminalHistory.violent_sanctions, firstSanctionDate: criminalHistory.first_sanction_date, recordedOn: today, recordedBy: 'the service',
    },
    needs: latestNeeds ? { version: latestNeeds.version, completedOn: latestNeeds.completedOn, answers: latestNeeds.content.answers } : null,
  };
  const scored = freshScores(facts, {}, today);
  const tierFlags = flags.map((f) => {
    const type = refs.registrationTypes.get(f.type_code)!;
    return { typeCode: f.type_code, name: type.name, level: f.level, complexityFactor: type.complexity_factor, registeredOn: f.registered_on };
  });
  const tier = tierOf(person.sex, now, rosh.at(-1) ?? null, today, rules, {
    flags: tierFlags, ogrs3: scored.ogrs3,
    needs: latestNeeds ? { version: latestNeeds.version, completedOn: latestNeeds.completedOn, sectionScores: sectionScores(latestNeeds.content.answers), answers: latestNeeds.content.answers } : null,
  });
  return { events, rosh, flags, needs, criminalHistory, predictors: scored.scores, tier };
}

const NOT_ASSESSED = { flags: [], needs: [], criminalHistory: null, predictors: [], tier: null };

/** The tier as recalculateTiers would make it from this record. */
function tierOf(sex: 'male' | 'female', current: HistoryEvent, rosh: RoshVersion | null, today: string, rules: ReadonlyMap<string, RequirementTypeRef>,
  assessed: Pick<TierFacts, 'flags' | 'needs' | 'ogrs3'>): PersonHistory['tier'] {
  const sentence = current.conviction.sentence!;
  const running = current.requirements.filter((r) => r.endedOn === null).map((r) => ({ type: r.type, restrictive: rules.get(r.type)!.restrictive })).sort((a, b) => a.type.localeCompare(b.type));
  const { input, sources } = tierInputFrom({
    sex,
    rosh: rosh ? { overall: rosh.overall, completedOn: rosh.completed_on } : null,
    ...assessed,
    sentences: [{ custodial: sentence.type === 'custody', requirements: running }],
    unsupervised: unsupervised([{
      sentence_type: sentence.type, sentenced_on: sentence.sentencedOn, release_on: sentence.releaseOn, licence_ends_on: sentence.licenceEndsOn,
      top_up_ends_on: current.dates.licence?.topUpEndsOn ?? null, expected_end_on: current.dates.expectedEndOn, requirementCount: running.length,
    }], today),
  });
  return { input, sources, result: calculateTier(input) };
}

/** The protect level contacts follow: the tier's for the current sentence, a plausible one for past ones. */
export function pastBand(random: Random): ProtectLevel {
  return random.weighted<ProtectLevel>([['A', 3], ['B', 22], ['C', 40], ['D', 35]]);
}

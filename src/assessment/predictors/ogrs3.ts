/**
 * OGRS3, the Offender Group Reconviction Scale version 3, exactly as /work/shared/domain/predictors.md
 * gives it: the probability of a proven reoffence within one and two years from static factors only.
 * Every coefficient is exported as data so the explanation panel can show the rule beside the result.
 */
import {
  FieldReader, SEXES, bandFor, capital, logistic, percentHalfUp, show, wholeYearsBetween,
  type BandRange, type Raw, type RiskBand, type Sex, type Term, type Validated,
} from './common.ts';

export type AgeBand = '10-11' | '12-13' | '14-15' | '16-17' | '18-20' | '21-24' | '25-29' | '30-34' | '35-39' | '40-49' | '50+';

/** Age at the start of follow-up, by band. The three youngest female values are negative, as predictors.md settles. */
export const OGRS3_AGE_SEX: readonly { band: AgeBand; from: number; to: number; male: number; female: number }[] = [
  { band: '10-11', from: 10, to: 11, male: 0, female: -0.785038489 },
  { band: '12-13', from: 12, to: 13, male: 0.083922902, female: -0.613852078 },
  { band: '14-15', from: 14, to: 15, male: 0.075775765, female: -0.669521331 },
  { band: '16-17', from: 16, to: 17, male: -0.061594199, female: -0.959179629 },
  { band: '18-20', from: 18, to: 20, male: -0.625103618, female: -0.897480934 },
  { band: '21-24', from: 21, to: 24, male: -1.051515067, female: -1.028488454 },
  { band: '25-29', from: 25, to: 29, male: -1.166679288, female: -1.052777806 },
  { band: '30-34', from: 30, to: 34, male: -1.325976554, female: -1.129127959 },
  { band: '35-39', from: 35, to: 39, male: -1.368045933, female: -1.42187494 },
  { band: '40-49', from: 40, to: 49, male: -1.499690953, female: -1.524652221 },
  { band: '50+', from: 50, to: Infinity, male: -2.025261458, female: -2.44983716 },
];

export type SanctionHistory = 'first_caution' | 'second_both_cautions' | 'first_conviction' | 'repeat_caution' | 'repeat_conviction';

export const OGRS3_SANCTION_HISTORY: Readonly<Record<SanctionHistory, { label: string; value: number }>> = {
  first_caution: { label: 'first sanction, and it is a caution', value: 0 },
  second_both_cautions: { label: 'second sanction, both cautions', value: 0.083100501 },
  first_conviction: { label: 'first sanction, and it is a conviction', value: 0.126142106 },
  repeat_caution: { label: 'two or more sanctions, current one a caution', value: 0.34859587 },
  repeat_conviction: { label: 'two or more sanctions, current one a conviction', value: 0.463062792 },
};

export const OGRS3_OFFENCE_CATEGORIES = [
  { code: 'violence', label: 'violence against the person', value: 0 },
  { code: 'robbery', label: 'robbery', value: -0.634795912 },
  { code: 'public_order', label: 'public order', value: 0.181917975 },
  { code: 'sexual_not_child', label: 'sexual, not against a child', value: 0.003276327 },
  { code: 'sexual_child', label: 'sexual, against a child', value: -0.653434071 },
  { code: 'soliciting', label: 'soliciting or prostitution', value: 0.760608858 },
  { code: 'burglary_domestic', label: 'domestic burglary', value: -0.12394352 },
  { code: 'burglary_other', label: 'other burglary', value: 0.240604429 },
  { code: 'theft_non_motor', label: 'theft (non-motor)', value: 0.661244321 },
  { code: 'handling', label: 'handling stolen goods', value: 0.351866973 },
  { code: 'fraud_forgery', label: 'fraud and forgery', value: 0.159910192 },
  { code: 'absconding_bail', label: 'absconding or bail offences', value: 0.733378677 },
  { code: 'taking_driving_away', label: 'taking and driving away and related', value: 0.380059431 },
  { code: 'theft_from_vehicle', label: 'theft from vehicles', value: 0.427225615 },
  { code: 'other_motoring', label: 'other motoring', value: 0.262228428 },
  { code: 'drink_driving', label: 'drink driving and related', value: -0.121439408 },
  { code: 'criminal_damage', label: 'criminal damage', value: 0.204960477 },
  { code: 'drug_import_export_production', label: 'drug import, export or production', value: -0.795556373 },
  { code: 'drug_possession_supply', label: 'drug possession or supply', value: 0.077165871 },
  { code: 'other', label: 'any other offence', value: -0.060667525 },
] as const;

export type OffenceCategory = (typeof OGRS3_OFFENCE_CATEGORIES)[number]['code'];
export const OFFENCE_CATEGORY_CODES: readonly OffenceCategory[] = OGRS3_OFFENCE_CATEGORIES.map((c) => c.code);
const OFFENCES = new Map<string, { code: OffenceCategory; label: string; value: number }>(OGRS3_OFFENCE_CATEGORIES.map((c) => [c.code, c]));

export const OGRS3_CONSTANTS = {
  copasWeight: 1.251124464,
  oneYearIntercept: 1.402562384,
  twoYearIntercept: 2.121705678,
  /** The Copas rate divides total sanctions by this many years plus the length of the criminal career. */
  copasYearsOffset: 10,
  /** The age of criminal responsibility: the youngest age OGRS3 scores at the current conviction. */
  minimumAge: 10,
} as const;

/** Bands on the two-year percentage. */
export const OGRS3_BANDS: readonly BandRange[] = [
  { band: 'low', from: 0, to: 49 },
  { band: 'medium', from: 50, to: 74 },
  { band: 'high', from: 75, to: 89 },
  { band: 'very_high', from: 90, to: 100 },
];

export type CurrentSanction = 'conviction' | 'caution';
export const CURRENT_SANCTIONS: readonly CurrentSanction[] = ['conviction', 'caution'];

/** As the API and the CSV file give it: dates YYYY-MM-DD. */
export interface Ogrs3Input {
  sex: Sex;
  dateOfBirth: string;
  followUpStartDate: string;
  currentConvictionDate: string;
  firstSanctionDate: string;
  previousSanctions: number;
  offenceCategory: OffenceCategory;
  currentSanction?: CurrentSanction;
  previousConvictions?: number;
}

/** The same case reduced to whole-year ages, the form the worked examples take. */
export interface Ogrs3Ages {
  sex: Sex;
  ageAtFollowUpStart: number;
  ageAtCurrentConviction: number;
  ageAtFirstSanction: number;
  previousSanctions: number;
  offenceCategory: OffenceCategory;
  currentSanction?: CurrentSanction;
  previousConvictions?: number;
}

export interface Ogrs3Terms {
  ageAtFollowUpStart: Term;
  ageSex: Term;
  ageAtCurrentConviction: Term;
  ageAtFirstSanction: Term;
  totalSanctions: Term;
  years: Term;
  sanctionHistory: Term;
  copasRate: Term;
  copasTerm: Term;
  offence: Term;
  sum: Term;
  oneYearLogit: Term;
  twoYearLogit: Term;
}

export interface Ogrs3Result {
  /** Unrounded probabilities. */
  oneYear: number;
  twoYear: number;
  oneYearPercent: number;
  twoYearPercent: number;
  band: RiskBand;
  terms: Ogrs3Terms;
}

export const ogrs3AgeBand = (age: number) => OGRS3_AGE_SEX.find((row) => age >= row.from && age <= row.to);

export const ogrs3Band = (twoYearPercent: number): RiskBand => bandFor(OGRS3_BANDS, twoYearPercent);

/** Both probabilities from the sum S of the terms. */
export function ogrs3Probabilities(sum: number): { oneYear: number; twoYear: number } {
  return {
    oneYear: logistic(OGRS3_CONSTANTS.oneYearIntercept + sum),
    twoYear: logistic(OGRS3_CONSTANTS.twoYearIntercept + sum),
  };
}

/**
 * Which sanction-history row applies. A caution after exactly one earlier sanction depends on whether
 * that sanction was a conviction, so then the number of previous convictions is needed, never assumed.
 */
export function sanctionHistory(previousSanctions: number, currentSanction: CurrentSanction, previousConvictions?: number): SanctionHistory | null {
  if (currentSanction === 'conviction') return previousSanctions === 0 ? 'first_conviction' : 'repeat_conviction';
  if (previousSanctions === 0) return 'first_caution';
  if (previousSanctions > 1) return 'repeat_caution';
  if (previousConvictions === undefined) return null;
  return previousConvictions === 0 ? 'second_both_cautions' : 'repeat_caution';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** OGRS3 from whole-year ages. Throws a RangeError for ages or counts it cannot score: validate first. */
export function ogrs3FromAges(ages: Ogrs3Ages): Ogrs3Result {
  const { sex, ageAtFollowUpStart, ageAtCurrentConviction, ageAtFirstSanction, previousSanctions, offenceCategory } = ages;
  const currentSanction = ages.currentSanction ?? 'conviction';
  const ageRow = ogrs3AgeBand(ageAtFollowUpStart);
  const offence = OFFENCES.get(offenceCategory);
  const history = sanctionHistory(previousSanctions, currentSanction, ages.previousConvictions);
  const years = ageAtCurrentConviction - ageAtFirstSanction;
  if (!ageRow) throw new RangeError(`OGRS3 has no age band for age ${ageAtFollowUpStart}`);
  if (!offence) throw new RangeError(`Unknown OGRS3 offence category ${offenceCategory}`);
  if (!history) throw new RangeError('A caution after one earlier sanction needs the number of previous convictions');
  if (ageAtCurrentConviction < OGRS3_CONSTANTS.minimumAge || years < 0 || !Number.isInteger(previousSanctions) || previousSanctions < 0) {
    throw new RangeError('OGRS3 needs an age at conviction of 10 or more, a first sanction no later than it and a whole number of previous sanctions');
  }

  const { copasWeight, copasYearsOffset, oneYearIntercept, twoYearIntercept } = OGRS3_CONSTANTS;
  const totalSanctions = previousSanctions + 1;
  const ageSex = ageRow[sex];
  const historyTerm = OGRS3_SANCTION_HISTORY[history].value;
  const copasRate = Math.log(totalSanctions / (copasYearsOffset + years));
  const copasTerm = copasWeight * copasRate;
  const sum = ageSex + historyTerm + copasTerm + offence.value;
  const { oneYear, twoYear } = ogrs3Probabilities(sum);
  const oneYearPercent = percentHalfUp(oneYear);
  const twoYearPercent = percentHalfUp(twoYear);

  return {
    oneYear,
    twoYear,
    oneYearPercent,
    twoYearPercent,
    band: ogrs3Band(twoYearPercent),
    terms: {
      ageAtFollowUpStart: { label: 'Age at the start of follow-up', value: ageAtFollowUpStart, code: ageRow.band },
      ageSex: { label: `Age and sex: ${sex}, aged ${ageRow.band} at the start of follow-up`, value: ageSex, code: ageRow.band },
      ageAtCurrentConviction: { label: `Age at the current ${currentSanction}`, value: ageAtCurrentConviction },
      ageAtFirstSanction: { label: 'Age at the first sanction', value: ageAtFirstSanction },
      totalSanctions: { label: `Sanctions in total: ${plural(previousSanctions, 'previous sanction')} and the current one`, value: totalSanctions },
      years: { label: 'Years from the first sanction to the current one (age at current minus age at first)', value: years },
      sanctionHistory: { label: `Sanction history: ${OGRS3_SANCTION_HISTORY[history].label}`, value: historyTerm, code: history },
      copasRate: { label: `Copas rate: ln(${totalSanctions} ÷ (${copasYearsOffset} + ${years}))`, value: copasRate },
      copasTerm: { label: `Copas term: ${show(copasWeight)} × Copas rate`, value: copasTerm },
      offence: { label: `Offence: ${offence.label}`, value: offence.value, code: offence.code },
      sum: { label: 'S: age and sex + sanction history + Copas term + offence', value: sum },
      oneYearLogit: { label: `One year: ${show(oneYearIntercept)} + S`, value: oneYearIntercept + sum },
      twoYearLogit: { label: `Two years: ${show(twoYearIntercept)} + S`, value: twoYearIntercept + sum },
    },
  };
}

interface Checked {
  input: Ogrs3Input;
  ages: Ogrs3Ages;
}

function check(raw: Raw<Ogrs3Input>): Validated<Checked> {
  const read = new FieldReader(raw);
  const sex = read.choice('sex', SEXES, 'the sex');
  const currentSanction: CurrentSanction = read.has('currentSanction')
    ? read.choice('currentSanction', CURRENT_SANCTIONS, 'the current sanction') ?? 'conviction'
    : 'conviction';
  const current = currentSanction === 'caution' ? 'caution' : 'conviction';
  const currentWhat = current === 'caution' ? 'the date of the current caution' : 'the date of the current conviction';
  const dateOfBirth = read.date('dateOfBirth', 'the date of birth');
  const followUpStartDate = read.date('followUpStartDate', 'the date follow-up starts');
  const currentConvictionDate = read.date('currentConvictionDate', currentWhat);
  const firstSanctionDate = read.date('firstSanctionDate', 'the date of the first sanction');
  const previousSanctions = read.count('previousSanctions', 'the number of previous sanctions');
  const offenceCategory = read.choice('offenceCategory', OFFENCE_CATEGORY_CODES, "the current offence's OGRS3 category");

  let previousConvictions: number | undefined;
  if (read.has('previousConvictions')) {
    previousConvictions = read.count('previousConvictions', 'the number of previous convictions') ?? undefined;
    if (previousConvictions !== undefined && previousSanctions !== null && previousConvictions > previousSanctions) {
      read.fail('previousConvictions', `The number of previous convictions (${previousConvictions}) cannot be more than the number of previous sanctions (${previousSanctions})`);
    }
  } else if (currentSanction === 'caution' && previousSanctions === 1) {
    read.fail('previousConvictions', 'Enter the number of previous convictions (0 or 1): after one earlier sanction, a caution scores differently if that sanction was a conviction');
  }

  // Each date on or after the birth, then the rules predictors.md gives: 10 or older at the current
  // sanction, the first sanction no later than it. Follow-up under 10 has no age band to score.
  const ageAt = (field: string, date: string | null, what: string): number | null => {
    if (!date || !dateOfBirth) return null;
    if (date >= dateOfBirth) return wholeYearsBetween(dateOfBirth, date);
    read.fail(field, `${capital(what)} (${date}) is before the date of birth (${dateOfBirth})`);
    return null;
  };
  const ageAtCurrentConviction = ageAt('currentConvictionDate', currentConvictionDate, currentWhat);
  const ageAtFirstSanction = ageAt('firstSanctionDate', firstSanctionDate, 'the date of the first sanction');
  const ageAtFollowUpStart = ageAt('followUpStartDate', followUpStartDate, 'the date follow-up starts');
  if (ageAtCurrentConviction !== null && ageAtCurrentConviction < OGRS3_CONSTANTS.minimumAge) {
    read.fail('currentConvictionDate', `The person was ${ageAtCurrentConviction} at the current ${current}: OGRS3 only applies from age 10, the age of criminal responsibility`);
  }
  if (ageAtFollowUpStart !== null && ageAtFollowUpStart < OGRS3_CONSTANTS.minimumAge) {
    read.fail('followUpStartDate', `The person is ${ageAtFollowUpStart} when follow-up starts: OGRS3 has no age band under 10`);
  }
  if (firstSanctionDate && currentConvictionDate && firstSanctionDate > currentConvictionDate) {
    read.fail('firstSanctionDate', `The first sanction (${firstSanctionDate}) cannot be after the current ${current} (${currentConvictionDate})`);
  }

  if (!read.ok) return { ok: false, errors: read.errors };
  // Every field is known here: a null would have left a message.
  const input: Ogrs3Input = {
    sex: sex!,
    dateOfBirth: dateOfBirth!,
    followUpStartDate: followUpStartDate!,
    currentConvictionDate: currentConvictionDate!,
    firstSanctionDate: firstSanctionDate!,
    previousSanctions: previousSanctions!,
    offenceCategory: offenceCategory!,
    currentSanction,
  };
  const ages: Ogrs3Ages = {
    sex: sex!,
    ageAtFollowUpStart: ageAtFollowUpStart!,
    ageAtCurrentConviction: ageAtCurrentConviction!,
    ageAtFirstSanction: ageAtFirstSanction!,
    previousSanctions: previousSanctions!,
    offenceCategory: offenceCategory!,
    currentSanction,
  };
  if (previousConvictions !== undefined) input.previousConvictions = ages.previousConvictions = previousConvictions;
  return { ok: true, value: { input, ages } };
}

/** OGRS3 from typed input. Throws a RangeError naming every problem: for raw input use scoreOgrs3. */
export function ogrs3(input: Ogrs3Input): Ogrs3Result {
  const checked = check(input);
  if (!checked.ok) throw new RangeError(Object.values(checked.errors).join('; '));
  return ogrs3FromAges(checked.value.ages);
}

/** Checks a raw record (JSON body or CSV row): the cleaned input, or a message per field. */
export function validateOgrs3(raw: Raw<Ogrs3Input>): Validated<Ogrs3Input> {
  const checked = check(raw);
  return checked.ok ? { ok: true, value: checked.value.input } : checked;
}

/** Validates and scores a raw record in one pass: the result with its terms, or a message per field. */
export function scoreOgrs3(raw: Raw<Ogrs3Input>): Validated<Ogrs3Result> {
  const checked = check(raw);
  return checked.ok ? { ok: true, value: ogrs3FromAges(checked.value.ages) } : checked;
}

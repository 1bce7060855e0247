/**
 * OVP, the OASys violence predictor: static items (sanctions, violent sanctions, age, sex) and dynamic
 * items from the assessment, on a logistic curve. /work/shared/domain/predictors.md gives the curve and
 * bands and sends the item weights to ministryofjustice/hmpps-arns-risk-actuarial-api; they are copied
 * from its OVPTransformationHelper.kt, with its input meanings: sanctions in total include the current one.
 */
import {
  FieldReader, SEXES, bandFor, logistic, percentHalfUp, show, wholeYearsBetween,
  type BandRange, type Level, type Raw, type RiskBand, type Sex, type Term, type Validated,
} from './common.ts';

const PROBLEMS = ['no problems', 'some problems', 'significant problems'] as const;

/** The assessment items OVP scores 0, 1 or 2, with their answers. */
export const OVP_LEVEL_ITEMS = {
  alcoholCurrentUseProblem: { label: 'Current alcohol use is a problem', answers: PROBLEMS },
  alcoholExcessiveUse: { label: 'Binge drinking or excessive alcohol use in the last 6 months', answers: PROBLEMS },
  temperControl: { label: 'Temper control', answers: PROBLEMS },
  proCriminalAttitudes: { label: 'Pro-criminal attitudes', answers: PROBLEMS },
} as const satisfies Record<string, { label: string; answers: readonly [string, string, string] }>;

export const OVP_WEIGHTS = {
  /** Any sanction at all (the total includes the current one). */
  anySanctions: 5,
  /** By number of violent sanctions: index 0 to 17, then 25 for 18 or more. */
  violentSanctions: [0, 4, 7, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
  violentSanctionsMaximum: 25,
  /** By number of non-violent sanctions (total minus violent). */
  nonViolentSanctions: [
    { from: 0, to: 2, value: 0 },
    { from: 3, to: 4, value: 2 },
    { from: 5, to: 10, value: 3 },
    { from: 11, to: 20, value: 4 },
    { from: 21, to: Infinity, value: 5 },
  ],
  /** By whole-year age at the start of follow-up; OVP has no band under 18. */
  age: [
    { from: 18, to: 19, value: 20 },
    { from: 20, to: 21, value: 17 },
    { from: 22, to: 23, value: 14 },
    { from: 24, to: 25, value: 12 },
    { from: 26, to: 30, value: 10 },
    { from: 31, to: 35, value: 8 },
    { from: 36, to: 40, value: 6 },
    { from: 41, to: 45, value: 4 },
    { from: 46, to: 50, value: 2 },
    { from: 51, to: Infinity, value: 0 },
  ],
  male: 5,
  doesNotRecogniseImpact: 4,
  noFixedAbode: 4,
  unemployed: 4,
  /** ceil((current use a problem + excessive use) × 2.5) */
  alcohol: 2.5,
  psychiatricTreatment: 4,
  temperControl: 3,
  proCriminalAttitudes: 3,
  slope: 0.0722,
  oneYearIntercept: -4.5215,
  twoYearIntercept: -3.8773,
} as const;

export const OVP_MINIMUM_AGE = 18;

/** Bands on the two-year percentage. */
export const OVP_BANDS: readonly BandRange[] = [
  { band: 'low', from: 1, to: 29 },
  { band: 'medium', from: 30, to: 59 },
  { band: 'high', from: 60, to: 79 },
  { band: 'very_high', from: 80, to: 99 },
];

export interface OvpInput {
  sex: Sex;
  dateOfBirth: string;
  followUpStartDate: string;
  /** All sanctions, including the current one: at least 1. */
  totalSanctions: number;
  /** Of those, sanctions for violent offences. */
  violentSanctions: number;
  recognisesImpactOfOffending: boolean;
  /** No fixed abode or transient accommodation. */
  noFixedAbode: boolean;
  unemployed: boolean;
  alcoholCurrentUseProblem: Level;
  alcoholExcessiveUse: Level;
  /** In psychiatric treatment now, or treatment pending. */
  psychiatricTreatment: boolean;
  temperControl: Level;
  proCriminalAttitudes: Level;
}

export interface OvpTerms {
  anySanctions: Term;
  violentSanctions: Term;
  nonViolentSanctions: Term;
  age: Term;
  sex: Term;
  staticScore: Term;
  recognisesImpactOfOffending: Term;
  noFixedAbode: Term;
  unemployed: Term;
  alcohol: Term;
  psychiatricTreatment: Term;
  temperControl: Term;
  proCriminalAttitudes: Term;
  dynamicScore: Term;
  score: Term;
  oneYearLogit: Term;
  twoYearLogit: Term;
}

export interface OvpResult {
  score: number;
  oneYear: number;
  twoYear: number;
  oneYearPercent: number;
  twoYearPercent: number;
  band: RiskBand;
  terms: OvpTerms;
}

export const ovpBand = (twoYearPercent: number): RiskBand => bandFor(OVP_BANDS, twoYearPercent);

const inRange = (ranges: readonly { from: number; to: number; value: number }[], n: number) => ranges.find((r) => n >= r.from && n <= r.to);
const span = (r: { from: number; to: number }) => (r.to === Infinity ? `${r.from}+` : `${r.from}-${r.to}`);
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const answer = (item: keyof typeof OVP_LEVEL_ITEMS, level: Level) => `${OVP_LEVEL_ITEMS[item].answers[level]} (${level})`;

/** OVP from checked input. Throws a RangeError for values it cannot score: validate raw input first. */
export function ovp(input: OvpInput): OvpResult {
  const w = OVP_WEIGHTS;
  const age = wholeYearsBetween(input.dateOfBirth, input.followUpStartDate);
  const ageRow = inRange(w.age, age);
  const nonViolent = input.totalSanctions - input.violentSanctions;
  const nonViolentRow = inRange(w.nonViolentSanctions, nonViolent);
  if (!ageRow || !nonViolentRow || !Number.isInteger(input.violentSanctions) || input.violentSanctions < 0 || input.totalSanctions < 1) {
    throw new RangeError('OVP needs an age of 18 or more at the start of follow-up, at least 1 sanction and no more violent sanctions than sanctions');
  }
  const levels = [input.alcoholCurrentUseProblem, input.alcoholExcessiveUse, input.temperControl, input.proCriminalAttitudes];
  if (!levels.every((level) => level === 0 || level === 1 || level === 2)) throw new RangeError('OVP items are scored 0, 1 or 2');

  const anySanctions = input.totalSanctions > 0 ? w.anySanctions : 0;
  const violent = w.violentSanctions[input.violentSanctions] ?? w.violentSanctionsMaximum;
  const sex = input.sex === 'male' ? w.male : 0;
  const staticScore = anySanctions + violent + nonViolentRow.value + ageRow.value + sex;

  const impact = input.recognisesImpactOfOffending ? 0 : w.doesNotRecogniseImpact;
  const noFixedAbode = input.noFixedAbode ? w.noFixedAbode : 0;
  const unemployed = input.unemployed ? w.unemployed : 0;
  // ceil(n × 2.5) as ceil(5n / 2): exact, with n the sum of two 0-2 answers.
  const alcoholItems = input.alcoholCurrentUseProblem + input.alcoholExcessiveUse;
  const alcohol = Math.ceil((alcoholItems * 5) / 2);
  const psychiatric = input.psychiatricTreatment ? w.psychiatricTreatment : 0;
  const temper = input.temperControl * w.temperControl;
  const attitudes = input.proCriminalAttitudes * w.proCriminalAttitudes;
  const dynamicScore = impact + noFixedAbode + unemployed + alcohol + psychiatric + temper + attitudes;

  const score = staticScore + dynamicScore;
  const oneYearLogit = w.slope * score + w.oneYearIntercept;
  const twoYearLogit = w.slope * score + w.twoYearIntercept;
  const oneYear = logistic(oneYearLogit);
  const twoYear = logistic(twoYearLogit);
  const oneYearPercent = percentHalfUp(oneYear);
  const twoYearPercent = percentHalfUp(twoYear);

  return {
    score,
    oneYear,
    twoYear,
    oneYearPercent,
    twoYearPercent,
    band: ovpBand(twoYearPercent),
    terms: {
      anySanctions: { label: `Any sanctions: ${input.totalSanctions} in total, including the current one`, value: anySanctions },
      violentSanctions: { label: `Violent sanctions: ${input.violentSanctions}`, value: violent },
      nonViolentSanctions: { label: `Non-violent sanctions: ${nonViolent} (band ${span(nonViolentRow)})`, value: nonViolentRow.value },
      age: { label: `Age at the start of follow-up: ${age} (band ${span(ageRow)})`, value: ageRow.value, code: span(ageRow) },
      sex: { label: `Sex: ${input.sex}`, value: sex, code: input.sex },
      staticScore: { label: 'Static items: the sum of the five above', value: staticScore },
      recognisesImpactOfOffending: { label: `Recognises the impact of their offending on others: ${yesNo(input.recognisesImpactOfOffending)}`, value: impact },
      noFixedAbode: { label: `No fixed abode or transient accommodation: ${yesNo(input.noFixedAbode)}`, value: noFixedAbode },
      unemployed: { label: `Unemployed: ${yesNo(input.unemployed)}`, value: unemployed },
      alcohol: {
        label: `Alcohol misuse: (current use a problem ${input.alcoholCurrentUseProblem} + excessive use ${input.alcoholExcessiveUse}) × 2.5, rounded up; answers: ${OVP_LEVEL_ITEMS.alcoholCurrentUseProblem.answers[input.alcoholCurrentUseProblem]}, ${OVP_LEVEL_ITEMS.alcoholExcessiveUse.answers[input.alcoholExcessiveUse]}`,
        value: alcohol,
      },
      psychiatricTreatment: { label: `In psychiatric treatment or treatment pending: ${yesNo(input.psychiatricTreatment)}`, value: psychiatric },
      temperControl: { label: `Temper control: ${answer('temperControl', input.temperControl)} × 3`, value: temper },
      proCriminalAttitudes: { label: `Pro-criminal attitudes: ${answer('proCriminalAttitudes', input.proCriminalAttitudes)} × 3`, value: attitudes },
      dynamicScore: { label: 'Dynamic items: the sum of the seven above', value: dynamicScore },
      score: { label: 'OVP score: static + dynamic items', value: score },
      oneYearLogit: { label: `One year: ${show(w.slope)} × score − ${show(-w.oneYearIntercept)}`, value: oneYearLogit },
      twoYearLogit: { label: `Two years: ${show(w.slope)} × score − ${show(-w.twoYearIntercept)}`, value: twoYearLogit },
    },
  };
}

const LEVEL_FIELDS = Object.keys(OVP_LEVEL_ITEMS) as (keyof typeof OVP_LEVEL_ITEMS)[];

/** Checks a raw record (JSON body or CSV row): the cleaned input, or a message per field. */
export function validateOvp(raw: Raw<OvpInput>): Validated<OvpInput> {
  const read = new FieldReader(raw);
  const sex = read.choice('sex', SEXES, 'the sex');
  const dateOfBirth = read.date('dateOfBirth', 'the date of birth');
  const followUpStartDate = read.date('followUpStartDate', 'the date follow-up starts');
  const totalSanctions = read.count('totalSanctions', 'the number of sanctions in total, including the current one', 1);
  const violentSanctions = read.count('violentSanctions', 'the number of violent sanctions');
  if (totalSanctions !== null && violentSanctions !== null && violentSanctions > totalSanctions) {
    read.fail('violentSanctions', `The number of violent sanctions (${violentSanctions}) cannot be more than the number of sanctions in total (${totalSanctions})`);
  }
  if (dateOfBirth && followUpStartDate) {
    if (followUpStartDate < dateOfBirth) {
      read.fail('followUpStartDate', `The date follow-up starts (${followUpStartDate}) is before the date of birth (${dateOfBirth})`);
    } else {
      const age = wholeYearsBetween(dateOfBirth, followUpStartDate);
      if (age < OVP_MINIMUM_AGE) read.fail('followUpStartDate', `The person is ${age} when follow-up starts: OVP only applies from age 18`);
    }
  }
  const recognisesImpactOfOffending = read.yesNo('recognisesImpactOfOffending', 'does the person recognise the impact of their offending on others?');
  const noFixedAbode = read.yesNo('noFixedAbode', 'is the person of no fixed abode or in transient accommodation?');
  const unemployed = read.yesNo('unemployed', 'is the person unemployed?');
  const psychiatricTreatment = read.yesNo('psychiatricTreatment', 'is the person in psychiatric treatment, or is treatment pending?');
  const levels = Object.fromEntries(LEVEL_FIELDS.map((field) => {
    const item = OVP_LEVEL_ITEMS[field];
    return [field, read.level(field, item.label, item.answers)];
  })) as Record<(typeof LEVEL_FIELDS)[number], Level>;
  if (!read.ok) return { ok: false, errors: read.errors };
  return {
    ok: true,
    value: {
      sex: sex!,
      dateOfBirth: dateOfBirth!,
      followUpStartDate: followUpStartDate!,
      totalSanctions: totalSanctions!,
      violentSanctions: violentSanctions!,
      recognisesImpactOfOffending: recognisesImpactOfOffending!,
      noFixedAbode: noFixedAbode!,
      unemployed: unemployed!,
      psychiatricTreatment: psychiatricTreatment!,
      ...levels,
    },
  };
}

/** Validates and scores a raw record: the result with its terms, or a message per field. */
export function scoreOvp(raw: Raw<OvpInput>): Validated<OvpResult> {
  const checked = validateOvp(raw);
  return checked.ok ? { ok: true, value: ovp(checked.value) } : checked;
}

/**
 * OGP, the OASys general predictor, exactly as /work/shared/domain/predictors.md gives it: OGRS3's
 * two-year percentage plus weighted dynamic need items from the assessment, on a logistic curve.
 * Item scores and roundings as in ministryofjustice/hmpps-arns-risk-actuarial-api, which predictors.md
 * names as the source: each item 0/1/2 as OASys records it, roundings half-up.
 */
import {
  FieldReader, bandFor, logistic, percentHalfUp, roundHalfUpRatio, show,
  type BandRange, type Level, type Raw, type RiskBand, type Term, type Validated,
} from './common.ts';

const PROBLEMS = ['no problems', 'some problems', 'significant problems'] as const;

/** The assessment items OGP uses, with the answers OASys scores 0, 1 and 2. */
export const OGP_ITEMS = {
  regularOffendingLifestyle: { label: 'Regular offending lifestyle', answers: PROBLEMS },
  currentDrugMisuse: { label: 'Current drug misuse', answers: PROBLEMS },
  motivationToTackleDrugMisuse: { label: 'Motivation to tackle drug misuse', answers: ['full motivation', 'partial motivation', 'no motivation'] },
  problemSolving: { label: 'Problem-solving skills', answers: PROBLEMS },
  awarenessOfConsequences: { label: 'Awareness of consequences', answers: ['yes', 'sometimes', 'no'] },
  understandsOthersViews: { label: "Understands other people's views", answers: PROBLEMS },
  proCriminalAttitudes: { label: 'Pro-criminal attitudes', answers: PROBLEMS },
} as const satisfies Record<string, { label: string; answers: readonly [string, string, string] }>;

export const OGP_WEIGHTS = {
  /** round(0.6 × OGRS3 two-year %) */
  ogrs3TwoYearPercent: 0.6,
  noFixedAbode: 5,
  unemployed: 5,
  regularOffendingLifestyle: [0, 3, 5],
  /** round((current drug misuse + motivation to tackle it) × 3.75) */
  drugMisuse: 3.75,
  /** round((problem solving + awareness of consequences + understands others' views) × 5/6) */
  thinkingAndBehaviour: { numerator: 5, denominator: 6 },
  proCriminalAttitudes: [0, 3, 5],
  slope: 0.0616,
  oneYearIntercept: -3.6832,
  twoYearIntercept: -3.0795,
} as const;

/** Bands on the two-year percentage. */
export const OGP_BANDS: readonly BandRange[] = [
  { band: 'low', from: 1, to: 33 },
  { band: 'medium', from: 34, to: 66 },
  { band: 'high', from: 67, to: 84 },
  { band: 'very_high', from: 85, to: 99 },
];

export interface OgpInput {
  /** OGRS3's two-year percentage, 1 to 99. */
  ogrs3TwoYearPercent: number;
  /** No fixed abode or transient accommodation. */
  noFixedAbode: boolean;
  unemployed: boolean;
  regularOffendingLifestyle: Level;
  currentDrugMisuse: Level;
  motivationToTackleDrugMisuse: Level;
  problemSolving: Level;
  awarenessOfConsequences: Level;
  understandsOthersViews: Level;
  proCriminalAttitudes: Level;
}

export interface OgpTerms {
  ogrs3: Term;
  noFixedAbode: Term;
  unemployed: Term;
  regularOffendingLifestyle: Term;
  drugMisuse: Term;
  thinkingAndBehaviour: Term;
  proCriminalAttitudes: Term;
  score: Term;
  oneYearLogit: Term;
  twoYearLogit: Term;
}

export interface OgpResult {
  score: number;
  oneYear: number;
  twoYear: number;
  oneYearPercent: number;
  twoYearPercent: number;
  band: RiskBand;
  terms: OgpTerms;
}

export const ogpBand = (twoYearPercent: number): RiskBand => bandFor(OGP_BANDS, twoYearPercent);

/** OGP from checked input. Throws a RangeError for values outside the scale: validate raw input first. */
export function ogp(input: OgpInput): OgpResult {
  const errors = checkValues(input);
  if (errors.length) throw new RangeError(errors.join('; '));
  const answer = (item: keyof typeof OGP_ITEMS) => `${OGP_ITEMS[item].answers[input[item]]} (${input[item]})`;
  const answers = (...items: (keyof typeof OGP_ITEMS)[]) => items.map((item) => OGP_ITEMS[item].answers[input[item]]).join(', ');
  const w = OGP_WEIGHTS;
  const drugItems = input.currentDrugMisuse + input.motivationToTackleDrugMisuse;
  const thinkingItems = input.problemSolving + input.awarenessOfConsequences + input.understandsOthersViews;
  // Integer arithmetic for each round-half-up: 0.6 = 6/10, 3.75 = 15/4, so no floating-point half is ever misread.
  const ogrs3 = roundHalfUpRatio(input.ogrs3TwoYearPercent * 6, 10);
  const noFixedAbode = input.noFixedAbode ? w.noFixedAbode : 0;
  const unemployed = input.unemployed ? w.unemployed : 0;
  const lifestyle = w.regularOffendingLifestyle[input.regularOffendingLifestyle];
  const drugMisuse = roundHalfUpRatio(drugItems * 15, 4);
  const thinking = roundHalfUpRatio(thinkingItems * w.thinkingAndBehaviour.numerator, w.thinkingAndBehaviour.denominator);
  const attitudes = w.proCriminalAttitudes[input.proCriminalAttitudes];
  const score = ogrs3 + noFixedAbode + unemployed + lifestyle + drugMisuse + thinking + attitudes;
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
    band: ogpBand(twoYearPercent),
    terms: {
      ogrs3: { label: `OGRS3 two-year ${input.ogrs3TwoYearPercent}% × 0.6, rounded`, value: ogrs3 },
      noFixedAbode: { label: `No fixed abode or transient accommodation: ${input.noFixedAbode ? 'yes' : 'no'}`, value: noFixedAbode },
      unemployed: { label: `Unemployed: ${input.unemployed ? 'yes' : 'no'}`, value: unemployed },
      regularOffendingLifestyle: {
        label: `${OGP_ITEMS.regularOffendingLifestyle.label}: ${answer('regularOffendingLifestyle')}`,
        value: lifestyle,
      },
      drugMisuse: {
        label: `Drug misuse: (current misuse ${input.currentDrugMisuse} + motivation to tackle it ${input.motivationToTackleDrugMisuse}) × 3.75, rounded; answers: ${answers('currentDrugMisuse', 'motivationToTackleDrugMisuse')}`,
        value: drugMisuse,
      },
      thinkingAndBehaviour: {
        label: `Thinking and behaviour: (problem solving ${input.problemSolving} + awareness of consequences ${input.awarenessOfConsequences} + understands others' views ${input.understandsOthersViews}) × 5/6, rounded; answers: ${answers('problemSolving', 'awarenessOfConsequences', 'understandsOthersViews')}`,
        value: thinking,
      },
      proCriminalAttitudes: { label: `${OGP_ITEMS.proCriminalAttitudes.label}: ${answer('proCriminalAttitudes')}`, value: attitudes },
      score: { label: 'OGP score: the sum of the items above', value: score },
      oneYearLogit: { label: `One year: ${show(w.slope)} × score − ${show(-w.oneYearIntercept)}`, value: oneYearLogit },
      twoYearLogit: { label: `Two years: ${show(w.slope)} × score − ${show(-w.twoYearIntercept)}`, value: twoYearLogit },
    },
  };
}

const LEVEL_FIELDS = Object.keys(OGP_ITEMS) as (keyof typeof OGP_ITEMS)[];

function checkValues(input: OgpInput): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(input.ogrs3TwoYearPercent) || input.ogrs3TwoYearPercent < 1 || input.ogrs3TwoYearPercent > 99) {
    errors.push('ogrs3TwoYearPercent must be a whole number from 1 to 99');
  }
  for (const field of LEVEL_FIELDS) if (![0, 1, 2].includes(input[field])) errors.push(`${field} must be 0, 1 or 2`);
  return errors;
}

/** Checks a raw record (JSON body or CSV row): the cleaned input, or a message per field. */
export function validateOgp(raw: Raw<OgpInput>): Validated<OgpInput> {
  const read = new FieldReader(raw);
  const ogrs3TwoYearPercent = read.count('ogrs3TwoYearPercent', "the OGRS3 two-year percentage", 1);
  if (ogrs3TwoYearPercent !== null && ogrs3TwoYearPercent > 99) {
    read.fail('ogrs3TwoYearPercent', 'The OGRS3 two-year percentage must be from 1 to 99');
  }
  const noFixedAbode = read.yesNo('noFixedAbode', 'is the person of no fixed abode or in transient accommodation?');
  const unemployed = read.yesNo('unemployed', 'is the person unemployed?');
  const levels = Object.fromEntries(LEVEL_FIELDS.map((field) => {
    const item = OGP_ITEMS[field];
    return [field, read.level(field, item.label, item.answers)];
  })) as Record<(typeof LEVEL_FIELDS)[number], Level | null>;
  if (!read.ok) return { ok: false, errors: read.errors };
  return { ok: true, value: { ogrs3TwoYearPercent: ogrs3TwoYearPercent!, noFixedAbode: noFixedAbode!, unemployed: unemployed!, ...(levels as Record<keyof typeof levels, Level>) } };
}

/** Validates and scores a raw record: the result with its terms, or a message per field. */
export function scoreOgp(raw: Raw<OgpInput>): Validated<OgpResult> {
  const checked = validateOgp(raw);
  return checked.ok ? { ok: true, value: ogp(checked.value) } : checked;
}

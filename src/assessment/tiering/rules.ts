/**
 * The management tier (/work/shared/domain/tiering.md): protect level A-D from risk, change level 0-3
 * from needs, e.g. "B2", with an "S" suffix when the person is under no active supervision.
 * These are the two-axis rules of HMPPS's tiering service (ministryofjustice/hmpps-tier). The tables
 * below are the rule: the calculation only reads them, and the pages show them, so the two cannot
 * disagree. Every level comes with its reasons: a sentence per factor naming the value seen and the
 * points it gave. Pure functions, no I/O.
 */

export type Sex = 'male' | 'female';
export type RoshLevel = 'low' | 'medium' | 'high' | 'very_high';
export type MappaLevel = 0 | 1 | 2 | 3;
export type ProtectLevel = 'A' | 'B' | 'C' | 'D';
export type ChangeLevel = 0 | 1 | 2 | 3;

// ---------------------------------------------------------------------------------------------
// Protect level: the points tables
// ---------------------------------------------------------------------------------------------

/**
 * RSR bands, highest first; a score is in the first band it reaches. Written as "at least" so there is
 * no gap between 6.99 and 7.00 (the reference implementation's accidental gap, which tiering.md says
 * not to copy), and no ceiling: HMPPS stops band B at 99.99, we take "7.00 and above" as written.
 */
export const RSR_BANDS: readonly { from: number; points: number; rule: string }[] = [
  { from: 7, points: 20, rule: '7.00 and above' },
  { from: 3, points: 10, rule: '3.00 to below 7.00' },
  { from: 0, points: 0, rule: 'below 3.00' },
];

export const ROSH_LEVELS: readonly { level: RoshLevel; label: string; points: number }[] = [
  { level: 'very_high', label: 'very high', points: 150 },
  { level: 'high', label: 'high', points: 20 },
  { level: 'medium', label: 'medium', points: 10 },
  { level: 'low', label: 'low', points: 0 },
];

export const MAPPA_POINTS: Readonly<Record<MappaLevel, number>> = { 0: 0, 1: 5, 2: 150, 3: 150 };

export const COMPLEXITY_FACTORS = [
  { code: 'mental_health', label: 'mental health issues' },
  { code: 'self_harm', label: 'self-harm or attempted suicide' },
  { code: 'vulnerability', label: 'vulnerability' },
  { code: 'child_concerns', label: 'child concerns' },
  { code: 'child_protection', label: 'child protection' },
  { code: 'risk_to_children', label: 'risk to children' },
  { code: 'public_interest', label: 'public interest case' },
  { code: 'adult_at_risk', label: 'adult at risk' },
  { code: 'street_gangs', label: 'street gangs' },
  { code: 'terrorism', label: 'terrorism' },
] as const;
export type ComplexityFactor = (typeof COMPLEXITY_FACTORS)[number]['code'];
export const COMPLEXITY_POINTS_EACH = 2;

export interface WomenFactors {
  /** Parenting responsibilities scored above 0 in the needs assessment. */
  parenting: boolean;
  /** Impulsivity or temper control (either, or both) scored above 0 in the needs assessment. */
  impulsivityOrTemper: boolean;
  /** A breach or recall on an active conviction in the last 12 months. */
  recentBreachOrRecall: boolean;
}

/** Women only, from the assessment: 1 each, the sum doubled, so 0, 2 or 4 in all. */
export const WOMEN_ASSESSMENT_FACTORS: readonly { key: 'parenting' | 'impulsivityOrTemper'; label: string; points: number }[] = [
  { key: 'parenting', label: 'Parenting responsibilities', points: 1 },
  { key: 'impulsivityOrTemper', label: 'Impulsivity or temper control', points: 1 },
];
export const WOMEN_ASSESSMENT_MULTIPLIER = 2;
/** Women only, from the case record. */
export const WOMEN_BREACH_OR_RECALL = { key: 'recentBreachOrRecall', label: 'Breach or recall in the last 12 months', points: 2 } as const;

/** Levels, highest first: a total is in the first level it reaches. `to` is for showing the rule. */
export const PROTECT_LEVELS: readonly { level: ProtectLevel; from: number; to: number | null }[] = [
  { level: 'A', from: 150, to: null },
  { level: 'B', from: 20, to: 149 },
  { level: 'C', from: 10, to: 19 },
  { level: 'D', from: 0, to: 9 },
];

// ---------------------------------------------------------------------------------------------
// Change level: the points tables
// ---------------------------------------------------------------------------------------------

export const NEED_SECTIONS = [
  { key: 'accommodation', label: 'Accommodation', weight: 1, standard: 2, severe: 7 },
  { key: 'ete', label: 'Education, training and employability', weight: 1, standard: 3, severe: 7 },
  { key: 'relationships', label: 'Relationships', weight: 1, standard: 2, severe: 5 },
  { key: 'lifestyle', label: 'Lifestyle and associates', weight: 1, standard: 2, severe: 5 },
  { key: 'drugs', label: 'Drug misuse', weight: 1, standard: 2, severe: 8 },
  { key: 'alcohol', label: 'Alcohol misuse', weight: 1, standard: 4, severe: 7 },
  { key: 'thinking_behaviour', label: 'Thinking and behaviour', weight: 2, standard: 4, severe: 7 },
  { key: 'attitudes', label: 'Attitudes', weight: 2, standard: 2, severe: 7 },
  // Weight 0: scored in the assessment but never part of the tier, so tiering.md gives no thresholds.
  { key: 'finance', label: 'Financial management and income', weight: 0, standard: null, severe: null },
  { key: 'emotional', label: 'Emotional well-being', weight: 0, standard: null, severe: null },
] as const;
export type NeedSection = (typeof NEED_SECTIONS)[number]['key'];
/** A section's score, or null when the assessment left the section unscored. */
export type NeedScores = Readonly<Record<NeedSection, number | null>>;

/** Severity from a section score, highest first; the severity is the multiplier of the section's weight. */
export const NEED_SEVERITIES: readonly { threshold: 'severe' | 'standard' | null; label: string; severity: number }[] = [
  { threshold: 'severe', label: 'severe need', severity: 2 },
  { threshold: 'standard', label: 'standard need', severity: 1 },
  { threshold: null, label: 'no need', severity: 0 },
];

export const OGRS_DIVISOR = 10;
export const IOM_POINTS = 2;
export const NO_MANDATE_CHANGE_LEVEL: ChangeLevel = 0;
export const NO_ASSESSMENT_CHANGE_LEVEL: ChangeLevel = 2;

export const CHANGE_LEVELS: readonly { level: ChangeLevel; from: number; to: number | null }[] = [
  { level: 3, from: 20, to: null },
  { level: 2, from: 10, to: 19 },
  { level: 1, from: 0, to: 9 },
];

export const UNSUPERVISED_SUFFIX = 'S';

// ---------------------------------------------------------------------------------------------
// Mandate for change
// ---------------------------------------------------------------------------------------------

/** Requirements that never give a mandate, whatever their restrictive flag says (HMPPS: main category W). */
export const NO_MANDATE_REQUIREMENT_TYPES: readonly string[] = ['unpaid_work'];

export interface CurrentSentence {
  custodial: boolean;
  /** `restrictive` as the requirement type records it: curfew, exclusion and the like are restrictive. */
  requirements: readonly { type: string; restrictive: boolean }[];
}

/**
 * Whether the current (not terminated) sentences give a mandate for change: any custodial sentence, or any
 * requirement that is not purely restrictive. Unpaid work alone gives none.
 */
export function hasMandateForChange(current: readonly CurrentSentence[]): boolean {
  return current.some(
    (sentence) => sentence.custodial || sentence.requirements.some((r) => !r.restrictive && !NO_MANDATE_REQUIREMENT_TYPES.includes(r.type)),
  );
}

// ---------------------------------------------------------------------------------------------
// The calculation
// ---------------------------------------------------------------------------------------------

export interface TierInput {
  sex: Sex;
  /** Risk of serious recidivism, as a percentage; null when there is none. */
  rsr: number | null;
  /** Overall RoSH level; null when there is none. */
  rosh: RoshLevel | null;
  /** 0 when the person is not managed under MAPPA. */
  mappaLevel: MappaLevel;
  complexityFactors: readonly ComplexityFactor[];
  /** Counted for women only. */
  womenFactors: WomenFactors;
  mandateForChange: boolean;
  /** Null when there is no needs assessment yet. */
  needs: NeedScores | null;
  /** Whole percentage; null when there is none. */
  ogrs3TwoYearPercent: number | null;
  iomNominal: boolean;
  /** Under no active supervision in the community, e.g. the unsupervised part of a licence. */
  unsupervised: boolean;
}

export interface Level<L> {
  level: L;
  points: number;
  /** The level sentence first, then one sentence per factor. */
  reasons: string[];
}

export interface TierResult {
  tier: string;
  protect: Level<ProtectLevel>;
  change: Level<ChangeLevel>;
}

const pts = (n: number): string => `${n} ${n === 1 ? 'point' : 'points'}`;

const range = (from: number, to: number | null): string => (to === null ? `${from} or more` : from === 0 ? `below ${to + 1}` : `${from} to ${to}`);

/** The first row a total reaches; every table ends at 0 and totals are never negative. */
function levelFor<L>(levels: readonly { level: L; from: number; to: number | null }[], total: number) {
  const row = levels.find((l) => total >= l.from);
  if (!row) throw new RangeError(`No level for ${total} points`);
  return row;
}

export const protectLevelFor = (points: number): ProtectLevel => levelFor(PROTECT_LEVELS, points).level;
/** Only for a case with a mandate for change and a needs assessment: otherwise the level is fixed, not scored. */
export const changeLevelFor = (points: number): ChangeLevel => levelFor(CHANGE_LEVELS, points).level;

export function rsrBand(rsr: number): (typeof RSR_BANDS)[number] {
  const band = RSR_BANDS.find((b) => rsr >= b.from);
  if (!band) throw new RangeError(`No RSR band for ${rsr}%`);
  return band;
}

export function needSeverity(section: (typeof NEED_SECTIONS)[number], score: number): (typeof NEED_SEVERITIES)[number] {
  const row = NEED_SEVERITIES.find((s) => s.threshold === null || (section[s.threshold] !== null && score >= section[s.threshold]!));
  if (!row) throw new RangeError(`No severity for ${section.key} ${score}`);
  return row;
}

export function calculateProtect(input: TierInput): Level<ProtectLevel> {
  const reasons: string[] = [];
  let total = 0;

  // Only the larger of RSR and RoSH counts. On a tie RoSH is the one shown as counted: the total is the same.
  const rsr = input.rsr === null ? null : rsrBand(input.rsr);
  const rosh = input.rosh === null ? null : ROSH_LEVELS.find((r) => r.level === input.rosh)!;
  const rsrPoints = rsr?.points ?? 0;
  const roshPoints = rosh?.points ?? 0;
  const rsrCounts = rsrPoints > roshPoints;
  const notCounted = ', not counted: only the larger of RSR and RoSH counts';
  total += Math.max(rsrPoints, roshPoints);
  reasons.push(
    rsr === null
      ? 'No RSR score: 0 points'
      : `RSR ${input.rsr}%: ${pts(rsrPoints)} (${rsr.rule})${!rsrCounts && rsrPoints > 0 ? notCounted : ''}`,
    rosh ? `RoSH ${rosh.label}: ${pts(roshPoints)}${rsrCounts && roshPoints > 0 ? notCounted : ''}` : 'No RoSH level: 0 points',
  );

  const mappa = MAPPA_POINTS[input.mappaLevel];
  total += mappa;
  reasons.push(input.mappaLevel === 0 ? 'No MAPPA level: 0 points' : `MAPPA level ${input.mappaLevel}: ${pts(mappa)}`);

  // Each distinct flag once: a flag registered twice is still one factor.
  const present = COMPLEXITY_FACTORS.filter((f) => input.complexityFactors.includes(f.code));
  for (const factor of present) reasons.push(`Complexity factor ${factor.label}: ${pts(COMPLEXITY_POINTS_EACH)}`);
  if (!present.length) reasons.push('No complexity factors: 0 points');
  total += present.length * COMPLEXITY_POINTS_EACH;

  const women = input.womenFactors;
  const anyWomenFactor = women.parenting || women.impulsivityOrTemper || women.recentBreachOrRecall;
  if (input.sex === 'female') {
    // The assessment factors are 1 each, the sum doubled: shown per factor as 1 doubled, which adds up the same.
    for (const factor of WOMEN_ASSESSMENT_FACTORS) {
      if (!women[factor.key]) continue;
      const points = factor.points * WOMEN_ASSESSMENT_MULTIPLIER;
      total += points;
      reasons.push(`${factor.label} (women only): ${pts(points)} (${factor.points} doubled)`);
    }
    if (women.recentBreachOrRecall) {
      total += WOMEN_BREACH_OR_RECALL.points;
      reasons.push(`${WOMEN_BREACH_OR_RECALL.label} (women only): ${pts(WOMEN_BREACH_OR_RECALL.points)}`);
    }
    if (!anyWomenFactor) reasons.push('No additional factors for women: 0 points');
  } else if (anyWomenFactor) {
    reasons.push('Additional factors for women do not apply to men: 0 points');
  }

  const level = levelFor(PROTECT_LEVELS, total);
  reasons.unshift(`Protect ${level.level}: ${pts(total)} (${level.level} is ${range(level.from, level.to)})`);
  return { level: level.level, points: total, reasons };
}

export function calculateChange(input: TierInput): Level<ChangeLevel> {
  if (!input.mandateForChange) {
    return {
      level: NO_MANDATE_CHANGE_LEVEL,
      points: 0,
      reasons: [`Change ${NO_MANDATE_CHANGE_LEVEL}: no mandate for change (no current custodial sentence, and no requirement that is not purely restrictive)`],
    };
  }
  if (input.needs === null) {
    return { level: NO_ASSESSMENT_CHANGE_LEVEL, points: 0, reasons: [`Change ${NO_ASSESSMENT_CHANGE_LEVEL}: no needs assessment yet`] };
  }

  const reasons: string[] = [];
  let total = 0;
  for (const section of NEED_SECTIONS) {
    const score = input.needs[section.key];
    if (score === null) {
      reasons.push(`${section.label} not scored: 0 points`);
      continue;
    }
    if (section.weight === 0) {
      reasons.push(`${section.label} ${score}: 0 points (weight 0)`);
      continue;
    }
    const severity = needSeverity(section, score);
    const points = section.weight * severity.severity;
    total += points;
    reasons.push(`${section.label} ${score}, ${severity.label}: ${pts(points)} (weight ${section.weight} × ${severity.severity})`);
  }

  if (input.ogrs3TwoYearPercent === null) reasons.push('No OGRS3 score: 0 points');
  else {
    const points = Math.floor(input.ogrs3TwoYearPercent / OGRS_DIVISOR);
    total += points;
    reasons.push(`OGRS3 two-year ${input.ogrs3TwoYearPercent}%: ${pts(points)} (${input.ogrs3TwoYearPercent} ÷ ${OGRS_DIVISOR}, rounded down)`);
  }

  if (input.iomNominal) total += IOM_POINTS;
  reasons.push(input.iomNominal ? `Integrated Offender Management nominal: ${pts(IOM_POINTS)}` : 'Not an Integrated Offender Management nominal: 0 points');

  const level = levelFor(CHANGE_LEVELS, total);
  reasons.unshift(`Change ${level.level}: ${pts(total)} (${level.level} is ${range(level.from, level.to)})`);
  return { level: level.level, points: total, reasons };
}

/** The tier with the points and reasons behind both levels. */
export function calculateTier(input: TierInput): TierResult {
  const protect = calculateProtect(input);
  const change = calculateChange(input);
  return { tier: `${protect.level}${change.level}${input.unsupervised ? UNSUPERVISED_SUFFIX : ''}`, protect, change };
}

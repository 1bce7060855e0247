import {
  COMPLEXITY_FACTORS, NEED_SECTIONS, ROSH_LEVELS,
  type ComplexityFactor, type MappaLevel, type NeedScores, type RoshLevel, type Sex, type TierInput, type WomenFactors,
} from './rules.ts';

/** Same shapes as the people forms: every field's problem at once, keyed by field name. */
export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const FIELDS = [
  'sex', 'rsr', 'rosh', 'mappaLevel', 'complexityFactors', 'womenFactors', 'mandateForChange', 'needs',
  'ogrs3TwoYearPercent', 'iomNominal', 'unsupervised',
] as const;
const WOMEN_FIELDS = ['parenting', 'impulsivityOrTemper', 'recentBreachOrRecall'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const has = (object: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');
const orList = (values: readonly string[]): string => `${quoted(values.slice(0, -1))} or "${values[values.length - 1]}"`;

/**
 * Strict validation of the JSON body of POST /api/v1/tiers/calculate. JSON types only (a number is a
 * number, not "7"), because a tier worked out from a misread input is worse than a refusal. Every input
 * must be present, with null where "none" is allowed, so nothing is silently taken as zero or false;
 * only `womenFactors` may be left out, and only for men, to whom it does not apply.
 */
export function validateTierInput(json: unknown): Validated<TierInput> {
  if (!isObject(json)) return { ok: false, errors: { body: 'Send the tier inputs as a JSON object' } };
  const errors: FieldErrors = {};

  for (const key of Object.keys(json)) {
    if (!(FIELDS as readonly string[]).includes(key)) errors[key] = `"${key}" is not a tier input: check the spelling`;
  }

  const boolean = (object: Record<string, unknown>, field: string, key: string, message: string): boolean => {
    const value = object[key];
    if (typeof value === 'boolean') return value;
    errors[field] = message;
    return false;
  };
  /** A number in [min, max], or null; absent is an error so "none" is always said, never assumed. */
  const numberOrNull = (object: Record<string, unknown>, field: string, key: string, whole: boolean, min: number, max: number, message: string): number | null => {
    const value = object[key];
    if (value === null && has(object, key)) return null;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value))) return value;
    errors[field] = message;
    return null;
  };

  const sexes: readonly Sex[] = ['male', 'female'];
  const sex = sexes.find((s) => s === json.sex);
  if (!sex) errors.sex = `Enter the sex registered at birth: ${orList(sexes)}`;

  const rsr = numberOrNull(json, 'rsr', 'rsr', false, 0, 100, 'Enter the RSR score as a percentage from 0 to 100, or null if there is none');

  const roshCodes = ROSH_LEVELS.map((r) => r.level).reverse(); // lowest first, as a person lists them
  let rosh: RoshLevel | null = null;
  if (json.rosh !== null || !has(json, 'rosh')) {
    const found = roshCodes.find((code) => code === json.rosh);
    if (found) rosh = found;
    else errors.rosh = `Enter the overall RoSH level: ${orList(roshCodes)}, or null if there is none`;
  }

  const mappa = json.mappaLevel;
  const mappaLevel = mappa === 0 || mappa === 1 || mappa === 2 || mappa === 3 ? (mappa as MappaLevel) : 0;
  if (mappaLevel !== mappa) errors.mappaLevel = 'Enter the MAPPA level as a whole number from 0 (not managed under MAPPA) to 3';

  const codes = COMPLEXITY_FACTORS.map((f) => f.code);
  const complexityFactors: ComplexityFactor[] = [];
  if (!Array.isArray(json.complexityFactors)) {
    errors.complexityFactors = 'Enter the complexity factors as a list of codes, or an empty list if there are none';
  } else {
    const unknown: string[] = [];
    for (const item of json.complexityFactors as unknown[]) {
      const code = codes.find((c) => c === item);
      if (code) complexityFactors.push(code);
      else unknown.push(typeof item === 'string' ? `"${item}"` : JSON.stringify(item));
    }
    if (unknown.length) {
      errors.complexityFactors = `${unknown.length === 1 ? 'Unknown complexity factor' : 'Unknown complexity factors'} ${unknown.join(', ')}: use ${quoted(codes)}`;
    }
  }

  const mandateForChange = boolean(json, 'mandateForChange', 'mandateForChange', 'Say whether there is a mandate for change: true or false');

  let needs: NeedScores | null = null;
  if (json.needs === null && has(json, 'needs')) needs = null;
  else if (!isObject(json.needs)) errors.needs = 'Enter the needs section scores, or null if there is no needs assessment yet';
  else {
    const raw = json.needs;
    const scores = {} as Record<string, number | null>;
    for (const section of NEED_SECTIONS) {
      scores[section.key] = numberOrNull(
        raw, `needs.${section.key}`, section.key, true, 0, Number.MAX_SAFE_INTEGER,
        `Enter the ${section.label.toLowerCase()} score as a whole number, 0 or more, or null if the section is not scored`,
      );
    }
    const keys = NEED_SECTIONS.map((s) => s.key as string);
    for (const key of Object.keys(raw)) {
      if (!keys.includes(key)) errors[`needs.${key}`] = `"${key}" is not a needs section: use ${quoted(keys)}`;
    }
    needs = scores as NeedScores;
  }

  // Women's factors: required for women (a missing one would quietly lower the level), optional for men.
  const womenFactors: WomenFactors = { parenting: false, impulsivityOrTemper: false, recentBreachOrRecall: false };
  const women = json.womenFactors;
  if (isObject(women)) {
    const questions: Record<(typeof WOMEN_FIELDS)[number], string> = {
      parenting: 'Say whether parenting responsibilities scored above 0 in the needs assessment: true or false',
      impulsivityOrTemper: 'Say whether impulsivity or temper control scored above 0 in the needs assessment: true or false',
      recentBreachOrRecall: 'Say whether there was a breach or recall on an active conviction in the last 12 months: true or false',
    };
    for (const key of WOMEN_FIELDS) womenFactors[key] = boolean(women, `womenFactors.${key}`, key, questions[key]);
    for (const key of Object.keys(women)) {
      if (!(WOMEN_FIELDS as readonly string[]).includes(key)) errors[`womenFactors.${key}`] = `"${key}" is not an additional factor for women: use ${quoted(WOMEN_FIELDS)}`;
    }
    // These two are answers in the needs assessment: without one they cannot have been scored (HMPPS counts them only from an assessment).
    if (needs === null && !errors.needs) {
      if (womenFactors.parenting) errors['womenFactors.parenting'] = 'Parenting responsibilities come from the needs assessment: with no assessment, this must be false';
      if (womenFactors.impulsivityOrTemper) errors['womenFactors.impulsivityOrTemper'] = 'Impulsivity and temper control come from the needs assessment: with no assessment, this must be false';
    }
  } else if (sex === 'female' || (women !== undefined && women !== null)) {
    errors.womenFactors = `Enter the additional factors for women: ${quoted(WOMEN_FIELDS)}, each true or false`;
  }

  const ogrs3TwoYearPercent = numberOrNull(
    json, 'ogrs3TwoYearPercent', 'ogrs3TwoYearPercent', true, 0, 100,
    'Enter the OGRS3 two-year score as a whole percentage from 0 to 100, or null if there is none',
  );
  const iomNominal = boolean(json, 'iomNominal', 'iomNominal', 'Say whether the person is an Integrated Offender Management nominal: true or false');
  const unsupervised = boolean(json, 'unsupervised', 'unsupervised', 'Say whether the person is under no active supervision in the community: true or false');

  if (Object.keys(errors).length || !sex) return { ok: false, errors };
  return {
    ok: true,
    value: { sex, rsr, rosh, mappaLevel, complexityFactors, womenFactors, mandateForChange, needs, ogrs3TwoYearPercent, iomNominal, unsupervised },
  };
}

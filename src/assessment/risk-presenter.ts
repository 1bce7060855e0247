/**
 * What the "Risk and tier" page shows: the tier with the points behind both levels and where each input
 * came from, and each predictor with every term of its formula. Pure, so it is tested without a database.
 */
import { formatDate, formatDateTime } from '../platform/views/render.ts';
import { OGP_WEIGHTS } from './predictors/ogp.ts';
import { OGRS3_CONSTANTS } from './predictors/ogrs3.ts';
import { OVP_WEIGHTS } from './predictors/ovp.ts';
import { show, type Term } from './predictors/common.ts';
import type { Missing } from './scores/inputs.ts';
import type { Predictor } from './scores/repository.ts';
import type { TierResult } from './tiering/rules.ts';

const c = OGRS3_CONSTANTS;
export const PREDICTOR_INFO: Record<Predictor, { name: string; title: string; formula: string[] }> = {
  ogrs3: {
    name: 'OGRS3',
    title: 'Offender Group Reconviction Scale (version 3): proven reoffending from static factors',
    formula: [
      `S = age and sex term + sanction history term + ${c.copasWeight} × ln(total sanctions ÷ (${c.copasYearsOffset} + years from first to current sanction)) + offence term`,
      `one year = 1 ÷ (1 + e^−(${c.oneYearIntercept} + S)); two years = 1 ÷ (1 + e^−(${c.twoYearIntercept} + S))`,
      'Source: Howard, Francis, Soothill and Humphreys (2009), Ministry of Justice Research Summary 7/09.',
    ],
  },
  ogp: {
    name: 'OGP',
    title: 'OASys General reoffending Predictor: OGRS3 plus dynamic needs',
    formula: [
      'score = round(0.6 × OGRS3 two-year %) + no fixed abode 5 + unemployed 5 + offending lifestyle 0/3/5 + round((drug misuse + motivation) × 3.75) + round((problem solving + awareness of consequences + understands others\' views) × 5/6) + pro-criminal attitudes 0/3/5',
      `one year = logistic(${OGP_WEIGHTS.slope} × score ${OGP_WEIGHTS.oneYearIntercept}); two years = logistic(${OGP_WEIGHTS.slope} × score ${OGP_WEIGHTS.twoYearIntercept})`,
    ],
  },
  ovp: {
    name: 'OVP',
    title: 'OASys Violence Predictor: violent reoffending',
    formula: [
      'score = sanctions + violent sanctions + non-violent sanctions + age + male + does not recognise impact + no fixed abode + unemployed + alcohol + psychiatric treatment + temper control + pro-criminal attitudes (weights from the HMPPS actuarial source)',
      `one year = logistic(${OVP_WEIGHTS.slope} × score ${OVP_WEIGHTS.oneYearIntercept}); two years = logistic(${OVP_WEIGHTS.slope} × score ${OVP_WEIGHTS.twoYearIntercept})`,
    ],
  },
};

export const BAND_TAGS: Record<string, { text: string; classes: string }> = {
  low: { text: 'Low', classes: 'govuk-tag--green' },
  medium: { text: 'Medium', classes: 'govuk-tag--yellow' },
  high: { text: 'High', classes: 'govuk-tag--orange' },
  very_high: { text: 'Very high', classes: 'govuk-tag--red' },
};

const INPUT_LABELS: Record<string, string> = {
  sex: 'Sex', dateOfBirth: 'Date of birth', followUpStartDate: 'Start of follow-up', currentConvictionDate: 'Current conviction date',
  firstSanctionDate: 'First sanction date', previousSanctions: 'Previous sanctions', offenceCategory: 'Offence category',
  currentSanction: 'Current sanction', previousConvictions: 'Previous convictions', ogrs3TwoYearPercent: 'OGRS3 two-year %',
  totalSanctions: 'Total sanctions', violentSanctions: 'Violent sanctions',
};

const display = (value: unknown): string => {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return String(value);
};

const WHERE: Record<Missing['where'], { text: string; path: string }> = {
  sentence: { text: 'Record the conviction and sentence', path: 'events/new' },
  history: { text: 'Record the criminal history', path: 'risk/history' },
  needs: { text: 'Complete a needs assessment', path: 'needs' },
};

export interface StoredScore {
  predictor: Predictor; score: number | null; one_year: number; two_year: number; one_year_percent: number; two_year_percent: number; band: string;
  inputs: Record<string, unknown>; sources: Record<string, string>; terms: Record<string, unknown>; reason: string; calculated_at: Date | string;
  calculated_by_name: string | null;
}

export function presentScore(predictor: Predictor, row: StoredScore | undefined, missing: Missing[], crn: string) {
  const info = PREDICTOR_INFO[predictor];
  if (!row) {
    const seen = new Set<string>();
    const actions = missing.map((m) => WHERE[m.where]).filter((w) => !seen.has(w.path) && seen.add(w.path)).map((w) => ({ text: w.text, href: `/people/${crn}/${w.path}` }));
    return { predictor, ...info, available: false as const, missing: missing.map((m) => m.label), actions };
  }
  const terms = Object.entries(row.terms).map(([key, term]) => {
    const t = term as Term;
    return { key, label: t.label, value: show(t.value), code: t.code ?? '' };
  });
  return {
    predictor, ...info, available: true as const,
    score: row.score, oneYearPercent: row.one_year_percent, twoYearPercent: row.two_year_percent,
    oneYear: row.one_year.toFixed(6), twoYear: row.two_year.toFixed(6),
    band: BAND_TAGS[row.band] ?? { text: row.band, classes: 'govuk-tag--grey' },
    calculated: `${formatDateTime(row.calculated_at)}${row.calculated_by_name ? ` by ${row.calculated_by_name}` : ''}, after: ${row.reason}`,
    terms,
    inputs: Object.entries(row.inputs).map(([key, value]) => ({ label: INPUT_LABELS[key] ?? key, value: display(value), source: row.sources[key] ?? '' })),
    // A score kept from before an input went missing is still shown, but flagged as not current.
    stale: missing.length > 0,
    missing: missing.map((m) => m.label),
  };
}

const TIER_INPUT_LABELS: Record<string, string> = {
  sex: 'Sex', rsr: 'RSR', rosh: 'RoSH', mappaLevel: 'MAPPA level', complexityFactors: 'Complexity factors', womenFactors: 'Additional factors for women',
  mandateForChange: 'Mandate for change', needs: 'Needs section scores', ogrs3TwoYearPercent: 'OGRS3 two-year %', iomNominal: 'IOM nominal', unsupervised: 'Unsupervised',
};
const ROSH_TEXT: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };

function tierInputValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (key === 'rosh') return ROSH_TEXT[String(value)] ?? String(value);
  if (Array.isArray(value)) return value.length ? value.join(', ').replaceAll('_', ' ') : 'None';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k.replaceAll('_', ' ')}: ${v === null ? 'not scored' : display(v)}`).join('; ');
  }
  return display(value);
}

export interface StoredTier {
  tier: string; result: Record<string, unknown>; inputs: Record<string, unknown>; sources: Record<string, string>;
  reason: string; calculated_at: Date | string; calculated_by_name: string | null; previous_tier: string | null; changed: boolean;
}

export function presentTier(row: StoredTier | undefined) {
  if (!row) return null;
  const result = row.result as unknown as TierResult;
  return {
    tier: row.tier,
    protect: result.protect,
    change: result.change,
    calculated: `${formatDateTime(row.calculated_at)}${row.calculated_by_name ? ` by ${row.calculated_by_name}` : ''}, after: ${row.reason}`,
    inputs: Object.entries(row.inputs).map(([key, value]) => ({ label: TIER_INPUT_LABELS[key] ?? key, value: tierInputValue(key, value), source: row.sources[key] ?? '' })),
  };
}

export function presentTierHistory(rows: StoredTier[]) {
  return rows.map((row) => ({
    when: formatDateTime(row.calculated_at),
    tier: row.tier,
    change: row.previous_tier === null ? 'First calculation' : row.changed ? `Changed from ${row.previous_tier}` : 'No change (inputs changed)',
    reason: row.reason,
    by: row.calculated_by_name ?? 'The service',
  }));
}

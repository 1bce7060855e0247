/** Workload rules (HMPPS workload measurement): pure, weights passed in as data. See docs/workload.md. */
import type { CaseToWeigh } from './service.ts';

export interface Weights {
  /** case_type ('community' | 'custody' | 'licence' | 'young_adult') -> tier ('B2') -> points */
  cases: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** task ('standard_report', 'fast_report', 'parole_report', ...) -> points */
  tasks: ReadonlyMap<string, number>;
}
export interface Period { starts_on: string; ends_on: string | null }
export interface Reduction extends Period {
  hours: number;
  reason: string;
  /** A reduction_reasons code ('protected_caseload', 'trade_union', ...); null on rows recorded before the codes. */
  reason_code?: string | null;
}

const TIER = /^([A-D][0-3])(S?)$/;

export function isValidTier(tier: string): boolean { return TIER.test(tier); }

/** Points of one case; unsupervised (S suffix) cases weigh 0. Throws on an unknown tier. */
export function casePoints(weights: Weights, c: CaseToWeigh): number {
  const match = TIER.exec(c.tier);
  if (!match) throw new RangeError(`Unknown tier ${c.tier}`);
  if (match[2] === 'S') return 0;
  const row = weights.cases.get(c.youngAdult ? 'young_adult' : c.caseType);
  const points = row?.get(match[1]!);
  if (points === undefined) throw new RangeError(`No weight for ${c.caseType} ${c.tier}`);
  return points;
}

export function taskPoints(weights: Weights, task: string, count = 1): number {
  return (weights.tasks.get(task) ?? 0) * count;
}

/** Active on `today` (inclusive dates; an open end never ends). */
export function isActive(period: Period, today: string): boolean {
  return period.starts_on <= today && (period.ends_on === null || period.ends_on >= today);
}

/** Contracted hours less the hours of reductions active today; never below 0. */
export function availableHours(contractedHours: number, reductions: readonly Reduction[], today: string): number {
  const reduced = reductions.filter((r) => isActive(r, today)).reduce((sum, r) => sum + r.hours, 0);
  return Math.max(0, contractedHours - reduced);
}

/** floor(target × available hours ÷ full-time hours). */
export function availablePoints(target: number, hours: number, fullTimeHours = 37): number {
  if (fullTimeHours <= 0) return 0;
  return Math.floor((target * hours) / fullTimeHours + 1e-9);
}

/** Points used over points available, as a percentage to one decimal; 0 when either is 0 (allocation's ranking uses it too). */
export function capacityPercent(totalPoints: number, available: number): number {
  if (totalPoints <= 0 || available <= 0) return 0;
  return Math.round((totalPoints / available) * 1000) / 10;
}

/** "will increase their workload from 87.0% to 93.2%" */
export function changeSentence(before: number, after: number): string {
  const verb = after > before ? 'increase' : after < before ? 'decrease' : 'keep';
  return verb === 'keep'
    ? `will keep their workload at ${before.toFixed(1)}%`
    : `will ${verb} their workload from ${before.toFixed(1)}% to ${after.toFixed(1)}%`;
}

/** First year after qualifying: a protected caseload. */
export function isNewlyQualified(qualifiedOn: string | null, today: string): boolean {
  if (!qualifiedOn || qualifiedOn > today) return false;
  const [y, m, d] = qualifiedOn.split('-');
  return `${Number(y) + 1}-${m}-${d}` > today;
}

/** Young adult (transition to adulthood): aged 18 to 24 on `today`. */
export function isYoungAdult(dateOfBirth: string | null, today: string): boolean {
  if (!dateOfBirth) return false;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return age >= 18 && age <= 24;
}

/** The absence covering `today`, if any. */
export function absenceOn<T extends Period>(absences: readonly T[], today: string): T | null {
  return absences.find((a) => isActive(a, today)) ?? null;
}

// ---- Capacity with absences, reductions and protected caseloads (issue 6 item 2) ----

/** The policy settings the capacity rules read (workload_settings: ours, not HMPPS figures). */
export interface Settings { absenceWindowDays: number; protectedCaseloadPercent: number; custodyArrivalDays: number }

const DAY = 86_400_000;
const toTime = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const toIso = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Monday-to-Friday dates in the `days` days from `from` (inclusive). */
export function workingDays(from: string, days: number): string[] {
  const start = toTime(from);
  const result: string[] = [];
  for (let i = 0; i < days; i++) {
    const weekday = new Date(start + i * DAY).getUTCDay();
    if (weekday !== 0 && weekday !== 6) result.push(toIso(start + i * DAY));
  }
  return result;
}

/** Working days in the window from today, and how many of them an absence covers. */
export function absenceShare(absences: readonly Period[], today: string, windowDays: number): { workingDays: number; absentDays: number } {
  const days = workingDays(today, windowDays);
  const absentDays = days.filter((d) => absences.some((a) => isActive(a, d))).length;
  return { workingDays: days.length, absentDays };
}

/** A reduction already recorded for a protected caseload (so the setting is not applied twice). */
export function hasProtectedCaseloadReduction(reductions: readonly Reduction[], today: string): boolean {
  return reductions.some((r) => isActive(r, today)
    && (r.reason_code ? r.reason_code === 'protected_caseload' : /protected caseload/i.test(r.reason)));
}

/** Released on licence within the window (release day counts as day 0). */
export function isArrivalFromCustody(releaseOn: string | null, today: string, windowDays: number): boolean {
  if (!releaseOn || releaseOn > today) return false;
  return (toTime(today) - toTime(releaseOn)) / DAY < windowDays;
}

/** An accredited programme requirement is being delivered between its start and end, unless it ended. */
export function isProgrammeBeingDelivered(r: { expected_start_on: string; expected_end_on: string; ended_on: string | null }, today: string): boolean {
  return r.ended_on === null && r.expected_start_on <= today && r.expected_end_on >= today;
}

export type CapacityStatus = 'over' | 'near' | 'under';
/** Over capacity above 100%; near from 90% to 100%; under below 90%. */
export function capacityStatus(percent: number): CapacityStatus {
  return percent > 100 ? 'over' : percent >= 90 ? 'near' : 'under';
}

export interface CapacityInput {
  target: number;
  fullTimeHours: number;
  contractedHours: number;
  reductions: readonly Reduction[];
  absences: readonly Period[];
  qualifiedOn: string | null;
  totalPoints: number;
  settings: Settings;
  today: string;
}

export interface CapacityExplanation {
  contractedHours: number;
  reductionHours: number;
  availableHours: number;
  workingDays: number;
  absentDays: number;
  /** The protected caseload percentage applied, or null (not newly qualified, or a reduction already protects them). */
  protectedPercent: number | null;
  protectedByReduction: boolean;
  availablePoints: number;
  totalPoints: number;
  capacityPercent: number;
  /** "floor(2,176 × 29.5 ÷ 37) = 1,734 points available" */
  pointsFormula: string;
  /** "1,512 ÷ 1,734 = 87.2%" */
  capacityFormula: string;
}

const n = (value: number) => value.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/**
 * Points available = floor(target × available hours ÷ full-time hours × present days ÷ working days × protected %):
 * hours less active reductions; scaled by the working days in the absence window not covered by an absence;
 * and, in the first year after qualifying, the protected caseload percentage (not when a reduction already protects).
 */
export function explainCapacity(input: CapacityInput): CapacityExplanation {
  const { today, settings } = input;
  const hours = availableHours(input.contractedHours, input.reductions, today);
  const reductionHours = input.reductions.filter((r) => isActive(r, today)).reduce((sum, r) => sum + r.hours, 0);
  const { workingDays: working, absentDays } = absenceShare(input.absences, today, settings.absenceWindowDays);
  const protectedByReduction = hasProtectedCaseloadReduction(input.reductions, today);
  const protectedPercent = isNewlyQualified(input.qualifiedOn, today) && !protectedByReduction ? settings.protectedCaseloadPercent : null;
  const present = working === 0 ? 1 : (working - absentDays) / working;
  const available = input.fullTimeHours <= 0 ? 0
    : Math.floor((input.target * hours / input.fullTimeHours) * present * (protectedPercent ?? 100) / 100 + 1e-9);
  const terms = [`${n(input.target)} × ${n(hours)} ÷ ${n(input.fullTimeHours)}`];
  if (absentDays > 0) terms.push(`${working - absentDays} ÷ ${working}`);
  if (protectedPercent !== null) terms.push(`${protectedPercent}%`);
  const percent = capacityPercent(input.totalPoints, available);
  return {
    contractedHours: input.contractedHours, reductionHours, availableHours: hours, workingDays: working, absentDays,
    protectedPercent, protectedByReduction, availablePoints: available, totalPoints: input.totalPoints, capacityPercent: percent,
    pointsFormula: `floor(${terms.join(' × ')}) = ${n(available)} points available`,
    capacityFormula: available === 0 ? `No points available: capacity is shown as 0%`
      : `${n(input.totalPoints)} ÷ ${n(available)} = ${percent.toFixed(1)}%`,
  };
}

/** Workload rules (HMPPS workload measurement): pure, weights passed in as data. See docs/workload.md. */
import type { CaseToWeigh } from './service.ts';

export interface Weights {
  /** case_type ('community' | 'custody' | 'licence' | 'young_adult') -> tier ('B2') -> points */
  cases: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** task ('standard_report', 'fast_report', 'parole_report', ...) -> points */
  tasks: ReadonlyMap<string, number>;
}
export interface Period { starts_on: string; ends_on: string | null }
export interface Reduction extends Period { hours: number; reason: string }

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

/** Points used over points available, as a percentage to one decimal; 0 when either is 0. */
export function capacityPercent(totalPoints: number, available: number): number {
  if (totalPoints === 0 || available === 0) return 0;
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

/**
 * Ranks the practitioners who could take a new case, with the reasons for each place. Pure: the
 * caller gathers the case, the candidates (capacity from workload's capacityOf) and the grade rules.
 *
 * Score (higher is better), each part shown as a reason:
 *   capacity headroom after the case (100 − capacity after %; a further −50 if over 100%),
 *   +30 supervised this person before, +25 wrote the pre-sentence report,
 *   +15 per needed specialism held, +10 same PDU as the case, +10 based at an office in the postcode
 *   district of the person's home (the outward code: NE6),
 *   −20 protected caseload (newly qualified), −60 absent today.
 * Ineligible (listed with why, never ranked): grade not allowed for the RoSH level or the tier's
 * protect level (rules are data: allocation_grade_rules, tier_grade_rules), excluded from the
 * case by its access list, or no points available at all (every contracted hour reduced).
 * Tie-breaks, in order: lower capacity after, fewer allocations in the last 7 days, name, user id.
 */
import { capacityPercent } from '../workload/rules.ts';
import type { RoshLevel } from './tables.ts';

export interface GradeRule { grades: readonly string[]; explanation: string }

export interface CaseForAllocation {
  roshLevel: RoshLevel | null;
  /** The tier's protect level letter (A-D), or null before a tier is calculated. */
  protectLevel: string | null;
  sex: string | null;
  domesticAbuse: boolean;
  sexualOffending: boolean;
  previousPractitioners: readonly { userId: number; from: string; to: string | null }[];
  psrAuthorId: number | null;
  pduId: number | null;
  /** The postcode of the person's main address (none for no fixed abode). */
  postcode?: string | null;
}

export interface Candidate {
  userId: number;
  name: string;
  grade: string | null;
  totalPoints: number;
  availablePoints: number;
  capacityPercent: number;
  /** The points this case adds (pointsForCase). */
  pointsAdded: number;
  absentUntil: string | null;
  protectedCaseload: boolean;
  specialisms: readonly string[];
  pduId: number | null;
  /** The practitioner's base office and its postcode. */
  office?: { name: string; postcode: string | null } | null;
  recentAllocations: number;
  excludedByAccessList: boolean;
}

export interface RankedCandidate {
  userId: number;
  name: string;
  score: number;
  capacityBefore: number;
  capacityAfter: number;
  overCapacity: boolean;
  recentAllocations: number;
  reasons: string[];
}
export interface IneligibleCandidate { userId: number; name: string; reasons: string[] }
export interface Ranking {
  recommendedUserId: number | null;
  eligible: RankedCandidate[];
  ineligible: IneligibleCandidate[];
}

export interface RankingRules {
  byRosh: Partial<Record<RoshLevel, GradeRule>>;
  byProtectLevel: Readonly<Record<string, GradeRule>>;
}

const SPECIALISM_NAMES: Record<string, string> = {
  domestic_abuse: 'Domestic abuse',
  women: 'Women',
  sexual_offending: 'Sexual offending',
  public_protection: 'Public protection',
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The outward code of a UK postcode ("NE6 1DL" → "NE6"), or null. */
export function postcodeDistrict(postcode: string | null | undefined): string | null {
  const match = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*[0-9][A-Z]{2}$/.exec((postcode ?? '').trim().toUpperCase());
  return match ? match[1]! : null;
}

export const normaliseSpecialism = (s: string) => s.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Specialisms a case calls for, from its flags, sex and risk. */
export function neededSpecialisms(c: CaseForAllocation): string[] {
  const needed: string[] = [];
  if (c.domesticAbuse) needed.push('domestic_abuse');
  if (c.sex !== null && ['female', 'f'].includes(c.sex.toLowerCase())) needed.push('women');
  if (c.sexualOffending) needed.push('sexual_offending');
  if (c.roshLevel === 'high' || c.roshLevel === 'very_high') needed.push('public_protection');
  return needed;
}

/** Capacity % as workload defines it (one rule, workload's): one decimal, 0 when either side is 0. */
export { capacityPercent };

export function formatDay(iso: string, today: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const sameYear = today.slice(0, 4) === iso.slice(0, 4);
  return `${d} ${MONTHS[m - 1]}${sameYear ? '' : ` ${y}`}`;
}

const ROSH_NAMES: Record<RoshLevel, string> = { low: 'low', medium: 'medium', high: 'high', very_high: 'very high' };
const GRADE_NAMES: Record<string, string> = { PO: 'Qualified PO', SPO: 'Senior PO', PSO: 'PSO', PQiP: 'PQiP' };
const pct = (n: number) => `${n.toFixed(1)}%`;

export function rankCandidates(c: CaseForAllocation, candidates: readonly Candidate[], rules: RankingRules, today: string): Ranking {
  const eligible: RankedCandidate[] = [];
  const ineligible: IneligibleCandidate[] = [];
  const roshRule = c.roshLevel ? rules.byRosh[c.roshLevel] : undefined;
  const tierRule = c.protectLevel ? rules.byProtectLevel[c.protectLevel] : undefined;
  const needed = neededSpecialisms(c);

  for (const p of candidates) {
    const why: string[] = [];
    const grade = p.grade ?? '';
    if (roshRule && !roshRule.grades.includes(grade)) why.push(`${p.grade ?? 'No grade'}: ${roshRule.explanation}`);
    if (tierRule && !tierRule.grades.includes(grade)) why.push(`${p.grade ?? 'No grade'}: ${tierRule.explanation}`);
    if (p.excludedByAccessList) why.push('Excluded from this case by its access list');
    // Capacity % is 0 when nothing is available, which would look like an empty caseload.
    if (p.availablePoints <= 0) why.push('No points available: their hours are all reduced');
    if (why.length > 0) { ineligible.push({ userId: p.userId, name: p.name, reasons: why }); continue; }

    const reasons: string[] = [];
    let score = 0;
    const gradeName = GRADE_NAMES[grade] ?? grade;
    if (roshRule && c.roshLevel) reasons.push(`${gradeName}: allowed for ${ROSH_NAMES[c.roshLevel]} RoSH`);
    if ((c.roshLevel === 'high' || c.roshLevel === 'very_high') && grade === 'PO') reasons[reasons.length - 1] = `Qualified PO: required for ${ROSH_NAMES[c.roshLevel]} RoSH`;

    const before = p.capacityPercent;
    const after = capacityPercent(p.totalPoints + p.pointsAdded, p.availablePoints);
    reasons.push(`Capacity ${pct(before)} → ${pct(after)}`);
    score += 100 - after;
    const over = after > 100;
    if (over) { score -= 50; reasons.push('Would be over capacity'); }

    const spells = c.previousPractitioners.filter((s) => s.userId === p.userId);
    if (spells.length > 0) {
      score += 30;
      const from = spells.map((s) => s.from.slice(0, 4)).sort()[0]!;
      const to = spells.some((s) => s.to === null) ? 'now' : spells.map((s) => s.to!.slice(0, 4)).sort().at(-1)!;
      reasons.push(`Supervised this person ${from === to ? from : `${from}–${to}`}`);
    }
    if (c.psrAuthorId === p.userId) { score += 25; reasons.push('Wrote the pre-sentence report'); }

    const held = new Set(p.specialisms.map(normaliseSpecialism));
    for (const s of needed) {
      if (held.has(s)) { score += 15; reasons.push(`${SPECIALISM_NAMES[s]} specialism matches`); }
    }
    if (c.pduId !== null && p.pduId === c.pduId) { score += 10; reasons.push('Same PDU as the case'); }
    const district = postcodeDistrict(c.postcode);
    if (district !== null && p.office && postcodeDistrict(p.office.postcode) === district) {
      score += 10; reasons.push(`Based at ${p.office.name}, in the person's postcode district (${district})`);
    }
    if (p.protectedCaseload) { score -= 20; reasons.push('Protected caseload (newly qualified)'); }
    if (p.absentUntil !== null && p.absentUntil >= today) { score -= 60; reasons.push(`Absent until ${formatDay(p.absentUntil, today)}`); }

    eligible.push({
      userId: p.userId, name: p.name, score: Math.round(score * 10) / 10, capacityBefore: before,
      capacityAfter: after, overCapacity: over, recentAllocations: p.recentAllocations, reasons,
    });
  }

  eligible.sort((a, b) => b.score - a.score || a.capacityAfter - b.capacityAfter
    || a.recentAllocations - b.recentAllocations || a.name.localeCompare(b.name, 'en') || a.userId - b.userId);
  ineligible.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.userId - b.userId);
  return { recommendedUserId: eligible[0]?.userId ?? null, eligible, ineligible };
}

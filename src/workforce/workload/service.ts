/**
 * What other areas ask of workload. CONTRACT (filled in by the workload work): allocation ranks
 * practitioners with these figures, so keep the names and add fields only.
 */
import type { Db } from '../../database.ts';
import { caseFacts, gradeTargets, loadWeights, staffFacts } from './repository.ts';
import { absenceOn, availableHours, availablePoints, capacityPercent, casePoints, isNewlyQualified, isValidTier, isYoungAdult, taskPoints, type Weights } from './rules.ts';

export type CaseType = 'community' | 'custody' | 'licence';
export interface CaseToWeigh { tier: string; caseType: CaseType; youngAdult: boolean }

export interface PractitionerCapacity {
  userId: number;
  grade: string | null;
  contractedHours: number;
  availableHours: number;
  availablePoints: number;
  totalPoints: number;
  /** One decimal; 0 when either side is 0. */
  capacityPercent: number;
  /** Absent today (leave, training...), with the end date. */
  absentUntil: string | null;
  /** In the first year after qualifying: a protected caseload. */
  protectedCaseload: boolean;
  specialisms: string[];
  /** Cases allocated in the last 7 days. */
  recentAllocations: number;
  /** Cases held and open reports counted. */
  caseCount: number;
  reportCount: number;
}

const FULL_TIME = 37;
const NOMINAL = 2176;

/** Case type from the current sentence: community/suspended -> community; custody before release -> custody; after -> licence. */
function toWeigh(fact: Awaited<ReturnType<typeof caseFacts>>[number], today: string): CaseToWeigh | null {
  if (!fact.tier || !isValidTier(fact.tier) || !fact.sentenceType) return null;
  const caseType: CaseType = fact.sentenceType !== 'custody' ? 'community'
    : fact.releaseOn !== null && fact.releaseOn <= today ? 'licence' : 'custody';
  return { tier: fact.tier, caseType, youngAdult: isYoungAdult(fact.dateOfBirth, today) };
}

function pointsOf(weights: Weights, c: CaseToWeigh | null): number {
  if (!c) return 0;
  try { return casePoints(weights, c); } catch { return 0; }
}

/** Current capacity of each practitioner, from their cases, reports, hours, reductions and absences. */
export async function capacityOf(db: Db, userIds: readonly number[], today: string): Promise<Map<number, PractitionerCapacity>> {
  const result = new Map<number, PractitionerCapacity>();
  if (userIds.length === 0) return result;
  const [weights, targets, staff] = await Promise.all([loadWeights(db), gradeTargets(db), staffFacts(db, userIds, today)]);
  const facts = await caseFacts(db, [...new Set(staff.cases.map((c) => c.person_id))]);
  const casePointsByPerson = new Map(facts.map((f) => [f.personId, pointsOf(weights, toWeigh(f, today))]));
  for (const u of staff.users) {
    const contracted = u.contracted_hours === null ? FULL_TIME : Number(u.contracted_hours);
    const target = targets.get(u.grade ?? '') ?? { points: NOMINAL, fullTimeHours: FULL_TIME };
    const hours = availableHours(contracted, staff.reductionsOf(u.id), today);
    const available = availablePoints(target.points, hours, target.fullTimeHours);
    const held = staff.cases.filter((c) => c.practitioner_id === u.id);
    const reports = staff.reports.filter((r) => r.assigned_to === u.id);
    const total = held.reduce((sum, c) => sum + (casePointsByPerson.get(c.person_id) ?? 0), 0)
      + reports.reduce((sum, r) => sum + taskPoints(weights, r.report_type === 'standard' ? 'standard_report' : 'fast_report'), 0);
    const absence = absenceOn(staff.absences.filter((a) => a.user_id === u.id), today);
    result.set(u.id, {
      userId: u.id, grade: u.grade, contractedHours: contracted, availableHours: hours, availablePoints: available, totalPoints: total,
      capacityPercent: capacityPercent(total, available), absentUntil: absence?.ends_on ?? null,
      protectedCaseload: isNewlyQualified(u.qualifiedOn, today), specialisms: u.specialisms ?? [],
      recentAllocations: Number(staff.recent.find((r) => r.practitioner_id === u.id)?.n ?? 0),
      caseCount: held.length, reportCount: reports.length,
    });
  }
  return result;
}

/** The points a case would add to a caseload (the current weights table). */
export async function pointsForCase(db: Db, personId: number, today: string): Promise<{ points: number; caseToWeigh: CaseToWeigh | null; explanation: string }> {
  const [weights, facts] = await Promise.all([loadWeights(db), caseFacts(db, [personId])]);
  const fact = facts[0];
  const caseToWeigh = fact ? toWeigh(fact, today) : null;
  if (!caseToWeigh) return { points: 0, caseToWeigh: null, explanation: 'No tier or current sentence yet: weighs 0 points' };
  const points = pointsOf(weights, caseToWeigh);
  const kind = caseToWeigh.youngAdult ? `${caseToWeigh.caseType} case, young adult` : `${caseToWeigh.caseType} case`;
  return { points, caseToWeigh, explanation: `Tier ${caseToWeigh.tier} ${kind}: ${points} points` };
}

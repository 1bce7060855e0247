/**
 * What other areas ask of workload. CONTRACT: allocation ranks practitioners with these figures, so keep
 * the names and add fields only. Everything is read for many practitioners at once (a team or a PDU).
 */
import type { Db } from '../../database.ts';
import { caseFacts, gradeTargets, heldCases, loadSettings, loadWeights, programmeFacts, staffFacts } from './repository.ts';
import {
  absenceOn, casePoints, explainCapacity, isArrivalFromCustody, isProgrammeBeingDelivered, isValidTier, isYoungAdult, isNewlyQualified,
  taskPoints, type CapacityExplanation, type Reduction, type Settings, type Weights,
} from './rules.ts';

export type CaseType = 'community' | 'custody' | 'licence';
export interface CaseToWeigh { tier: string; caseType: CaseType; youngAdult: boolean }

export interface PractitionerCapacity {
  userId: number;
  grade: string | null;
  contractedHours: number;
  /** Contracted hours less active reductions. */
  availableHours: number;
  /** After reductions, absences in the window and a protected caseload (see explanation). */
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
  /** Open work items (parole reports, ARMS assessments...) counted. */
  workItemCount: number;
  /** Every step of the points available, with its formula. */
  explanation: CapacityExplanation;
}

/** One thing counted in a practitioner's points. */
export interface CountedItem {
  kind: 'case' | 'report' | 'programme' | 'arrival' | 'work_item';
  personId: number | null;
  /** The task weight's name, or the case's "Tier B2 licence case". */
  label: string;
  points: number;
  case?: CaseToWeigh | null;
  workItem?: { id: number; task: string; description: string; dueOn: string };
  report?: { id: number; type: string; dueOn: string };
}

export interface PractitionerWorkload {
  capacity: PractitionerCapacity;
  items: CountedItem[];
  reductions: Reduction[];
  absences: { kind: string; starts_on: string; ends_on: string }[];
  qualifiedOn: string | null;
  target: { points: number; fullTimeHours: number };
  settings: Settings;
}

const FULL_TIME = 37;
const NOMINAL = 2176;

type Fact = Awaited<ReturnType<typeof caseFacts>>[number];

/** Case type from the current sentence: community/suspended -> community; custody before release -> custody; after -> licence. */
function toWeigh(fact: Fact, today: string): CaseToWeigh | null {
  if (!fact.tier || !isValidTier(fact.tier) || !fact.sentenceType) return null;
  const caseType: CaseType = fact.sentenceType !== 'custody' ? 'community'
    : fact.releaseOn !== null && fact.releaseOn <= today ? 'licence' : 'custody';
  return { tier: fact.tier, caseType, youngAdult: isYoungAdult(fact.dateOfBirth, today) };
}

function pointsOf(weights: Weights, c: CaseToWeigh | null): number {
  if (!c) return 0;
  try { return casePoints(weights, c); } catch { return 0; }
}

const caseLabel = (c: CaseToWeigh | null) => c ? `Tier ${c.tier} ${c.caseType} case${c.youngAdult ? ', young adult' : ''}` : 'No tier or current sentence yet';
const reportTask = (type: string) => (type === 'standard' ? 'standard_report' : 'fast_report');

/** Rows grouped by a key, in their order: each practitioner's share of a set-based read. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/**
 * Each practitioner's capacity and everything counted in it: the listed users, or (null) every
 * practitioner. A few queries whatever their number; the rules are applied per practitioner in memory.
 */
async function workloads(db: Db, userIds: readonly number[] | null, today: string, weightsGiven?: Weights | Promise<Weights>): Promise<Map<number, PractitionerWorkload>> {
  const result = new Map<number, PractitionerWorkload>();
  if (userIds?.length === 0) return result;
  const [weights, targets, settings, staff, held, taskRows] = await Promise.all([
    weightsGiven ?? loadWeights(db), gradeTargets(db), loadSettings(db), staffFacts(db, userIds, today), heldCases(db, userIds),
    db.selectFrom('workload_task_weights').select(['task', 'description']).execute(),
  ]);
  // Programmes are read for the cases held (or, for everyone, all of them: no list of a quarter of a million ids).
  const programmes = await programmeFacts(db, userIds === null ? null : [...new Set(held.map((c) => c.personId))]);
  const delivering = new Set(programmes.filter((p) => isProgrammeBeingDelivered(p, today)).map((p) => p.person_id));
  const taskName = new Map(taskRows.map((t) => [t.task, t.description]));
  const task = (name: string, kind: CountedItem['kind'], personId: number | null): CountedItem =>
    ({ kind, personId, label: taskName.get(name) ?? name, points: taskPoints(weights, name) });
  const heldBy = groupBy(held, (c) => c.practitioner_id);
  const reportsOf = groupBy(staff.reports, (r) => r.assigned_to);
  const workItemsOf = groupBy(staff.workItems, (w) => w.user_id);
  const reductionsOf = groupBy(staff.reductions, (r) => r.user_id);
  const absencesOf = groupBy(staff.absences, (a) => a.user_id);
  const recentOf = new Map(staff.recent.map((r) => [r.practitioner_id, Number(r.n)]));
  for (const u of staff.users) {
    const contracted = u.contracted_hours === null ? FULL_TIME : Number(u.contracted_hours);
    const target = targets.get(u.grade ?? '') ?? { points: NOMINAL, fullTimeHours: FULL_TIME };
    const items: CountedItem[] = [];
    for (const fact of heldBy.get(u.id) ?? []) {
      const c = toWeigh(fact, today);
      items.push({ kind: 'case', personId: fact.personId, label: caseLabel(c), points: pointsOf(weights, c), case: c });
      if (c?.caseType === 'licence' && isArrivalFromCustody(fact.releaseOn, today, settings.custodyArrivalDays)) items.push(task('custody_arrival', 'arrival', fact.personId));
      if (fact.sentenceType && delivering.has(fact.personId)) items.push(task('accredited_programme', 'programme', fact.personId));
    }
    for (const r of reportsOf.get(u.id) ?? []) {
      items.push({ ...task(reportTask(r.report_type), 'report', r.person_id), report: { id: r.id, type: r.report_type, dueOn: r.due_on } });
    }
    for (const w of workItemsOf.get(u.id) ?? []) {
      items.push({ ...task(w.task, 'work_item', w.person_id), workItem: { id: w.id, task: w.task, description: w.description, dueOn: w.due_on } });
    }
    const reductions: Reduction[] = (reductionsOf.get(u.id) ?? []).map((r) => ({ ...r, hours: Number(r.hours) }));
    const absences = absencesOf.get(u.id) ?? [];
    const totalPoints = items.reduce((sum, i) => sum + i.points, 0);
    const explanation = explainCapacity({
      target: target.points, fullTimeHours: target.fullTimeHours, contractedHours: contracted, reductions, absences,
      qualifiedOn: u.qualifiedOn, totalPoints, settings, today,
    });
    result.set(u.id, {
      capacity: {
        userId: u.id, grade: u.grade, contractedHours: contracted, availableHours: explanation.availableHours,
        availablePoints: explanation.availablePoints, totalPoints, capacityPercent: explanation.capacityPercent,
        absentUntil: absenceOn(absences, today)?.ends_on ?? null,
        protectedCaseload: isNewlyQualified(u.qualifiedOn, today), specialisms: u.specialisms ?? [],
        recentAllocations: recentOf.get(u.id) ?? 0,
        caseCount: items.filter((i) => i.kind === 'case').length, reportCount: items.filter((i) => i.kind === 'report').length,
        workItemCount: items.filter((i) => i.kind === 'work_item').length, explanation,
      },
      items, reductions, absences, qualifiedOn: u.qualifiedOn, target, settings,
    });
  }
  return result;
}

/** Each listed practitioner's capacity and everything counted in it, in a few queries for the whole list. */
export const workloadOf = (db: Db, userIds: readonly number[], today: string) => workloads(db, userIds, today);

/**
 * Current capacity of each practitioner, from their cases, reports, work items, hours, reductions and
 * absences. `weights` when the caller has loaded them already (a ranking weighs the new case too).
 */
export async function capacityOf(db: Db, userIds: readonly number[], today: string, weights?: Weights | Promise<Weights>): Promise<Map<number, PractitionerCapacity>> {
  const all = await workloads(db, userIds, today, weights);
  return new Map([...all].map(([id, w]) => [id, w.capacity]));
}

/**
 * The capacity of every practitioner (active staff with a grade) at once, as the workload pages work
 * each one out: the nightly or national view. Reads by joins, never by lists of ids.
 */
export async function capacityOfAll(db: Db, today: string): Promise<Map<number, PractitionerCapacity>> {
  const all = await workloads(db, null, today);
  return new Map([...all].map(([id, w]) => [id, w.capacity]));
}

/** The points a case would add to a caseload (the current weights table, or `weights` already loaded). */
export async function pointsForCase(db: Db, personId: number, today: string, weightsGiven?: Weights | Promise<Weights>): Promise<{ points: number; caseToWeigh: CaseToWeigh | null; explanation: string }> {
  const [weights, facts] = await Promise.all([weightsGiven ?? loadWeights(db), caseFacts(db, [personId])]);
  const fact = facts[0];
  const caseToWeigh = fact ? toWeigh(fact, today) : null;
  if (!caseToWeigh) return { points: 0, caseToWeigh: null, explanation: 'No tier or current sentence yet: weighs 0 points' };
  const points = pointsOf(weights, caseToWeigh);
  return { points, caseToWeigh, explanation: `${caseLabel(caseToWeigh)}: ${points} points` };
}

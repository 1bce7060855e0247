/**
 * What other areas ask of workload. CONTRACT (filled in by the workload work): allocation ranks
 * practitioners with these figures, so keep the names and add fields only.
 */
import type { Db } from '../../database.ts';

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
}

/** Current capacity of each practitioner, from their cases, reports, hours, reductions and absences. */
export async function capacityOf(_db: Db, _userIds: readonly number[], _today: string): Promise<Map<number, PractitionerCapacity>> {
  return new Map();
}

/** The points a case would add to a caseload (the current weights table). */
export async function pointsForCase(_db: Db, _personId: number, _today: string): Promise<{ points: number; caseToWeigh: CaseToWeigh | null; explanation: string }> {
  return { points: 0, caseToWeigh: null, explanation: '' };
}

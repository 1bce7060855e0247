/**
 * CONTRACT (filled in by the allocation work): what other areas ask of allocation. Transfers' bulk
 * reallocation ranks and moves cases through these two functions, so keep the names and shapes.
 */
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import type { Ranking } from './ranking.ts';

export interface CaseRanking {
  personId: number;
  crn: string;
  /** Points the case adds to a caseload, and the sentence that explains them ("Tier B2 community case: 115 points"). */
  pointsAdded: number;
  pointsExplanation: string;
  ranking: Ranking;
}

/**
 * Ranks the practitioners who could hold this case in `teamId` (eligibility, capacity after, continuity,
 * PSR author, specialisms, location, protected caseloads, absences), as the allocation page shows it.
 * `user` is whoever is looking (their access to the case is checked by the caller).
 */
export async function rankForCase(_db: Db, _personId: number, _teamId: number, _user: CurrentUser, _today: string): Promise<CaseRanking> {
  throw new Error('rankForCase: not built yet');
}

export interface AllocationChoice {
  personId: number;
  teamId: number;
  practitionerId: number;
  /** The ranking as shown when the choice was made (kept with the decision). */
  ranking: Ranking;
  /** Required when the practitioner is not the recommendation. */
  overrideReason: string | null;
  /** Required (true) when the case takes the practitioner over 100%. */
  overCapacityConfirmed: boolean;
  /** The open allocation request this resolves, if any (one is opened when there is none). */
  requestId: number | null;
  source: 'court' | 'custody' | 'transfer_in';
  decidedBy: number;
}

/**
 * Allocates the case inside the caller's transaction: ends the current case_allocations row and starts
 * the new one, resolves the request, keeps the decision with its ranking and reasons, notifies the
 * practitioner. Throws HttpError 409/400 with a message a person understands when it cannot.
 */
export async function allocateCase(_trx: Db, _choice: AllocationChoice): Promise<{ decisionId: number }> {
  throw new Error('allocateCase: not built yet');
}

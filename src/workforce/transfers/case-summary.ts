/**
 * CONTRACT between allocation and transfers: the case's Allocation tab (owned by allocation) shows
 * the case's transfers through this function and the partial views/case-section.njk (owned by transfers).
 */
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';

export interface CaseTransferSummary {
  /** Every transfer of this case, newest first, ready for the partial. */
  transfers: Record<string, unknown>[];
  /** Whether this user may request a transfer of this case. */
  canRequest: boolean;
}

export async function caseTransferSummary(_db: Db, _personId: number, _user: CurrentUser): Promise<CaseTransferSummary> {
  return { transfers: [], canRequest: false };
}

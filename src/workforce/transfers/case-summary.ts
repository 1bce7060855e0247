/**
 * CONTRACT between allocation and transfers: the case's Allocation tab (owned by allocation) shows
 * the case's transfers through this function and the partial views/case-section.njk (owned by transfers).
 * Call it only after the case has been opened for this user (scope and access list checked, audited).
 */
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { presentTransfer, type PresentedTransfer } from './presenter.ts';
import { hasOpenTransfer, holdingOf, transfersOfPerson } from './repository.ts';
import { actorOf } from './service.ts';
import { mayRequest } from './status.ts';

export interface CaseTransferSummary {
  /** Every transfer of this case, newest first, ready for the partial. */
  transfers: PresentedTransfer[];
  /** Whether this user may request a transfer of this case. */
  canRequest: boolean;
  /** The link to the request form. */
  requestHref: string;
}

export async function caseTransferSummary(db: Db, personId: number, user: CurrentUser): Promise<CaseTransferSummary> {
  const [rows, holding, open] = await Promise.all([transfersOfPerson(db, user, personId), holdingOf(db, personId), hasOpenTransfer(db, personId)]);
  const crn = rows[0]?.crn ?? (await db.selectFrom('people').select('crn').where('id', '=', personId).executeTakeFirstOrThrow()).crn;
  return {
    transfers: rows.map(presentTransfer),
    canRequest: mayRequest(actorOf(user), holding ?? null, open).ok,
    requestHref: `/people/${crn}/transfers/new`,
  };
}

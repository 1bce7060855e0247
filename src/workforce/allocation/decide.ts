/** What the pages and the API share: opening a request (access list, audit) and deciding it. */
import type { FastifyRequest } from 'fastify';
import { refusal } from '../../access/visibility.ts';
import { audit } from '../../audit/request-audit.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { requestFor, type RequestRow } from './repository.ts';
import { allocateCase, MAX_OVERRIDE_REASON, rankForCase } from './service.ts';

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** A request the user may open: 404 when not in their region, 403 (audited) when the access list refuses them. */
export async function openRequest(db: Db, request: FastifyRequest, idInput: string, action: string): Promise<RequestRow> {
  const id = Number(idInput);
  const row = /^\d{1,15}$/.test(idInput) && Number.isSafeInteger(id) ? await requestFor(db, id, request.user!) : undefined;
  if (!row) throw new HttpError(404, `There is no allocation request ${idInput} for a team in your region.`);
  const access = await refusal(db, request.user!, row.person_id);
  if (!access.allowed) {
    await audit(db, request, { action: `${action}-refused`, personId: row.person_id, detail: { requestId: row.id } });
    throw new HttpError(403, `${row.crn}: Restricted. ${access.message ?? ''}`.trim());
  }
  await audit(db, request, { action, personId: row.person_id, detail: { requestId: row.id } });
  return row;
}

export interface DecisionInput {
  practitionerId: number;
  overrideReason: string | null;
  confirmOverCapacity: boolean;
  /** The recommendation the person saw; when the ranking has moved since, they are asked to look again. */
  shownRecommendation?: number | null;
}

/** Ranks afresh and allocates in one transaction (so the ranking kept is the one the rules give now), audited. */
export async function decide(db: Db, request: FastifyRequest, row: RequestRow, input: DecisionInput) {
  if (input.overrideReason && input.overrideReason.length > MAX_OVERRIDE_REASON) {
    throw new HttpError(400, `The reason must be ${MAX_OVERRIDE_REASON} characters or fewer.`, { overrideReason: `The reason must be ${MAX_OVERRIDE_REASON} characters or fewer` });
  }
  return db.transaction().execute(async (trx) => {
    const status = await trx.selectFrom('allocation_requests').select('status').where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    const ranked = await rankForCase(trx, row.person_id, row.team_id, request.user!, todayIso());
    // A decided request gets allocateCase's "already allocated by X", not this.
    if (status.status === 'awaiting' && input.shownRecommendation !== undefined && input.shownRecommendation !== ranked.ranking.recommendedUserId) {
      throw new HttpError(409, 'The ranking has changed since the page was opened. Check the recommendation and choose again.');
    }
    const { decisionId } = await allocateCase(trx, {
      personId: row.person_id, teamId: row.team_id, practitionerId: input.practitionerId, ranking: ranked.ranking,
      overrideReason: input.overrideReason, overCapacityConfirmed: input.confirmOverCapacity, requestId: row.id,
      source: row.source, decidedBy: request.user!.id,
    });
    const chosen = ranked.ranking.eligible.find((e) => e.userId === input.practitionerId)!;
    await audit(trx, request, {
      action: 'allocation.decide', personId: row.person_id,
      detail: { requestId: row.id, decisionId, practitionerId: input.practitionerId, recommended: ranked.ranking.recommendedUserId,
        overrideReason: input.overrideReason, overCapacity: chosen.overCapacity, capacityAfter: chosen.capacityAfter },
    });
    return { decisionId, ranked, chosen };
  });
}

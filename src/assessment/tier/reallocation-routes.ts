import type { FastifyInstance } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/views/render.ts';
import { openReallocationReviews, resolveReallocationReview } from './repository.ts';

const MAX_NOTE = 2000;

/**
 * The team manager's queue of cases whose new tier needs a different grade of practitioner. Moving the
 * case is workforce work; here the manager records the decision (moved, or kept with a reason).
 */
export async function reallocationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const allocate = { onRequest: requires(PERMISSIONS.casesAllocate) };

  const page = async (user: CurrentUser, extra: Record<string, unknown> = {}) => {
    const rows = user.teamId ? await openReallocationReviews(db, user.teamId, user) : [];
    return {
      pageTitle: 'Re-allocation reviews',
      reviews: rows.map((row) => ({ ...row, when: formatDateTime(row.created_at) })),
      noTeam: !user.teamId,
      ...extra,
    };
  };

  app.get('/reallocations', allocate, async (request, reply) => {
    const saved = (request.query as { saved?: string }).saved;
    return reply.page('assessment/views/reallocations.njk', await page(request.user!, { flash: saved ? 'The review has been recorded.' : undefined }));
  });

  app.post('/reallocations/:id', allocate, async (request, reply) => {
    const teamId = request.user!.teamId;
    const id = Number((request.params as { id: string }).id);
    if (!teamId || !Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, 'There is no open re-allocation review with that id for your team.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const decision = body.decision === 'reallocated' || body.decision === 'kept' ? body.decision : null;
    const note = typeof body.note === 'string' ? body.note.trim() : '';
    const errors: Record<string, string> = {};
    if (!decision) errors[`decision-${id}`] = 'Select whether the case has been re-allocated or stays with its practitioner';
    if (decision === 'kept' && !note) errors[`note-${id}`] = 'Give the reason the case stays with its practitioner';
    if (note.length > MAX_NOTE) errors[`note-${id}`] = `The note must be ${MAX_NOTE} characters or fewer`;
    if (Object.keys(errors).length) return reply.code(400).page('assessment/views/reallocations.njk', await page(request.user!, { errors, values: { [id]: body } }));
    const resolution = decision === 'reallocated' ? `Re-allocated${note ? `: ${note}` : ''}` : `Kept with the current practitioner: ${note}`;
    const personId = await resolveReallocationReview(db, id, teamId, resolution, request.user!.id);
    if (!personId) throw new HttpError(404, 'There is no open re-allocation review with that id for your team. Someone may have recorded it already.');
    await audit(db, request, { action: 'reallocation-review.resolve', personId, detail: { id, resolution } });
    return reply.redirect('/reallocations?saved=1', 303);
  });
}

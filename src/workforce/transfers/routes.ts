import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase, openCasePage } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { APPOINTMENTS, readDecisionForm, readRequestForm } from './forms.ts';
import { practitionerGroups, presentTransfer, rankingItems, teamGroups } from './presenter.ts';
import { holdingOf, incomingTransfers, outgoingTransfers, recentDecisions, type TransferRow } from './repository.ts';
import {
  actorOf, bulkCases, bulkReallocate, decideTransfer, leavingPractitioner, rankingForTransfer, requestContext, requestTransfer, visibleTransfer,
} from './service.ts';
import { decisionsFor } from './status.ts';

const VIEWS = 'workforce/transfers/views';
const todayIso = () => new Date().toISOString().slice(0, 10);
type Body = Record<string, unknown>;

const FLASH: Record<string, string> = {
  requested: 'The transfer has been requested. The case stays with its practitioner until the receiving team accepts it.',
  accepted: 'The transfer has been accepted and the case allocated.',
  rejected: 'The transfer has been rejected. The requester has been told why.',
  cancelled: 'The transfer has been cancelled.',
};

const positiveId = (raw: unknown, what: string) => {
  const id = Number(raw);
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw new HttpError(404, `There is no ${what} with that id.`);
  return id;
};

/**
 * The transfer pages: request a transfer from a case, the team's incoming and outgoing transfers,
 * one transfer with its decision (accepting ranks the receiving team and allocates in the same step),
 * and the bulk reallocation of a leaving or absent practitioner's caseload.
 */
export async function transferRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const signedIn = { onRequest: requires() };
  const allocate = { onRequest: requires(PERMISSIONS.casesAllocate) };

  // --- Request a transfer, from the case -------------------------------------------------------
  const requestPage = async (request: FastifyRequest, values: Body = {}, errors?: Record<string, string>) => {
    const { crn } = request.params as { crn: string };
    const { person, caseHeader } = await openCasePage(db, request, crn, 'transfer.request-form.read');
    const ctx = await requestContext(db, request.user!, person.id);
    if (!ctx.allowed.ok) throw new HttpError(ctx.allowed.status, ctx.allowed.message);
    const holding = ctx.holding!;
    const num = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
    return {
      person, holding,
      context: {
        pageTitle: `Request a transfer of ${person.crn}`, caseHeader, holding,
        sameTeam: ctx.where.practitioners.filter((p) => p.teamId === holding.teamId && p.id !== holding.practitionerId)
          .map((p) => ({ value: String(p.id), text: `${p.name}${p.grade ? ` (${p.grade})` : ''}`, selected: num(values.practitionerId) === p.id })),
        teamGroups: teamGroups(ctx.where, holding.teamId, num(values.toTeamId)),
        practitionerGroups: practitionerGroups(ctx.where, holding.teamId, num(values.toPractitionerId)),
        appointments: APPOINTMENTS.map((a) => ({ value: a.value, text: a.text, hint: { text: a.hint }, checked: values.appointments === a.value })),
        values, errors,
      },
      where: ctx.where,
    };
  };

  app.get('/people/:crn/transfers/new', signedIn, async (request, reply) => {
    const { context } = await requestPage(request);
    return reply.page(`${VIEWS}/new.njk`, context);
  });

  app.post('/people/:crn/transfers', signedIn, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'transfer.request-form.read');
    const result = await requestTransfer(db, request.user!, person.id, person.crn, readRequestForm(body));
    if (!result.ok) {
      const page = await requestPage(request, body, result.errors);
      return reply.code(400).page(`${VIEWS}/new.njk`, page.context);
    }
    await audit(db, request, { action: 'transfer.request', personId: person.id, detail: { id: result.value.id, toTeamId: result.value.toTeamId, toPractitionerId: result.value.toPractitionerId, reason: result.value.reason, appointments: result.value.appointments } });
    return reply.redirect(`/transfers/${result.value.id}?saved=requested`, 303);
  });

  // --- The team's transfers ----------------------------------------------------------------------
  app.get('/transfers', signedIn, async (request, reply) => {
    const user = request.user!;
    const actor = actorOf(user);
    const [incoming, outgoing, decided] = await Promise.all([
      actor.canAllocate && user.teamId ? incomingTransfers(db, user, user.teamId) : Promise.resolve([]),
      outgoingTransfers(db, user, actor.canAllocate ? user.teamId : null),
      recentDecisions(db, user, actor.canAllocate ? user.teamId : null),
    ]);
    const withActions = (rows: TransferRow[]) => rows.map((r) => ({
      ...presentTransfer(r),
      decisions: decisionsFor({ status: r.status, fromTeamId: r.fromTeamId, toTeamId: r.toTeamId, requestedBy: r.requestedBy }, actor),
    }));
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/index.njk`, {
      pageTitle: 'Transfers', canAllocate: actor.canAllocate, noTeam: !user.teamId,
      incoming: withActions(incoming), outgoing: withActions(outgoing), decided: decided.map(presentTransfer),
      flash: typeof saved === 'string' ? FLASH[saved] : undefined,
    });
  });

  // --- Bulk reallocation (registered before /transfers/:id so "bulk" is never read as an id) --------
  const bulkPage = async (request: FastifyRequest, extra: { values?: Body; errors?: Record<string, string> } = {}) => {
    const user = request.user!;
    const leaving = await leavingPractitioner(db, user, positiveId((request.params as { userId: string }).userId, 'practitioner'));
    const cases = await bulkCases(db, user, { id: leaving.id, name: leaving.name, teamId: leaving.teamId }, todayIso());
    const values = extra.values ?? {};
    const ticked = new Set(([] as unknown[]).concat(values.cases ?? []).map(String));
    return {
      leaving,
      context: {
        pageTitle: `Reallocate ${leaving.name}'s caseload`, leaving,
        cases: cases.map((c) => {
          const recommended = c.ranked?.ranking.eligible.find((e) => e.userId === c.ranked!.ranking.recommendedUserId);
          const chosen = String(values[`practitioner-${c.personId}`] ?? '');
          return {
            ...c,
            checked: ticked.has(String(c.personId)),
            recommended: recommended ? { name: recommended.name, reasons: recommended.reasons, capacityAfter: recommended.capacityAfter.toFixed(1) } : null,
            options: c.ranked ? [{ value: '', text: recommended ? `Recommended: ${recommended.name}` : 'No one can hold this case', selected: chosen === '' },
              ...c.ranked.ranking.eligible.map((e, i) => ({ value: String(e.userId), text: `${i + 1}. ${e.name}: ${e.capacityBefore.toFixed(1)}% → ${e.capacityAfter.toFixed(1)}%${e.overCapacity ? ' (over capacity)' : ''}`, selected: chosen === String(e.userId) }))] : [],
            why: c.openTransfer ? 'A transfer is waiting for a decision' : !c.viewable ? 'Restricted: its access list does not include you' : null,
          };
        }),
        values, errors: extra.errors,
      },
    };
  };

  app.get('/transfers/bulk/:userId', allocate, async (request, reply) => {
    const { leaving, context } = await bulkPage(request);
    await audit(db, request, { action: 'transfer.bulk.read', detail: { practitionerId: leaving.id } });
    return reply.page(`${VIEWS}/bulk.njk`, context);
  });

  app.post('/transfers/bulk/:userId', allocate, async (request, reply) => {
    const user = request.user!;
    const body = (request.body ?? {}) as Body;
    const leaving = await leavingPractitioner(db, user, positiveId((request.params as { userId: string }).userId, 'practitioner'));
    const ids = ([] as unknown[]).concat(body.cases ?? []).map((v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN));
    if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw new HttpError(400, 'The selected cases were not recognised: reload the page and try again.');
    const selections = [...new Set(ids)].map((personId) => {
      const raw = body[`practitioner-${personId}`];
      return { personId, practitionerId: typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : null };
    });
    const overrideReason = typeof body.overrideReason === 'string' ? body.overrideReason.trim() : '';
    const result = await bulkReallocate(db, user, { id: leaving.id, name: leaving.name, teamId: leaving.teamId }, selections, overrideReason, body.confirmOverCapacity === 'yes', todayIso());
    if (!result.ok) {
      const { context } = await bulkPage(request, { values: body, errors: result.errors });
      return reply.code(400).page(`${VIEWS}/bulk.njk`, context);
    }
    for (const m of result.value) {
      await audit(db, request, { action: 'transfer.bulk.move', personId: m.personId, detail: { from: leaving.id, to: m.practitionerId, overridden: m.overridden, reason: m.overridden ? overrideReason : null } });
    }
    return reply.page(`${VIEWS}/bulk-done.njk`, { pageTitle: `Cases moved from ${leaving.name}`, leaving, moved: result.value });
  });

  // --- One transfer and its decision -------------------------------------------------------------
  const transferPage = async (request: FastifyRequest, user: CurrentUser, extra: { values?: Body; errors?: Record<string, string>; flash?: string } = {}) => {
    const id = positiveId((request.params as { id: string }).id, 'transfer');
    const row = await visibleTransfer(db, user, id);
    if (!row) throw new HttpError(404, 'There is no transfer with that id that you can see.');
    const t = presentTransfer(row);
    const decisions = decisionsFor({ status: row.status, fromTeamId: row.fromTeamId, toTeamId: row.toTeamId, requestedBy: row.requestedBy }, actorOf(user));
    let ranked = null;
    if (decisions.includes('accept') && t.viewable) {
      const holding = await holdingOf(db, row.personId);
      ranked = await rankingForTransfer(db, row.personId, row.toTeamId, user, todayIso(), holding);
    }
    const values = extra.values ?? {};
    const checked = typeof values.practitionerId === 'string' && values.practitionerId ? Number(values.practitionerId) : row.toPractitionerId ?? ranked?.ranking.recommendedUserId ?? null;
    return {
      row,
      context: {
        pageTitle: `Transfer of ${row.crn}`, t, decisions, ranked,
        rankingItems: ranked ? rankingItems(ranked.ranking, checked) : [],
        namedNotRecommended: !!(ranked && row.toPractitionerId && row.toPractitionerId !== ranked.ranking.recommendedUserId),
        values, errors: extra.errors, flash: extra.flash,
      },
    };
  };

  app.get('/transfers/:id', signedIn, async (request, reply) => {
    const { row, context } = await transferPage(request, request.user!, { flash: FLASH[(request.query as { saved?: string }).saved ?? ''] });
    await audit(db, request, { action: 'transfer.read', personId: row.personId, detail: { id: row.id } });
    return reply.page(`${VIEWS}/transfer.njk`, context);
  });

  app.post('/transfers/:id/decision', signedIn, async (request, reply) => {
    const user = request.user!;
    const id = positiveId((request.params as { id: string }).id, 'transfer');
    if (!(await visibleTransfer(db, user, id))) throw new HttpError(404, 'There is no transfer with that id that you can see.');
    const body = (request.body ?? {}) as Body;
    const input = readDecisionForm(body);
    const result = await decideTransfer(db, user, id, input, todayIso());
    if (!result.ok) {
      // The accept form's note and the rejection's reason share a name; point the summary at the right box.
      const errors = input.decision === 'accept' && result.errors.reason ? { ...result.errors, acceptNote: result.errors.reason, reason: undefined! } : result.errors;
      const { context } = await transferPage(request, user, { values: body, errors: Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) });
      return reply.code(400).page(`${VIEWS}/transfer.njk`, context);
    }
    const d = result.value;
    await audit(db, request, { action: `transfer.${input.decision}`, personId: d.personId, detail: { id, status: d.status, practitionerId: d.practitionerId, regionMoved: d.regionMoved, reason: input.reason || null, overrideReason: input.overrideReason || null } });
    return reply.redirect(`/transfers?saved=${d.status}`, 303);
  });
}

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { readRequestBody } from './forms.ts';
import { holdingOf, incomingTransfers, outgoingTransfers, transfersOfPerson, type TransferRow } from './repository.ts';
import { actorOf, decideTransfer, requestTransfer, visibleTransfer } from './service.ts';

const NullStr = Type.Union([Type.String(), Type.Null()]);
const NullInt = Type.Union([Type.Integer(), Type.Null()]);
const Transfer = Type.Object({
  id: Type.Integer(),
  crn: Type.String(),
  name: Type.Union([Type.String(), Type.Null()], { description: 'Null where the case\'s access list refuses you' }),
  restricted: Type.Boolean({ description: 'The access list refuses you: only the CRN is shown' }),
  status: Type.Union([Type.Literal('requested'), Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('cancelled')]),
  fromTeam: Type.String(), fromPractitioner: NullStr,
  toTeamId: Type.Integer(), toTeam: Type.String(), toPdu: Type.String(), toRegion: Type.String(),
  toPractitionerId: NullInt, toPractitioner: NullStr,
  reason: Type.String(),
  appointments: Type.Union([Type.Literal('reassign'), Type.Literal('keep')], { description: 'Future appointments follow the new practitioner, or stay as booked' }),
  tier: NullStr, rosh: NullStr,
  requestedBy: Type.String(), requestedAt: Type.String({ format: 'date-time' }),
  decidedBy: NullStr, decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decisionReason: NullStr,
  allocatedTo: Type.Union([Type.String(), Type.Null()], { description: 'Who holds the case after an accepted transfer' }),
});
const TransferList = Type.Object({ transfers: Type.Array(Transfer) });
const crnParams = Type.Object({ crn: Type.String({ description: 'Case reference number, e.g. X123456', maxLength: 20 }) });
const idParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const RequestBody = Type.Object({
  toTeamId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The destination team (its PDU and region follow); the holding team to move within it' }),
  toPractitionerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), Type.Null()], { description: 'Required within the same team; optional otherwise (the receiving manager chooses)' })),
  reason: Type.String({ maxLength: 2000 }),
  appointments: Type.Union([Type.Literal('reassign'), Type.Literal('keep')]),
}, { additionalProperties: false });
const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Literal('cancel')]),
  reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required to reject' })),
  practitionerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'To accept: who will hold the case; default the named practitioner, else the recommendation' })),
  overrideReason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required when the practitioner is not the recommendation' })),
  confirmOverCapacity: Type.Optional(Type.Boolean({ description: 'Required (true) when the case takes the practitioner over 100%' })),
}, { additionalProperties: false });
const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef, 409: ProblemRef };

const toApi = (r: TransferRow): Static<typeof Transfer> => ({
  id: r.id, crn: r.crn, name: r.viewable ? r.name : null, restricted: !r.viewable, status: r.status,
  fromTeam: r.fromTeam, fromPractitioner: r.fromPractitioner, toTeamId: r.toTeamId, toTeam: r.toTeam, toPdu: r.toPdu, toRegion: r.toRegion,
  toPractitionerId: r.toPractitionerId, toPractitioner: r.toPractitioner, reason: r.reason, appointments: r.appointments,
  tier: r.viewable ? r.tier : null, rosh: r.viewable ? r.rosh : null,
  requestedBy: r.requestedByName, requestedAt: new Date(r.requestedAt).toISOString(),
  decidedBy: r.decidedByName, decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  decisionReason: r.decisionReason, allocatedTo: r.allocatedTo,
});

const message = (errs: Record<string, string>) => Object.values(errs).join('. ');

/** Transfers on the API: the same rules, checks and audit as the pages. */
export async function transferApi(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/people/:crn/transfers', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'A case\'s transfers, newest first', tags: ['transfers'], params: crnParams, response: { 200: TransferList, ...errors } },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.transfers.read');
    return { transfers: (await transfersOfPerson(db, request.user!, person.id)).map(toApi) };
  });

  app.post('/people/:crn/transfers', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'Request a transfer of a case to another practitioner, team, PDU or region (the holding practitioner or their manager)',
      tags: ['transfers'], params: crnParams, body: RequestBody, response: { 201: Transfer, ...errors },
    },
  }, async (request, reply) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.read');
    const holding = await holdingOf(db, person.id);
    const body = request.body as Static<typeof RequestBody>;
    const input = readRequestBody(body, holding ? { teamId: holding.teamId, practitionerId: holding.practitionerId } : { teamId: 0, practitionerId: null });
    const result = await requestTransfer(db, request.user!, person.id, person.crn, input);
    if (!result.ok) throw new HttpError(400, message(result.errors), result.errors);
    await audit(db, request, { action: 'api.transfer.request', personId: person.id, detail: { id: result.value.id, toTeamId: result.value.toTeamId, toPractitionerId: result.value.toPractitionerId, reason: result.value.reason, appointments: result.value.appointments } });
    const row = await visibleTransfer(db, request.user!, result.value.id);
    return reply.code(201).send(toApi(row!));
  });

  app.get('/transfers', {
    onRequest: requires(),
    schema: {
      summary: 'Transfers waiting for a decision: incoming (into your team, for its managers) or outgoing (from your team, or requested by you)',
      tags: ['transfers'],
      querystring: Type.Object({ direction: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')], { description: 'incoming or outgoing' }) }),
      response: { 200: TransferList, ...errors },
    },
  }, async (request) => {
    const user = request.user!;
    const { direction } = request.query as { direction: 'incoming' | 'outgoing' };
    const actor = actorOf(user);
    if (direction === 'incoming' && !actor.canAllocate) throw new HttpError(403, 'Only team managers (cases:allocate) receive transfers.');
    if (direction === 'incoming' && !user.teamId) throw new HttpError(403, 'You are not a member of a team, so no transfers come to you.');
    const rows = direction === 'incoming' ? await incomingTransfers(db, user, user.teamId!) : await outgoingTransfers(db, user, actor.canAllocate ? user.teamId : null);
    await audit(db, request, { action: 'api.transfers.list', detail: { direction, count: rows.length } });
    return { transfers: rows.map(toApi) };
  });

  app.post('/transfers/:id/decision', {
    onRequest: requires(),
    schema: {
      summary: 'Accept (and allocate in the same step), reject (with a reason) or cancel a requested transfer',
      tags: ['transfers'], params: idParams, body: DecisionBody, response: { 200: Transfer, ...errors },
    },
  }, async (request) => {
    const user = request.user!;
    const { id } = request.params as { id: number };
    if (!(await visibleTransfer(db, user, id))) throw new HttpError(404, 'There is no transfer with that id that you can see.');
    const body = request.body as Static<typeof DecisionBody>;
    const input = {
      decision: body.decision, reason: body.reason?.trim() ?? '', practitionerId: body.practitionerId ?? null,
      overrideReason: body.overrideReason?.trim() ?? '', confirmOverCapacity: body.confirmOverCapacity === true,
    };
    const result = await decideTransfer(db, user, id, input, new Date().toISOString().slice(0, 10));
    if (!result.ok) {
      const status = result.errors.confirmOverCapacity ? 409 : 400;
      throw new HttpError(status, message(result.errors), result.errors);
    }
    const d = result.value;
    await audit(db, request, { action: `api.transfer.${body.decision}`, personId: d.personId, detail: { id, status: d.status, practitionerId: d.practitionerId, regionMoved: d.regionMoved, reason: input.reason || null, overrideReason: input.overrideReason || null } });
    return toApi((await visibleTransfer(db, user, id))!);
  });
}

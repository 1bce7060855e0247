import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { deliveryReference, pduByCode } from './repository.ts';
import { forecastKeys, forecastsAt } from './service.ts';

const Query = Type.Object({
  pdu: Type.Optional(Type.String({ description: 'PDU code, e.g. NE-NCL', maxLength: 40 })),
  requirement: Type.Optional(Type.String({ description: 'A requirement type code (e.g. unpaid_work), accredited_programme:<CODE> for a programme (e.g. accredited_programme:TSP), or accredited_programme for the soonest programme', maxLength: 80 })),
});
const NullStr = Type.Union([Type.String(), Type.Null()]);
const ForecastBody = Type.Object({
  pdu: Type.String(),
  requirement: Type.String(),
  requirementName: Type.String(),
  available: Type.Boolean({ description: 'A start date can be forecast' }),
  status: Type.String({ description: 'scheduled, not_delivered, no_capacity or no_group_scheduled' }),
  earliestStartOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  position: Type.Integer({ description: 'A new order\'s place in the queue (waiting + 1)' }),
  waiting: Type.Integer({ description: 'People waiting now' }),
  explanation: Type.String(),
  reasons: Type.Array(Type.String(), { description: 'Each step behind the date' }),
  beyondLimit: Type.Boolean({ description: 'The start would be later than the requirement\'s legal or policy limit' }),
  limitExplanation: NullStr,
  limitOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
});

/** Either permission: court and case staff read forecasts (case:read), managers maintain them (capacity:manage). */
async function readsForecasts(request: FastifyRequest) {
  if (!can(request.user, PERMISSIONS.caseRead) && !can(request.user, PERMISSIONS.capacityManage)) {
    throw new HttpError(403, 'Your role does not allow you to read start-date forecasts. It needs case:read or capacity:manage.');
  }
}

/** The start-date forecast on the API: the same capacity, queue and rules as the pages. */
export async function forecastApi(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/forecast', {
    onRequest: [requires(), readsForecasts],
    schema: {
      summary: 'The earliest start of a requirement for a new order at a PDU, with its position in the queue, reasons and limit',
      tags: ['sentencing'], querystring: Query,
      response: { 200: ForecastBody, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef },
    },
  }, async (request) => {
    const query = request.query as Static<typeof Query>;
    const code = query.pdu?.trim();
    const key = query.requirement?.trim();
    const missing = [!code && 'pdu', !key && 'requirement'].filter(Boolean);
    if (missing.length) throw new HttpError(400, `Give ${missing.join(' and ')}: for example ?pdu=NE-NCL&requirement=unpaid_work`);
    const pdu = await pduByCode(db, code!);
    if (!pdu) throw new HttpError(400, `There is no PDU with the code "${code}".`);
    const ref = await deliveryReference(db);
    if (key !== 'accredited_programme' && !forecastKeys(ref).includes(key!)) {
      throw new HttpError(400, `"${key}" is not a requirement that can be forecast. Use a requirement type code (for example unpaid_work) or accredited_programme:<CODE> (for example accredited_programme:TSP).`);
    }
    const f = (await forecastsAt(db, pdu.id, new Date().toISOString().slice(0, 10), [key!])).get(key!)!;
    return {
      pdu: pdu.code, requirement: key!, requirementName: f.requirementName, available: f.available, status: f.status,
      earliestStartOn: f.earliestStartOn, position: f.position, waiting: f.waiting, explanation: f.explanation, reasons: f.reasons,
      beyondLimit: f.beyondLimit, limitExplanation: f.limitExplanation, limitOn: f.limitOn,
    };
  });
}

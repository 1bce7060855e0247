import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { openCase } from '../people/case-page.ts';
import { HttpError } from '../platform/http/errors.ts';
import { ProblemRef } from '../platform/http/problem.ts';
import { recordConviction } from './record-conviction.ts';
import { convictionReferences, eventsFor } from './repository.ts';
import { validateConviction } from './rules.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateString = (description: string) => Type.String({ description: `${description} (YYYY-MM-DD)`, maxLength: 10 });
const Months = (description: string) => Type.Integer({ description: `${description}, in months` });
const crnParams = Type.Object({ crn: Type.String({ description: 'Case reference number, e.g. X123456', maxLength: 20 }) });

const NewEvent = Type.Object({
  mainOffence: Type.Object({ code: Type.String({ description: 'An offence code from the reference list, e.g. VAP-ABH', maxLength: 20 }), offenceDate: DateString('Date of the offence') }),
  additionalOffences: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20, description: 'Codes of additional offences, recorded with the main offence\'s date' })),
  convictionDate: DateString('Date of conviction'),
  court: Type.String({ maxLength: 200 }),
  sentence: Type.Object({
    type: Type.String({ description: 'community_order, suspended_sentence_order or custody', maxLength: 40 }),
    sentencedOn: DateString('Date of sentence'),
    lengthMonths: Months('Community order length, suspended sentence operational period, or custodial term'),
    custodialTermMonths: Type.Optional(Nullable(Months('Suspended sentence: the custodial term suspended'))),
    supervisionMonths: Type.Optional(Nullable(Months('Suspended sentence: the supervision period'))),
    releaseOn: Type.Optional(Nullable(DateString('Custody: the expected or actual release date'))),
    licenceEndsOn: Type.Optional(Nullable(DateString('Custody: the end of the licence, if before the end of the sentence'))),
    requirements: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 12, description: 'Requirement type codes, e.g. rehabilitation_activity' })),
  }),
});
type NewEvent = Static<typeof NewEvent>;

const Str = Type.String();
const NullStr = Nullable(Type.String());
const Event = Type.Object({
  eventNumber: Type.Integer(), convictionDate: Type.String({ format: 'date' }), court: Str,
  offences: Type.Array(Type.Object({ code: Str, description: Str, ogrs3Category: Str, offenceDate: Type.String({ format: 'date' }), main: Type.Boolean() })),
  sentence: Nullable(Type.Object({
    type: Str, sentencedOn: Type.String({ format: 'date' }), lengthMonths: Type.Integer(),
    custodialTermMonths: Nullable(Type.Integer()), supervisionMonths: Nullable(Type.Integer()),
    releaseOn: NullStr, licenceEndsOn: NullStr, expectedEndOn: Type.String({ format: 'date' }),
    status: Type.String({ description: 'active, completed, revoked or terminated_early' }), endedOn: NullStr, endReason: NullStr,
  })),
  requirements: Type.Array(Type.Object({ type: Str, name: Str, expectedStartOn: Str, expectedEndOn: Str, endedOn: NullStr })),
});

/** Events (convictions) and their sentences on the API: the same rules, validation and audit as the pages. */
export async function sentencingApi(app: FastifyInstance, { db }: { db: Db }) {
  const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };

  app.get('/people/:crn/events', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'A person\'s events (convictions), newest first, with offences, sentence and requirements', tags: ['sentencing'], params: crnParams, response: { 200: Type.Object({ crn: Type.String(), events: Type.Array(Event) }), ...errors } },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.events.read');
    const events = await eventsFor(db, person.id);
    return {
      crn: person.crn,
      events: events.map((e) => ({
        eventNumber: e.event_number, convictionDate: e.conviction_date, court: e.court,
        offences: e.offences.map((o) => ({ code: o.offence_code, description: o.description, ogrs3Category: o.ogrs3_category, offenceDate: o.offence_date, main: o.main })),
        sentence: e.sentence && {
          type: e.sentence.sentence_type, sentencedOn: e.sentence.sentenced_on, lengthMonths: e.sentence.length_months,
          custodialTermMonths: e.sentence.custodial_term_months, supervisionMonths: e.sentence.supervision_months,
          releaseOn: e.sentence.release_on, licenceEndsOn: e.sentence.licence_ends_on, expectedEndOn: e.sentence.expected_end_on,
          status: e.sentence.status, endedOn: e.sentence.ended_on, endReason: e.sentence.end_reason,
        },
        requirements: e.requirements.map((r) => ({ type: r.requirement_type, name: r.name, expectedStartOn: r.expected_start_on, expectedEndOn: r.expected_end_on, endedOn: r.ended_on })),
      })),
    };
  });

  app.post('/people/:crn/events', {
    onRequest: requires(PERMISSIONS.sentencesManage),
    schema: {
      summary: 'Record a conviction with its sentence; the scores and tier are recalculated',
      tags: ['sentencing'], params: crnParams, body: NewEvent,
      response: { 201: Type.Object({ crn: Type.String(), eventNumber: Type.Integer(), tier: NullStr }), ...errors },
    },
  }, async (request, reply) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.events.read');
    const body = request.body as NewEvent;
    const s = body.sentence;
    // The same validation as the page, which reads form fields by these names.
    const fields: Record<string, unknown> = {
      mainOffence: body.mainOffence.code, offenceDate: body.mainOffence.offenceDate, additionalOffences: body.additionalOffences ?? [],
      convictionDate: body.convictionDate, court: body.court, sentenceType: s.type, sentencedOn: s.sentencedOn,
      lengthMonths: s.lengthMonths, custodialTermMonths: s.custodialTermMonths ?? '', supervisionMonths: s.supervisionMonths ?? '',
      releaseOn: s.releaseOn ?? '', licenceEndsOn: s.licenceEndsOn ?? '', requirements: s.requirements ?? [],
    };
    const { date_of_birth: dateOfBirth } = await db.selectFrom('people').select('date_of_birth').where('id', '=', person.id).executeTakeFirstOrThrow();
    const validated = validateConviction(fields, await convictionReferences(db), { dateOfBirth }, new Date().toISOString().slice(0, 10));
    if (!validated.ok) throw new HttpError(400, `The conviction was not saved: ${Object.values(validated.errors).join('; ')}`, validated.errors);
    const saved = await recordConviction(db, person.id, validated.value, request.user!.id);
    await audit(db, request, { action: 'event.create', personId: person.id, detail: { event: saved.event.event_number, sentence: s.type, via: 'api' } });
    return reply.code(201).header('location', `/api/v1/people/${person.crn}/events`).send({ crn: person.crn, eventNumber: saved.event.event_number, tier: saved.tier });
  });
}

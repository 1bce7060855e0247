import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { openCase } from '../people/case-page.ts';
import { HttpError } from '../platform/http/errors.ts';
import { ProblemRef } from '../platform/http/problem.ts';
import { recordConviction, recordSentence } from './record-conviction.ts';
import { convictionReferences, eventByNumber, eventsFor, type EventRow } from './repository.ts';
import { describeRequirement } from './requirements.ts';
import { validateConviction, validateSentence } from './rules.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateString = (description: string) => Type.String({ description: `${description} (YYYY-MM-DD)`, maxLength: 10 });
const Months = (description: string) => Type.Integer({ description: `${description}, in months` });
const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const crnParams = Type.Object({ crn: Type.String({ description: 'Case reference number, e.g. X123456', maxLength: 20 }) });
const eventParams = Type.Object({ crn: crnParams.properties.crn, number: Type.String({ description: 'The event number on the case (1, 2, ...)', maxLength: 12 }) });

const Requirement = Type.Object({
  type: Type.String({ description: 'Requirement type code, e.g. unpaid_work', maxLength: 40 }),
  hours: Opt(Type.Integer({ description: 'Unpaid work (40-300) or attendance centre (12-36) hours' })),
  days: Opt(Type.Integer({ description: 'Rehabilitation activity: the most days; alcohol abstinence: days (up to 120)' })),
  sessions: Opt(Type.Integer({ description: 'Accredited programme: sessions' })),
  programme: Opt(Type.String({ description: 'Accredited programme code, e.g. TSP', maxLength: 20 })),
  months: Opt(Type.Integer({ description: 'Treatment, curfew (up to 24) or exclusion (up to 24) period in months, within the order' })),
  residential: Opt(Type.Boolean({ description: 'Treatment: residential (true) or not' })),
  consent: Opt(Type.Boolean({ description: 'Treatment: the person has expressed willingness to comply (required)' })),
  testsPerMonth: Opt(Type.Integer({ description: 'Drug rehabilitation: minimum tests a month' })),
  hoursPerDay: Opt(Type.Integer({ description: 'Curfew: 2-20 hours a day' })),
  daysPerWeek: Opt(Type.Integer({ description: 'Curfew: days a week (at most 112 hours a week)' })),
  electronicMonitoring: Opt(Type.Boolean({ description: 'Curfew or exclusion: electronically monitored (the default)' })),
  monitoringReason: Opt(Type.String({ maxLength: 500, description: 'Why a curfew or exclusion is not monitored' })),
  place: Opt(Type.String({ maxLength: 500, description: 'Curfew address, or the place excluded from' })),
  address: Opt(Type.String({ maxLength: 500, description: 'Residence: the address' })),
  activity: Opt(Type.String({ maxLength: 500, description: 'Prohibited activity: the activity' })),
});
const NewSentence = Type.Object({
  type: Type.String({ description: 'community_order, suspended_sentence_order or custody', maxLength: 40 }),
  sentencedOn: DateString('Date of sentence'),
  lengthMonths: Months('Community order length, suspended sentence operational period, or custodial term'),
  custodialTermMonths: Opt(Nullable(Months('Suspended sentence: the custodial term suspended'))),
  supervisionMonths: Opt(Nullable(Months('Suspended sentence: the supervision period'))),
  releaseFraction: Opt(Nullable(Type.Number({ description: 'Custody: the part of the term served before conditional release: 0.5 (default), 0.4 or 0.667' }))),
  releaseOn: Opt(Nullable(DateString('Custody: the release date from the prison\'s calculation; default the computed conditional release date'))),
  licenceEndsOn: Opt(Nullable(DateString('Custody: the end of the licence, if before the end of the sentence'))),
  requirements: Opt(Type.Array(Requirement, { maxItems: 12 })),
  licenceConditions: Opt(Type.Array(Type.Object({ code: Type.String({ maxLength: 40 }), detail: Opt(Nullable(Type.String({ maxLength: 1000 }))) }), {
    maxItems: 20, description: 'Custody: additional licence conditions (the standard ones are always included)',
  })),
});
type NewSentence = Static<typeof NewSentence>;
const NewEvent = Type.Object({
  mainOffence: Type.Object({ code: Type.String({ description: 'An offence code from the reference list, e.g. VAP-ABH', maxLength: 20 }), offenceDate: DateString('Date of the offence') }),
  additionalOffences: Opt(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20, description: 'Codes of additional offences, recorded with the main offence\'s date' })),
  convictionDate: DateString('Date of conviction'),
  court: Type.String({ maxLength: 200 }),
  outcome: Opt(Type.String({ maxLength: 40, description: 'sentenced (default when a sentence is given), adjourned_for_report or adjourned' })),
  nextHearingOn: Opt(Nullable(DateString('When adjourned: the date of the next hearing'))),
  sentence: Opt(Nullable(NewSentence)),
});
type NewEvent = Static<typeof NewEvent>;

const Str = Type.String();
const NullStr = Nullable(Type.String());
const Int = Type.Integer();
const RequirementOut = Type.Object({
  type: Str, name: Str, units: Nullable(Int), unit: NullStr, programme: NullStr, programmeName: NullStr,
  details: Type.Object({}, { additionalProperties: true, description: 'The requirement\'s other details (months, residential, hoursPerDay...)' }),
  description: Str, expectedStartOn: Str, expectedEndOn: Str, endedOn: NullStr,
});
const SentenceOut = Type.Object({
  eventNumber: Int, type: Str, status: Type.String({ description: 'active, completed, revoked or terminated_early' }),
  sentencedOn: Str, lengthMonths: Int, custodialTermMonths: Nullable(Int), supervisionMonths: Nullable(Int), releaseFraction: Nullable(Type.Number()),
  releaseOn: NullStr, licenceEndsOn: NullStr, expectedEndOn: Str, endedOn: NullStr, endReason: NullStr,
  keyDates: Type.Object({
    sentencedOn: Str, expectedEndOn: Str, conditionalReleaseOn: NullStr, releaseOn: NullStr, licenceEndsOn: NullStr, topUpSupervisionEndsOn: NullStr,
  }),
  requirements: Type.Array(RequirementOut),
  licenceConditions: Type.Array(Type.Object({ code: Str, name: Str, standard: Type.Boolean(), detail: NullStr })),
});
const Event = Type.Object({
  eventNumber: Int, convictionDate: Type.String({ format: 'date' }), court: Str,
  outcome: Type.String({ description: 'The conviction hearing: sentenced, adjourned_for_report or adjourned' }),
  nextHearingOn: NullStr, awaitingSentence: Type.Boolean(),
  offences: Type.Array(Type.Object({ code: Str, description: Str, ogrs3Category: Str, offenceDate: Type.String({ format: 'date' }), main: Type.Boolean() })),
  sentence: Nullable(SentenceOut),
  requirements: Type.Array(RequirementOut),
});

function sentenceOut(e: EventRow) {
  const s = e.sentence!;
  return {
    eventNumber: e.event_number, type: s.sentence_type, status: s.status, sentencedOn: s.sentenced_on, lengthMonths: s.length_months,
    custodialTermMonths: s.custodial_term_months, supervisionMonths: s.supervision_months, releaseFraction: s.release_fraction === null ? null : Number(s.release_fraction),
    releaseOn: s.release_on, licenceEndsOn: s.licence_ends_on, expectedEndOn: s.expected_end_on, endedOn: s.ended_on, endReason: s.end_reason,
    keyDates: {
      sentencedOn: s.sentenced_on, expectedEndOn: s.expected_end_on, conditionalReleaseOn: s.conditional_release_on,
      releaseOn: s.release_on, licenceEndsOn: s.licence_ends_on, topUpSupervisionEndsOn: s.top_up_ends_on,
    },
    requirements: requirementsOut(e),
    licenceConditions: e.licenceConditions.map((c) => ({ code: c.condition_code, name: c.name, standard: c.standard, detail: c.detail })),
  };
}
const requirementsOut = (e: EventRow) => e.requirements.map((r) => ({
  type: r.requirement_type, name: r.name, units: r.units, unit: r.unit, programme: r.programme_code, programmeName: r.programme_name, details: r.details,
  description: describeRequirement({ code: r.requirement_type, unit: r.unit }, { units: r.units, details: r.details, programmeName: r.programme_name }),
  expectedStartOn: r.expected_start_on, expectedEndOn: r.expected_end_on, endedOn: r.ended_on,
}));

/** The API's sentence as the form's fields, so both go through the same validation (`<type>-<field>` for requirements). */
function sentenceFields(s: NewSentence): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    sentenceType: s.type, sentencedOn: s.sentencedOn, lengthMonths: s.lengthMonths, custodialTermMonths: s.custodialTermMonths ?? '',
    supervisionMonths: s.supervisionMonths ?? '', releaseFraction: s.releaseFraction ?? '', releaseOn: s.releaseOn ?? '', licenceEndsOn: s.licenceEndsOn ?? '',
    requirements: (s.requirements ?? []).map((r) => r.type), licenceConditions: (s.licenceConditions ?? []).map((c) => c.code),
  };
  for (const { type, ...rest } of s.requirements ?? []) {
    for (const [key, value] of Object.entries(rest)) {
      fields[`${type}-${key}`] = key === 'residential' ? (value ? 'residential' : 'non_residential') : typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
    }
  }
  for (const c of s.licenceConditions ?? []) fields[`licence-${c.code}`] = c.detail ?? '';
  return fields;
}

/** Events (convictions) and their sentences on the API: the same rules, validation and audit as the pages. */
export async function sentencingApi(app: FastifyInstance, { db }: { db: Db }) {
  const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };
  const today = () => new Date().toISOString().slice(0, 10);
  const dateOfBirth = async (personId: number) => (await db.selectFrom('people').select('date_of_birth').where('id', '=', personId).executeTakeFirstOrThrow()).date_of_birth;

  app.get('/people/:crn/events', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'A person\'s events (convictions), newest first, with offences, sentence and requirements', tags: ['sentencing'], params: crnParams, response: { 200: Type.Object({ crn: Type.String(), events: Type.Array(Event) }), ...errors } },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.events.read');
    const events = await eventsFor(db, person.id);
    return {
      crn: person.crn,
      events: events.map((e) => ({
        eventNumber: e.event_number, convictionDate: e.conviction_date, court: e.court, outcome: e.outcome, nextHearingOn: e.next_hearing_on, awaitingSentence: !e.sentence,
        offences: e.offences.map((o) => ({ code: o.offence_code, description: o.description, ogrs3Category: o.ogrs3_category, offenceDate: o.offence_date, main: o.main })),
        sentence: e.sentence && sentenceOut(e),
        requirements: requirementsOut(e),
      })),
    };
  });

  app.get('/people/:crn/sentences', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'A person\'s sentences, newest first, with key dates, requirements (details, expected start and end) and licence conditions',
      tags: ['sentencing'], params: crnParams, response: { 200: Type.Object({ crn: Type.String(), underActiveSentence: Type.Boolean(), sentences: Type.Array(SentenceOut) }), ...errors },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.sentences.read');
    const sentences = (await eventsFor(db, person.id)).filter((e) => e.sentence).map(sentenceOut);
    return { crn: person.crn, underActiveSentence: sentences.some((s) => s.status === 'active'), sentences };
  });

  app.post('/people/:crn/events', {
    onRequest: requires(PERMISSIONS.sentencesManage),
    schema: {
      summary: 'Record a conviction, with its sentence or awaiting one (adjourned); the scores and tier are recalculated',
      tags: ['sentencing'], params: crnParams, body: NewEvent,
      response: { 201: Type.Object({ crn: Type.String(), eventNumber: Type.Integer(), awaitingSentence: Type.Boolean(), tier: NullStr }), ...errors },
    },
  }, async (request, reply) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.events.read');
    const body = request.body as NewEvent;
    // The same validation as the page, which reads form fields by these names.
    const fields: Record<string, unknown> = {
      mainOffence: body.mainOffence.code, offenceDate: body.mainOffence.offenceDate, additionalOffences: body.additionalOffences ?? [],
      convictionDate: body.convictionDate, court: body.court, outcome: body.outcome ?? (body.sentence ? 'sentenced' : ''), nextHearingOn: body.nextHearingOn ?? '',
      ...(body.sentence ? sentenceFields(body.sentence) : {}),
    };
    const validated = validateConviction(fields, await convictionReferences(db), { dateOfBirth: await dateOfBirth(person.id) }, today());
    if (!validated.ok) throw new HttpError(400, `The conviction was not saved: ${Object.values(validated.errors).join('; ')}`, validated.errors);
    const saved = await recordConviction(db, person.id, validated.value, request.user!.id, today());
    await audit(db, request, { action: 'event.create', personId: person.id, detail: { event: saved.event.event_number, outcome: validated.value.outcome, sentence: validated.value.sentence?.type ?? null, via: 'api' } });
    return reply.code(201).header('location', `/api/v1/people/${person.crn}/events`)
      .send({ crn: person.crn, eventNumber: saved.event.event_number, awaitingSentence: !validated.value.sentence, tier: saved.tier });
  });

  app.post('/people/:crn/events/:number/sentence', {
    onRequest: requires(PERMISSIONS.sentencesManage),
    schema: {
      summary: 'Record the sentence for an event awaiting it (one sentence per event); requirements join their start-date queues and the tier is recalculated',
      tags: ['sentencing'], params: eventParams, body: NewSentence,
      response: { 201: Type.Object({ crn: Type.String(), tier: NullStr, sentence: SentenceOut }), ...errors, 409: ProblemRef },
    },
  }, async (request, reply) => {
    const params = request.params as { crn: string; number: string };
    const person = await openCase(db, request, params.crn, 'api.case.events.read');
    const number = /^\d{1,9}$/.test(params.number) ? Number(params.number) : 0;
    const event = number > 0 ? await eventByNumber(db, person.id, number) : undefined;
    if (!event) throw new HttpError(404, `There is no event ${params.number} on case ${person.crn}.`);
    if (event.sentence_id) throw new HttpError(409, `Event ${number} already has a sentence: an event can have only one.`);
    const validated = validateSentence(sentenceFields(request.body as NewSentence), await convictionReferences(db), { dateOfBirth: await dateOfBirth(person.id) }, today(), { convictionDate: event.conviction_date });
    if (!validated.ok) throw new HttpError(400, `The sentence was not saved: ${Object.values(validated.errors).join('; ')}`, validated.errors);
    const saved = await recordSentence(db, person.id, event, validated.value, request.user!.id, today());
    if (saved.status === 'sentenced') throw new HttpError(409, `Event ${number} already has a sentence: an event can have only one.`);
    await audit(db, request, { action: 'sentence.create', personId: person.id, detail: { event: number, sentence: validated.value.type, via: 'api' } });
    const row = (await eventsFor(db, person.id)).find((e) => e.event_number === number)!;
    return reply.code(201).header('location', `/api/v1/people/${person.crn}/sentences`).send({ crn: person.crn, tier: saved.tier, sentence: sentenceOut(row) });
  });
}

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase } from '../../people/case-page.ts';
import { HttpError, notFound } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { requirementProgress } from './counting.ts';
import { noteFor } from './presenter.ts';
import { contactOf, contactsOf, requirementsOf, toCounted, toRequirementsToCount, versionsOf, type ContactRow } from './repository.ts';
import { bookAppointment, correctContact, recordContact, recordOutcome } from './service.ts';
import type { ContactOutcome } from './tables.ts';

const crnParams = Type.Object({ crn: Type.String({ description: 'Case reference number, e.g. X123456', maxLength: 20 }) });
const contactParams = Type.Object({ crn: crnParams.properties.crn, id: Type.String({ description: 'The contact\'s id', maxLength: 12 }) });
const NullStr = Type.Union([Type.String(), Type.Null()]);
const Outcome = Type.Union(['attended_complied', 'attended_failed_to_comply', 'acceptable_absence', 'unacceptable_absence', 'rescheduled'].map((v) => Type.Literal(v)));
const Contact = Type.Object({
  id: Type.Integer(), type: Type.String(), typeName: Type.String(), appointment: Type.Boolean(),
  startsAt: Type.String({ format: 'date-time' }), durationMinutes: Type.Integer(), practitionerId: Type.Union([Type.Integer(), Type.Null()]), practitioner: NullStr,
  location: NullStr, requirementId: Type.Union([Type.Integer(), Type.Null()]), outcome: Type.Union([Outcome, Type.Null()]), outcomeEvidence: NullStr,
  countsForCompliance: Type.Boolean(), directEngagement: Type.Boolean(),
  notes: Type.Union([Type.String(), Type.Null()], { description: 'Null when there are none or when withheld (sensitive, without contacts:sensitive)' }),
  sensitive: Type.Boolean(), notesWithheld: Type.Boolean(), change: Type.String(), changeReason: NullStr, rescheduledToContactId: Type.Union([Type.Integer(), Type.Null()]),
});
const Version = Type.Object({
  versionId: Type.Integer(), supersedesId: Type.Union([Type.Integer(), Type.Null()]), change: Type.String(), changeReason: NullStr, recordedBy: NullStr,
  recordedAt: Type.String({ format: 'date-time' }), startsAt: Type.String({ format: 'date-time' }), durationMinutes: Type.Integer(), outcome: Type.Union([Outcome, Type.Null()]),
  outcomeEvidence: NullStr, notes: NullStr, sensitive: Type.Boolean(), notesWithheld: Type.Boolean(),
});
const Progress = Type.Object({ requirementId: Type.Integer(), requirementType: Type.String(), unit: Type.String(), ordered: Type.Union([Type.Number(), Type.Null()]), credited: Type.Number(), remaining: Type.Union([Type.Number(), Type.Null()]) });
const NewAppointment = Type.Object({
  type: Type.String({ maxLength: 40, description: 'An appointment type code: office, home_visit, phone, video, unpaid_work, programme, other_agency' }),
  startsAt: Type.String({ format: 'date-time', description: 'ISO 8601 with an offset, e.g. 2026-03-27T10:00:00Z' }),
  durationMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  practitionerId: Type.Optional(Type.Integer({ description: 'Whose diary; defaults to the caller' })),
  location: Type.Optional(Type.String({ maxLength: 200 })), requirementId: Type.Optional(Type.Integer()),
  notes: Type.Optional(Type.String({ maxLength: 20000 })), sensitive: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const NewContact = Type.Object({
  type: Type.String({ maxLength: 40 }), startsAt: Type.String({ format: 'date-time' }),
  durationMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })), location: Type.Optional(Type.String({ maxLength: 200 })),
  requirementId: Type.Optional(Type.Integer()), outcome: Type.Optional(Outcome), outcomeEvidence: Type.Optional(Type.String({ maxLength: 2000 })),
  notes: Type.Optional(Type.String({ maxLength: 20000 })), sensitive: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const NewOutcome = Type.Object({
  outcome: Outcome, outcomeEvidence: Type.Optional(Type.String({ maxLength: 2000 })), notes: Type.Optional(Type.String({ maxLength: 20000 })),
  sensitive: Type.Optional(Type.Boolean()), durationMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
}, { additionalProperties: false });
const NewCorrection = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 2000 }), startsAt: Type.Optional(Type.String({ format: 'date-time' })),
  durationMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })), location: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  outcome: Type.Optional(Type.Union([Outcome, Type.Null()])), outcomeEvidence: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  notes: Type.Optional(Type.Union([Type.String({ maxLength: 20000 }), Type.Null()])), sensitive: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

const instant = (value: string, field: string) => {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) throw new HttpError(400, `${field} must be a date and time like 2026-03-27T10:00:00Z`);
  return date;
};

function contactOut(c: ContactRow, seesSensitive: boolean) {
  const note = noteFor(c.notes, c.sensitive, seesSensitive);
  const withheld = note.hidden;
  return {
    id: c.contact_id, type: c.type_code, typeName: c.type_name, appointment: c.appointment, startsAt: new Date(c.starts_at).toISOString(), durationMinutes: c.duration_minutes,
    practitionerId: c.practitioner_id, practitioner: c.practitioner_name, location: c.location, requirementId: c.requirement_id, outcome: c.outcome,
    outcomeEvidence: withheld ? null : c.outcome_evidence, countsForCompliance: c.counts_for_compliance, directEngagement: c.direct_engagement,
    notes: withheld ? null : c.notes, sensitive: c.sensitive, notesWithheld: withheld, change: c.change, changeReason: c.change_reason, rescheduledToContactId: c.rescheduled_to_contact_id,
  };
}

/** Contacts on the API: the same service, rules, access list and audit as the pages. */
export async function contactApi(app: FastifyInstance, { db }: { db: Db }) {
  const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };
  const sees = (request: FastifyRequest) => can(request.user, PERMISSIONS.contactsSensitive);
  const idOf = (raw: string) => {
    const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
    if (!id) throw notFound(`There is no contact ${raw}.`);
    return id;
  };
  const one = async (request: FastifyRequest, personId: number, crn: string, id: number) => {
    const row = await contactOf(db, personId, id);
    if (!row) throw notFound(`There is no contact ${id} on case ${crn}.`);
    return contactOut(row, sees(request));
  };

  app.get('/people/:crn/contacts', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'A person\'s current contacts, newest first, with unpaid work hours and RAR days done and remaining', tags: ['contacts'], params: crnParams,
      response: { 200: Type.Object({ crn: Type.String(), contacts: Type.Array(Contact), progress: Type.Array(Progress) }), ...errors } },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.contacts.read');
    const [rows, requirements] = await Promise.all([contactsOf(db, person.id), requirementsOf(db, person.id)]);
    const progress = requirementProgress(toRequirementsToCount(requirements), toCounted(rows)).map(({ explanation: _e, ...p }) => p);
    return { crn: person.crn, contacts: rows.map((r) => contactOut(r, sees(request))), progress };
  });

  app.get('/people/:crn/contacts/:id', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'One contact, with every version (who changed what and why)', tags: ['contacts'], params: contactParams,
      response: { 200: Type.Object({ crn: Type.String(), contact: Contact, versions: Type.Array(Version) }), ...errors } },
  }, async (request) => {
    const params = request.params as { crn: string; id: string };
    const person = await openCase(db, request, params.crn, 'api.case.contact.read');
    const id = idOf(params.id);
    const contact = await one(request, person.id, person.crn, id);
    const versions = (await versionsOf(db, person.id, id)).map((v) => {
      const note = noteFor(v.notes, v.sensitive, sees(request));
      return { versionId: v.id, supersedesId: v.supersedes_id, change: v.change, changeReason: v.change_reason, recordedBy: v.recorded_by_name, recordedAt: new Date(v.recorded_at).toISOString(),
        startsAt: new Date(v.starts_at).toISOString(), durationMinutes: v.duration_minutes, outcome: v.outcome, outcomeEvidence: note.hidden ? null : v.outcome_evidence,
        notes: note.hidden ? null : v.notes, sensitive: v.sensitive, notesWithheld: note.hidden };
    });
    return { crn: person.crn, contact, versions };
  });

  app.post('/people/:crn/appointments', {
    onRequest: requires(PERMISSIONS.contactsRecord),
    schema: { summary: 'Book an appointment; refused with 409 when it clashes with the practitioner\'s or the person\'s diary', tags: ['contacts'], params: crnParams, body: NewAppointment,
      response: { 201: Type.Object({ crn: Type.String(), contact: Contact }), ...errors, 409: ProblemRef } },
  }, async (request, reply) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.contacts.read');
    const body = request.body as Static<typeof NewAppointment>;
    const startsAt = instant(body.startsAt, 'startsAt');
    if (startsAt.getTime() < Date.now() - 60_000) throw new HttpError(400, 'An appointment must be in the future: record one that has happened with POST /people/{crn}/contacts');
    const { contactId } = await db.transaction().execute((trx) => bookAppointment(trx, {
      personId: person.id, typeCode: body.type, practitionerId: body.practitionerId ?? request.user!.id, startsAt, durationMinutes: body.durationMinutes,
      location: body.location, requirementId: body.requirementId, notes: body.notes, sensitive: body.sensitive, bookedBy: request.user!.id,
    }));
    await audit(db, request, { action: 'contact.book', personId: person.id, detail: { contactId, type: body.type, startsAt: startsAt.toISOString(), via: 'api' } });
    return reply.code(201).header('location', `/api/v1/people/${person.crn}/contacts/${contactId}`).send({ crn: person.crn, contact: await one(request, person.id, person.crn, contactId) });
  });

  app.post('/people/:crn/contacts', {
    onRequest: requires(PERMISSIONS.contactsRecord),
    schema: { summary: 'Record a contact that has happened (a phone call, message, case note, or an appointment with its outcome)', tags: ['contacts'], params: crnParams, body: NewContact,
      response: { 201: Type.Object({ crn: Type.String(), contact: Contact }), ...errors } },
  }, async (request, reply) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.contacts.read');
    const body = request.body as Static<typeof NewContact>;
    const { contactId } = await db.transaction().execute((trx) => recordContact(trx, {
      personId: person.id, typeCode: body.type, startsAt: instant(body.startsAt, 'startsAt'), durationMinutes: body.durationMinutes, location: body.location,
      requirementId: body.requirementId, outcome: (body.outcome ?? null) as ContactOutcome | null, evidence: body.outcomeEvidence, notes: body.notes, sensitive: body.sensitive, by: request.user!.id,
    }));
    await audit(db, request, { action: 'contact.record', personId: person.id, detail: { contactId, type: body.type, outcome: body.outcome ?? null, via: 'api' } });
    return reply.code(201).header('location', `/api/v1/people/${person.crn}/contacts/${contactId}`).send({ crn: person.crn, contact: await one(request, person.id, person.crn, contactId) });
  });

  app.post('/people/:crn/contacts/:id/outcome', {
    onRequest: requires(PERMISSIONS.contactsRecord),
    schema: { summary: 'Record an appointment\'s outcome (a new version); acceptable absence needs evidence; enforcement is reviewed', tags: ['contacts'], params: contactParams, body: NewOutcome,
      response: { 200: Type.Object({ crn: Type.String(), contact: Contact }), ...errors, 409: ProblemRef } },
  }, async (request) => {
    const params = request.params as { crn: string; id: string };
    const person = await openCase(db, request, params.crn, 'api.case.contact.read');
    const id = idOf(params.id);
    await one(request, person.id, person.crn, id);
    const body = request.body as Static<typeof NewOutcome>;
    await db.transaction().execute((trx) => recordOutcome(trx, id, { outcome: body.outcome as ContactOutcome, evidence: body.outcomeEvidence, notes: body.notes, sensitive: body.sensitive, durationMinutes: body.durationMinutes, by: request.user!.id }));
    await audit(db, request, { action: 'contact.outcome', personId: person.id, detail: { contactId: id, outcome: body.outcome, via: 'api' } });
    return { crn: person.crn, contact: await one(request, person.id, person.crn, id) };
  });

  app.post('/people/:crn/contacts/:id/corrections', {
    onRequest: requires(PERMISSIONS.contactsRecord),
    schema: { summary: 'Correct a contact: a new version with the reason, pointing at the old one (kept)', tags: ['contacts'], params: contactParams, body: NewCorrection,
      response: { 201: Type.Object({ crn: Type.String(), contact: Contact }), ...errors, 409: ProblemRef } },
  }, async (request, reply) => {
    const params = request.params as { crn: string; id: string };
    const person = await openCase(db, request, params.crn, 'api.case.contact.read');
    const id = idOf(params.id);
    const before = await one(request, person.id, person.crn, id);
    const body = request.body as Static<typeof NewCorrection>;
    if (before.notesWithheld && (body.notes !== undefined || body.sensitive !== undefined)) throw new HttpError(403, 'This contact\'s note is sensitive: your role cannot read or change it.');
    await db.transaction().execute((trx) => correctContact(trx, id, {
      reason: body.reason, startsAt: body.startsAt === undefined ? undefined : instant(body.startsAt, 'startsAt'), durationMinutes: body.durationMinutes,
      location: body.location, outcome: body.outcome as ContactOutcome | null | undefined, evidence: body.outcomeEvidence, notes: body.notes, sensitive: body.sensitive, by: request.user!.id,
    }));
    await audit(db, request, { action: 'contact.correct', personId: person.id, detail: { contactId: id, reason: body.reason, via: 'api' } });
    return reply.code(201).send({ crn: person.crn, contact: await one(request, person.id, person.crn, id) });
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase } from '../../people/case-page.ts';
import { badRequest } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { validateConsent } from './consent-form.ts';
import { consentHistory, outbox, recordConsent, remindersFor, STATUSES } from './repository.ts';
import type { ReminderStatus } from './tables.ts';

const tags = ['reminders'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Crn = Type.Object({ crn: Type.String({ maxLength: 20 }) });
const DateTime = Type.String({ format: 'date-time' });
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const Status = Type.Union(STATUSES.map((s) => Type.Literal(s)));

const Consent = Type.Object({
  consented: Type.Boolean(), mobile: Nullable(Type.String({ description: 'E.164, like +447700900123' })),
  withdrawn: Type.Boolean({ description: 'This change withdrew an earlier yes' }), note: Nullable(Type.String()),
  recordedAt: DateTime, recordedBy: Nullable(Type.String()),
});
const Message = Type.Object({
  id: Type.Integer(), appointmentAt: DateTime, phone: Type.String(), text: Type.String(), status: Status, attempts: Type.Integer(),
  nextAttemptAt: Nullable(DateTime), provider: Nullable(Type.String()), providerReference: Nullable(Type.String()),
  lastError: Nullable(Type.String({ description: 'Why it was not sent, or the provider\'s last error' })),
  createdAt: DateTime, sentAt: Nullable(DateTime), deliveredAt: Nullable(DateTime),
});

type ConsentRow = Awaited<ReturnType<typeof consentHistory>>[number];
const consentJson = (c: ConsentRow) => ({
  consented: c.consented, mobile: c.mobile, withdrawn: c.withdrawn, note: c.note, recordedAt: iso(c.recorded_at)!, recordedBy: c.recordedBy,
});
type MessageRow = Awaited<ReturnType<typeof remindersFor>>[number];
const messageJson = (m: Omit<MessageRow, 'typeName' | 'contact_id'>) => ({
  id: Number(m.id), appointmentAt: iso(m.appointment_at)!, phone: m.phone, text: m.text, status: m.status, attempts: m.attempts,
  nextAttemptAt: iso(m.next_attempt_at), provider: m.provider, providerReference: m.provider_reference, lastError: m.last_error,
  createdAt: iso(m.created_at)!, sentAt: iso(m.sent_at), deliveredAt: iso(m.delivered_at),
});

/** Consent, a person's reminders and the outbox: the same access list and audit as the pages. */
export async function reminderApi(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/people/:crn/reminder-consent', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'A person\'s consent to text reminders: the current answer and its history, newest first', tags, params: Crn,
      response: { 200: Type.Object({ current: Nullable(Consent), history: Type.Array(Consent) }), 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.reminders.read');
    const history = (await consentHistory(db, person.id)).map(consentJson);
    return { current: history[0] ?? null, history };
  });

  app.put('/people/:crn/reminder-consent', {
    onRequest: requires(PERMISSIONS.contactsRecord),
    schema: {
      summary: 'Record the person\'s answer: consented with a UK mobile number, or not (after a yes, a withdrawal)', tags, params: Crn,
      body: Type.Object({
        consented: Type.Boolean(),
        mobile: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Needed when consented: a UK mobile, like 07700 900123 or +447700900123' }))),
        note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      }),
      response: { 200: Type.Object({ current: Consent, cancelledReminders: Type.Integer() }), 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const body = request.body as { consented: boolean; mobile?: string | null; note?: string | null };
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.reminders.read');
    const check = validateConsent({ consented: body.consented, mobile: body.mobile ?? '', note: body.note ?? '' });
    if (!check.ok) throw badRequest(Object.values(check.errors).join('. '), check.errors);
    const saved = await recordConsent(db, person.id, check.value, request.user!.id);
    await audit(db, request, { action: 'api.reminders.consent.record', personId: person.id, detail: { consented: check.value.consented, withdrawn: saved.withdrawn } });
    const [current] = await consentHistory(db, person.id);
    return { current: consentJson(current!), cancelledReminders: saved.cancelled };
  });

  app.get('/people/:crn/reminders', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'The text reminders written for a person\'s appointments, newest appointment first, with their delivery status', tags, params: Crn,
      response: { 200: Type.Object({ reminders: Type.Array(Message) }), 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.reminders.read');
    return { reminders: (await remindersFor(db, person.id)).map(messageJson) };
  });

  app.get('/reminders/outbox', {
    onRequest: requires(PERMISSIONS.remindersRead),
    schema: {
      summary: 'The outbox and delivery log of reminders in the caller\'s scope, newest first, 50 a page; a case the access list refuses gives only its CRN', tags,
      querystring: Type.Object({ status: Type.Optional(Status), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }),
      response: {
        200: Type.Object({
          total: Type.Integer(), page: Type.Integer(),
          reminders: Type.Array(Type.Object({ crn: Type.String(), restricted: Type.Boolean(), status: Status, reminder: Nullable(Message) })),
        }),
        400: ProblemRef, 401: ProblemRef, 403: ProblemRef,
      },
    },
  }, async (request) => {
    const q = request.query as { status?: ReminderStatus; page?: number };
    const page = q.page ?? 1;
    const { rows, total } = await outbox(db, request.user!, { status: q.status ?? null, page });
    await audit(db, request, { action: 'api.reminders.outbox.read', detail: { status: q.status ?? null, page } });
    return {
      total, page,
      reminders: rows.map((r) => ({ crn: r.crn, restricted: !r.viewable, status: r.status, reminder: r.viewable ? messageJson(r) : null })),
    };
  });
}

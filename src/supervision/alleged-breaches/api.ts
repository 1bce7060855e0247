import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { partnerReport, partnerReports } from './repository.ts';
import { ACTIVITIES, KINDS, LIMITS, validateReport } from './rules.ts';
import { reportAllegedBreach } from './service.ts';

const tags = ['alleged-breaches'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('reported'), Type.Literal('accepted'), Type.Literal('not_accepted')]);
const literals = (map: Record<string, string>, description: string) => Type.Union(Object.keys(map).map((key) => Type.Literal(key)), { description });

const ReportBody = Type.Object({
  crn: Type.String({ description: 'The person\'s CRN, as probation gave it to you: one capital letter and 6 digits', maxLength: 20 }),
  dateOfBirth: Type.Optional(Type.String({ description: 'YYYY-MM-DD. Give this or surname (or both): all that you give must match', maxLength: 10 })),
  surname: Type.Optional(Type.String({ maxLength: 100 })),
  reference: Type.String({ description: 'Your own reference for this report. Sending the same reference again returns the same report', maxLength: LIMITS.reference }),
  failureDate: Type.String({ description: 'The date of the alleged failure, YYYY-MM-DD', maxLength: 10 }),
  kind: literals(KINDS, 'missed_appointment, failed_to_comply (with instructions), behaviour or other'),
  activity: literals(ACTIVITIES, 'What the person was doing with you: unpaid_work, programme (an accredited programme) or other_agency'),
  activityDetail: Type.Optional(Type.String({ description: 'The session, placement or requirement, e.g. "Tuesday placement, Walker Park"', maxLength: LIMITS.activityDetail })),
  description: Type.String({ description: 'What happened, in plain words', maxLength: LIMITS.description }),
  contactName: Type.String({ description: 'Who at your organisation probation can contact about it', maxLength: LIMITS.contactName }),
});

/** All a partner ever sees of a report: its reference, status and probation's decision with the note written for them. */
const PartnerView = Type.Object({
  id: Type.Integer(),
  reference: Type.String(),
  status: Status,
  reportedAt: Type.String({ format: 'date-time' }),
  decision: Nullable(Type.Object({
    outcome: Type.Union([Type.Literal('accepted'), Type.Literal('not_accepted')], { description: 'accepted: probation has recorded it as a failure to comply and will act on it' }),
    decidedOn: Type.String({ format: 'date' }),
    note: Nullable(Type.String({ description: 'A note probation wrote for you' })),
  })),
});
type PartnerRow = NonNullable<Awaited<ReturnType<typeof partnerReport>>>;
const present = (row: PartnerRow): Static<typeof PartnerView> => ({
  id: row.id, reference: row.reporter_reference, status: row.status, reportedAt: new Date(row.reported_at).toISOString(),
  decision: row.status === 'reported' || !row.decided_at ? null
    : { outcome: row.status, decidedOn: new Date(row.decided_at).toISOString().slice(0, 10), note: row.partner_note },
});

const NO_MATCH = 'No one under probation supervision matches that CRN with the date of birth or surname given. Check the details with the person\'s probation practitioner.';
const NOT_YOURS = 'There is no alleged breach with that id reported by your organisation.';

/** Intake of alleged breaches from providers and partners: they report, and read back only probation's decision. */
export async function allegedBreachApi(app: FastifyInstance, { db }: { db: Db }) {
  const report = requires(PERMISSIONS.breachesReport);

  app.post('/alleged-breaches', {
    onRequest: report,
    // Validation is ours (rules.ts), so a bad body gets a message for every field at once.
    attachValidation: true,
    schema: {
      summary: 'Report an alleged failure to comply for a person you work with; probation decides what happens',
      description: 'Identify the person by CRN with date of birth or surname. A repeat with the same reference and content returns 200 with the same id; different content under a used reference is 409.',
      tags, body: ReportBody,
      response: {
        200: Type.Object({ id: Type.Integer(), status: Status }, { description: 'Already reported under this reference' }),
        201: Type.Object({ id: Type.Integer(), status: Status }),
        400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef, 409: ProblemRef,
      },
    },
  }, async (request, reply) => {
    const today = new Date().toISOString().slice(0, 10);
    const validated = validateReport(request.body, today);
    if (!validated.ok) throw new HttpError(400, Object.values(validated.errors).join('; '), validated.errors);
    const result = await db.transaction().execute((trx) => reportAllegedBreach(trx, request.user!, validated.value));
    switch (result.kind) {
      case 'no-match':
        await audit(db, request, { action: 'api.alleged-breach.no-match', detail: { crn: validated.value.crn, reference: validated.value.reference } });
        throw new HttpError(404, NO_MATCH);
      case 'conflict':
        throw new HttpError(409, `Your reference ${validated.value.reference} was already used for alleged breach ${result.id}, with different details. Use a new reference for a new report.`);
      default:
        await audit(db, request, { action: result.kind === 'created' ? 'api.alleged-breach.report' : 'api.alleged-breach.report-repeated', personId: result.personId, detail: { id: result.id, reference: validated.value.reference } });
        return reply.code(result.kind === 'created' ? 201 : 200).send({ id: result.id, status: result.status });
    }
  });

  app.get('/alleged-breaches/:id', {
    onRequest: report,
    schema: {
      summary: 'One of your organisation\'s alleged breach reports: its status and probation\'s decision (never case details)', tags,
      params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) }),
      response: { 200: PartnerView, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const id = Number((request.params as { id: string }).id);
    const row = await partnerReport(db, request.user!.agencyCode, id);
    await audit(db, request, { action: row ? 'api.alleged-breach.read' : 'api.alleged-breach.read-refused', detail: { id } });
    if (!row) throw new HttpError(404, NOT_YOURS);
    return present(row);
  });

  app.get('/alleged-breaches', {
    onRequest: report,
    schema: {
      summary: 'Your organisation\'s alleged breach reports, newest first, optionally by status', tags,
      querystring: Type.Object({ status: Type.Optional(Status) }),
      response: { 200: Type.Object({ reports: Type.Array(PartnerView) }), 400: ProblemRef, 401: ProblemRef, 403: ProblemRef },
    },
  }, async (request) => {
    const status = (request.query as { status?: 'reported' | 'accepted' | 'not_accepted' }).status ?? null;
    const rows = await partnerReports(db, request.user!.agencyCode, status);
    await audit(db, request, { action: 'api.alleged-breach.list', detail: { status, count: rows.length } });
    return { reports: rows.map(present) };
  });
}

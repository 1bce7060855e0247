import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { openCase } from '../people/case-page.ts';
import { HttpError } from '../platform/http/errors.ts';
import { ProblemRef } from '../platform/http/problem.ts';
import { sendPdf } from '../platform/pdf/reply.ts';
import { readDraft } from './content.ts';
import { reportsFor, versionContent, versionPdf, type VersionRow } from './repository.ts';
import { loadReport, request as requestReport } from './service.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Str = Type.String();
const NullStr = Nullable(Type.String());
const crnParams = Type.Object({ crn: Type.String({ description: 'Case reference number, e.g. X123456', maxLength: 20 }) });
const reportParams = Type.Object({ crn: crnParams.properties.crn, id: Type.String({ description: 'The report\'s id', maxLength: 20 }) });
const versionParams = Type.Object({ ...reportParams.properties, n: Type.String({ description: 'The version number, from 1', maxLength: 10 }) });

const NewReport = Type.Object({
  eventNumber: Type.Integer({ description: 'The event (conviction) the report is for, usually the one awaiting sentence', minimum: 1, maximum: 999999 }),
  type: Type.String({ description: 'oral, short (short format, fast delivery) or standard', maxLength: 20 }),
  court: Type.String({ maxLength: 200 }),
  hearingOn: Type.String({ description: 'The hearing the report is for (YYYY-MM-DD)', maxLength: 10 }),
  dueOn: Type.Optional(Type.String({ description: 'When the report is due (YYYY-MM-DD); the hearing date if omitted', maxLength: 10 })),
  courtNotes: Type.Optional(Type.String({ description: 'What the court asked for or is considering', maxLength: 4000 })),
});
type NewReport = Static<typeof NewReport>;

const Version = Type.Object({
  version: Type.Integer(), submittedAt: Str, submittedBy: Str, author: Str,
  countersignedBy: NullStr, countersignedOn: NullStr, pdf: Type.String({ description: 'Where to download this version\'s PDF' }),
});
const Summary = Type.Object({
  id: Type.Integer(), status: Type.String({ description: 'requested, assigned, in_progress, awaiting_countersignature, returned, complete or cancelled' }),
  type: Str, eventNumber: Type.Integer(), court: Str, hearingOn: Str, dueOn: Str, courtNotes: Str, team: Str,
  assignedTo: NullStr, statusReason: NullStr, requestedAt: Str, versions: Type.Array(Version),
});
const Detail = Type.Object({
  ...Summary.properties,
  draft: Type.Object({ sections: Type.Record(Str, Str), proposal: Type.Unknown() }, { description: 'The writer\'s current draft' }),
  latestVersion: Nullable(Type.Object({ version: Type.Integer(), sections: Type.Unknown(), risk: Type.Unknown(), proposal: Type.Unknown() }, {
    description: 'The newest version as submitted: its sections, the risk pulled from the record at the time, and the proposal with each requirement\'s forecast',
  })),
});

/** Pre-sentence reports on the API: the same rules, validation and audit as the pages. */
export async function reportsApi(app: FastifyInstance, { db }: { db: Db }) {
  const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };
  const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;
  const version = (crn: string, id: number) => (v: VersionRow) => ({
    version: v.version, submittedAt: new Date(v.submitted_at).toISOString(), submittedBy: v.submitted_by_name, author: v.author_name,
    countersignedBy: v.countersigned_by_name, countersignedOn: v.countersigned_on, pdf: `/api/v1/people/${crn}/reports/${id}/versions/${v.version}/pdf`,
  });
  const summary = (crn: string, r: Awaited<ReturnType<typeof reportsFor>>[number]) => ({
    id: r.id, status: r.status, type: r.report_type, eventNumber: r.event_number, court: r.court, hearingOn: r.hearing_on, dueOn: r.due_on,
    courtNotes: r.court_notes, team: r.team_name, assignedTo: r.assigned_to_name, statusReason: r.status_reason, requestedAt: new Date(r.requested_at).toISOString(),
    versions: r.versions.map(version(crn, r.id)),
  });

  app.get('/people/:crn/reports', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'A person\'s pre-sentence reports, newest first, with status and versions', tags: ['reports'], params: crnParams, response: { 200: Type.Object({ crn: Str, reports: Type.Array(Summary) }), ...errors } },
  }, async (request) => {
    const person = await openCase(db, request, crnOf(request), 'api.case.reports.read');
    return { crn: person.crn, reports: (await reportsFor(db, person.id)).map((r) => summary(person.crn, r)) };
  });

  app.post('/people/:crn/reports', {
    onRequest: requires(PERMISSIONS.reportsWrite),
    schema: {
      summary: 'Record a court\'s request for a pre-sentence report; it lands in the requesting officer\'s team queue',
      tags: ['reports'], params: crnParams, body: NewReport, response: { 201: Type.Object({ crn: Str, id: Type.Integer(), status: Str }), ...errors },
    },
  }, async (request, reply) => {
    const person = await openCase(db, request, crnOf(request), 'api.case.reports.read');
    const body = request.body as NewReport;
    const outcome = await requestReport(db, request, person, {
      eventNumber: body.eventNumber, type: body.type, court: body.court, hearingOn: body.hearingOn, dueOn: body.dueOn ?? '', courtNotes: body.courtNotes ?? '',
    });
    if (!outcome.ok) throw new HttpError(400, `The request was not recorded: ${Object.values(outcome.errors).join('; ')}`, outcome.errors);
    return reply.code(201).header('location', `/api/v1/people/${person.crn}/reports/${outcome.value}`).send({ crn: person.crn, id: outcome.value, status: 'requested' });
  });

  app.get('/people/:crn/reports/:id', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'One report: its request, draft sections and proposal, and every version', tags: ['reports'], params: reportParams, response: { 200: Detail, ...errors } },
  }, async (request) => {
    const person = await openCase(db, request, crnOf(request), 'api.case.reports.read');
    const report = await loadReport(db, person, (request.params as { id: string }).id);
    const last = report.versions.at(-1);
    const content = last ? await versionContent(db, report.id, last.version) : undefined;
    const draft = readDraft(report.draft);
    return {
      ...summary(person.crn, report),
      draft: { sections: draft.sections, proposal: draft.proposal },
      latestVersion: content && last ? { version: last.version, sections: content.sections, risk: content.risk, proposal: content.proposal } : null,
    };
  });

  app.get('/people/:crn/reports/:id/versions/:n/pdf', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'One version of a report as the PDF the court received (application/pdf)', tags: ['reports'], params: versionParams,
      response: { 200: { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errors },
    },
  }, async (request, reply) => {
    const person = await openCase(db, request, crnOf(request), 'api.case.reports.pdf.read');
    const { id, n } = request.params as { id: string; n: string };
    const report = await loadReport(db, person, id);
    const pdf = /^\d{1,6}$/.test(n) ? await versionPdf(db, person.id, report.id, Number(n)) : null;
    if (!pdf) throw new HttpError(404, `Report ${report.id} has no version ${n}.`);
    return sendPdf(reply, pdf, `pre-sentence-report-${person.crn}-${report.id}-v${n}.pdf`);
  });
}

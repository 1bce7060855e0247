import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, PERMISSIONS, type CurrentUser } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { openCase, openCasePage, type CaseHeader } from '../people/case-page.ts';
import { dateParts } from '../platform/http/dates.ts';
import { HttpError } from '../platform/http/errors.ts';
import { sendPdf } from '../platform/pdf/reply.ts';
import { formatDate } from '../platform/views/render.ts';
import { draftValues, readDraft, SECTIONS, type ProposalSnapshot } from './content.ts';
import {
  presentCaseReports, presentHistory, presentProposal, presentQueue, presentReportSummary, presentRisk, presentVersions,
  programmeRows, requirementItems, sentenceItems,
} from './presenter.ts';
import { assignableUsers, queue, references, reportsFor, riskSnapshot, versionContent, versionPdf } from './repository.ts';
import {
  assign, check, closeOrReturn, countersign, eventChoices, forecastsFor, loadReport, request as requestReport, todayIso, write, type EventChoices,
} from './service.ts';
import { REPORT_TYPES, type ReportAction } from './status.ts';
import type { ReportDetail } from './repository.ts';

const VIEWS = 'reports/views';
type Values = Record<string, unknown>;
type Person = { id: number; crn: string };
type Params = { crn: string; id: string; n: string };

/** Whether the action would be allowed now (for showing its form), without throwing. */
const allowed = (user: CurrentUser, report: ReportDetail, action: ReportAction) => {
  try {
    check(user, report, action);
    return true;
  } catch {
    return false;
  }
};

/** The Reports tab of a case, the team's queue, requesting, assigning, writing and countersigning. */
export async function reportRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const writer = { onRequest: requires(PERMISSIONS.reportsWrite) };
  const countersigner = { onRequest: requires(PERMISSIONS.reportsCountersign) };
  const params = (request: FastifyRequest) => request.params as Params;

  app.get('/reports', writer, async (request, reply) => {
    const user = request.user!;
    const mine = (request.query as { view?: string }).view === 'mine';
    const today = todayIso();
    const rows = mine ? await queue(db, user, { assignedTo: user.id }) : user.teamId === null ? [] : await queue(db, user, { teamId: user.teamId });
    const awaiting = !mine && can(user, PERMISSIONS.reportsCountersign) ? rows.filter((r) => r.status === 'awaiting_countersignature' && r.author_id !== user.id) : [];
    const team = user.teamId === null ? null : await db.selectFrom('teams').select('name').where('id', '=', user.teamId).executeTakeFirst();
    return reply.page(`${VIEWS}/queue.njk`, {
      pageTitle: mine ? 'My reports' : 'Pre-sentence reports',
      mine,
      teamName: team?.name ?? null,
      rows: presentQueue(rows, today),
      awaiting: presentQueue(awaiting, today),
      overdueCount: rows.filter((r) => r.due_on < today).length,
    });
  });

  app.get('/people/:crn/reports', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, params(request).crn, 'case.reports.read');
    const q = request.query as { requested?: string };
    return reply.page(`${VIEWS}/case-reports.njk`, {
      pageTitle: `Reports for ${person.crn}`, crn: person.crn, caseHeader,
      rows: presentCaseReports(await reportsFor(db, person.id), person.crn, todayIso()),
      canRequest: can(request.user, PERMISSIONS.reportsWrite),
      flash: q.requested ? 'The request has been recorded and is in your team\'s queue.' : undefined,
    });
  });

  const requestPage = (person: Person, caseHeader: CaseHeader, events: EventChoices, values: Values, errors?: Record<string, string>) => ({
    pageTitle: `Request a pre-sentence report for ${person.crn}`, crn: person.crn, caseHeader, values, errors,
    events: events.map((e) => ({
      value: String(e.eventNumber), checked: String(values.eventNumber ?? '') === String(e.eventNumber),
      text: `Event ${e.eventNumber}: ${e.offence}`,
      hint: { text: [`Convicted ${formatDate(e.convictionDate)} at ${e.court}`, e.awaitingSentence ? `awaiting sentence${e.nextHearingOn ? `, next hearing ${formatDate(e.nextHearingOn)}` : ''}` : 'sentenced', e.hasOpenReport ? 'already has a report in progress' : ''].filter(Boolean).join('; ') },
    })),
    types: REPORT_TYPES.map((t) => ({ value: t.code, text: t.name, hint: { text: t.hint }, checked: values.type === t.code })),
  });

  app.get('/people/:crn/reports/new', writer, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, params(request).crn, 'case.reports.read');
    const events = await eventChoices(db, person.id);
    // Pre-filled from the event awaiting sentence: its court and its next hearing.
    const awaiting = events.find((e) => e.awaitingSentence && !e.hasOpenReport);
    const values: Values = awaiting ? { eventNumber: String(awaiting.eventNumber), court: awaiting.court, ...dateParts('hearingOn', awaiting.nextHearingOn) } : {};
    return reply.page(`${VIEWS}/request.njk`, requestPage(person, caseHeader, events, values));
  });

  app.post('/people/:crn/reports', writer, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, params(request).crn, 'case.reports.read');
    const body = (request.body ?? {}) as Values;
    const outcome = await requestReport(db, request, person, body);
    if (!outcome.ok) return reply.code(400).page(`${VIEWS}/request.njk`, requestPage(person, caseHeader, await eventChoices(db, person.id), body, outcome.errors));
    return reply.redirect(`/people/${person.crn}/reports/${outcome.value}?requested=1`, 303);
  });

  const reportPage = async (request: FastifyRequest, person: Person, caseHeader: CaseHeader, report: ReportDetail, extra: { errors?: Record<string, string>; values?: Values; flash?: string } = {}) => {
    const user = request.user!;
    const today = todayIso();
    const last = report.versions.at(-1);
    const content = last ? await versionContent(db, report.id, last.version) : undefined;
    const canAssign = allowed(user, report, 'assign');
    const sections = content ? readDraft({ sections: content.sections }).sections : null;
    return {
      pageTitle: `Pre-sentence report for ${person.crn}`, crn: person.crn, caseHeader, report, errors: extra.errors, values: extra.values ?? {}, flash: extra.flash,
      summary: presentReportSummary(report, today),
      versions: presentVersions(report.versions, person.crn, report.id),
      history: presentHistory(report),
      latest: content && last && {
        version: last.version,
        sections: SECTIONS.map((s) => ({ heading: s.heading, paragraphs: (sections?.[s.key] ?? '').split(/\n+/).filter((line) => line.trim()) })),
        risk: presentRisk(content.risk as never),
        proposal: presentProposal(content.proposal as ProposalSnapshot),
      },
      canAssign,
      assignees: canAssign ? (await assignableUsers(db, report.team_id)).map((u) => ({ value: String(u.id), text: `${u.display_name}${u.grade ? ` (${u.grade})` : ''}`, selected: u.id === report.assigned_to })) : [],
      canWrite: allowed(user, report, 'save'),
      canCountersign: allowed(user, report, 'countersign'),
      ownReport: report.status === 'awaiting_countersignature' && can(user, PERMISSIONS.reportsCountersign) && last?.author_id === user.id,
      canCancel: allowed(user, report, 'cancel'),
    };
  };

  const FLASH: Record<string, string> = {
    requested: 'The request has been recorded and is in your team\'s queue. Assign it to the officer who will write it.',
    assigned: 'The report has been assigned.',
    submitted: 'The report has been submitted and its PDF produced.',
    countersigned: 'The report has been countersigned. It is ready for court.',
    returned: 'The report has been returned to its writer with your reason.',
    cancelled: 'The report has been cancelled.',
  };

  app.get('/people/:crn/reports/:id', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, params(request).crn, 'case.reports.read');
    const report = await loadReport(db, person, params(request).id);
    const flag = Object.keys(FLASH).find((key) => (request.query as Record<string, unknown>)[key]);
    return reply.page(`${VIEWS}/report.njk`, await reportPage(request, person, caseHeader, report, { flash: flag ? FLASH[flag] : undefined }));
  });

  const action = (path: string, guard: typeof writer, act: (request: FastifyRequest, person: Person, report: ReportDetail, body: Values) => Promise<{ ok: boolean; errors?: Record<string, string> }>, done: string) => {
    app.post(`/people/:crn/reports/:id/${path}`, guard, async (request, reply) => {
      const { person, caseHeader } = await openCasePage(db, request, params(request).crn, 'case.reports.read');
      const report = await loadReport(db, person, params(request).id);
      const body = (request.body ?? {}) as Values;
      const outcome = await act(request, person, report, body);
      if (!outcome.ok) {
        const errors = Object.fromEntries(Object.entries(outcome.errors ?? {}).map(([field, text]) => [`${path}-${field}`, text]));
        return reply.code(400).page(`${VIEWS}/report.njk`, await reportPage(request, person, caseHeader, report, { errors, values: { [path]: body } }));
      }
      return reply.redirect(`/people/${person.crn}/reports/${report.id}?${done}=1`, 303);
    });
  };
  action('assign', writer, (req, person, report, body) => assign(db, req, person, report, body), 'assigned');
  action('countersign', countersigner, async (req, person, report) => {
    await countersign(db, req, person, report);
    return { ok: true };
  }, 'countersigned');
  action('return', countersigner, (req, person, report, body) => closeOrReturn(db, req, person, report, 'return', body), 'returned');
  action('cancel', writer, (req, person, report, body) => closeOrReturn(db, req, person, report, 'cancel', body), 'cancelled');

  const writePage = async (request: FastifyRequest, person: Person, caseHeader: CaseHeader, report: ReportDetail, values: Values, extra: { errors?: Record<string, string>; flash?: string } = {}) => {
    const today = todayIso();
    const refs = await references(db);
    const [risk, { pdu, forecasts }, events] = await Promise.all([riskSnapshot(db, person.id, today), forecastsFor(db, person.id, refs, today), eventChoices(db, person.id)]);
    const chosen = (Array.isArray(values.requirements) ? values.requirements : values.requirements ? [values.requirements] : []).map(String);
    const event = events.find((e) => e.id === report.event_id);
    return {
      pageTitle: `Write the pre-sentence report for ${person.crn}`, crn: person.crn, caseHeader, report, values, errors: extra.errors, flash: extra.flash,
      event, sections: SECTIONS, risk: presentRisk(risk), pduName: pdu?.name ?? null, today: formatDate(today),
      sentenceItems: sentenceItems(values.sentenceType),
      requirementItems: requirementItems(refs, forecasts, chosen, pdu?.name ?? null),
      programmes: [{ value: '', text: 'Choose a programme' }, ...refs.programmes.map((p) => ({ value: p.code, text: p.name, selected: values.programmeCode === p.code }))],
      programmeRows: programmeRows(refs, forecasts, pdu?.name ?? null),
      needsCountersignature: report.report_type !== 'oral',
    };
  };

  app.get('/people/:crn/reports/:id/write', writer, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, params(request).crn, 'case.reports.read');
    const report = await loadReport(db, person, params(request).id);
    check(request.user!, report, 'save');
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/write.njk`, await writePage(request, person, caseHeader, report, draftValues(readDraft(report.draft)), {
      flash: saved ? 'Your draft has been saved.' : undefined,
    }));
  });

  app.post('/people/:crn/reports/:id/write', writer, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, params(request).crn, 'case.reports.read');
    const report = await loadReport(db, person, params(request).id);
    const body = (request.body ?? {}) as Values;
    const result = await write(db, request, person, report, body);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/write.njk`, await writePage(request, person, caseHeader, report, body, { errors: result.errors }));
    if (result.submitted) return reply.redirect(`/people/${person.crn}/reports/${report.id}?submitted=1`, 303);
    return reply.redirect(`/people/${person.crn}/reports/${report.id}/write?saved=1`, 303);
  });

  app.get('/people/:crn/reports/:id/versions/:n(^\\d{1,6}).pdf', read, async (request, reply) => {
    const person = await openCase(db, request, params(request).crn, 'case.reports.pdf.read');
    const report = await loadReport(db, person, params(request).id);
    const n = Number(params(request).n);
    const pdf = await versionPdf(db, person.id, report.id, n);
    if (!pdf) throw new HttpError(404, `Report ${report.id} has no version ${n}.`);
    return sendPdf(reply, pdf, `pre-sentence-report-${person.crn}-${report.id}-v${n}.pdf`);
  });
}

/**
 * What happens to a report, for the pages and the API alike: each action checks who may take it
 * (mayAct) and whether the status allows it (transition), then writes the change with its history in
 * one transaction. A submission freezes a version: the sections, the risk the record holds now, the
 * proposal with each requirement's forecast, and its PDF.
 */
import type { FastifyRequest } from 'fastify';
import { userAllowedOnCase } from '../access/visibility.ts';
import { audit } from '../audit/request-audit.ts';
import { can, PERMISSIONS, type CurrentUser } from '../auth/current-user.ts';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { renderPdf } from '../platform/pdf/document.ts';
import { eventsFor } from '../sentencing/repository.ts';
import { forecastsAt, pduForPerson, type Forecast } from '../sentencing/forecast/service.ts';
import { forecastKey, parseDraft, proposalSnapshot, readDraft, submissionErrors, type Draft, type ProposalSnapshot, type References, type RiskSnapshot } from './content.ts';
import { reportDocument } from './document.ts';
import {
  addVersion, assignableUsers, moveReport, personFacts, references, reportFor, requestReport, riskSnapshot, versionContent,
  type ReportDetail,
} from './repository.ts';
import { validateReason, validateRequest } from './request-form.ts';
import { mayAct, transition, type ReportAction } from './status.ts';

export const todayIso = () => new Date().toISOString().slice(0, 10);
type Values = Record<string, unknown>;
type Person = { id: number; crn: string };
export type Outcome<T = void> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const actor = (user: CurrentUser) => ({ id: user.id, teamId: user.teamId, canWrite: can(user, PERMISSIONS.reportsWrite), canCountersign: can(user, PERMISSIONS.reportsCountersign) });
const latestAuthor = (report: ReportDetail) => report.versions.at(-1)?.author_id ?? null;
const changed = () => new HttpError(409, 'The report changed while you were working on it (someone else acted on it). Go back to the report to see where it is now.');

/** Refuses with 403 (who) or 409 (when) unless this user may take this action on the report now. */
export function check(user: CurrentUser, report: ReportDetail, action: ReportAction) {
  const who = mayAct(actor(user), { teamId: report.team_id, assignedTo: report.assigned_to, authorId: latestAuthor(report) }, action);
  if (!who.ok) throw new HttpError(403, who.message);
  const when = transition(report.status, action, report.report_type);
  if (!when.ok) throw new HttpError(409, when.message);
  return when.to;
}

export async function loadReport(db: Db, person: Person, idText: string): Promise<ReportDetail> {
  const id = /^\d{1,12}$/.test(idText) ? Number(idText) : NaN;
  const report = Number.isSafeInteger(id) ? await reportFor(db, person.id, id) : null;
  if (!report) throw new HttpError(404, `There is no report ${idText} on case ${person.crn}.`);
  return report;
}

/** The case's events to choose from: those awaiting sentence first (the usual subject of a report). */
export async function eventChoices(db: Db, personId: number) {
  const [events, extra, open] = await Promise.all([
    eventsFor(db, personId),
    db.selectFrom('events').select(['id', 'outcome', 'next_hearing_on']).where('person_id', '=', personId).execute(),
    db.selectFrom('pre_sentence_reports').select('event_id').where('person_id', '=', personId).where('status', 'not in', ['complete', 'cancelled']).execute(),
  ]);
  const busy = new Set(open.map((r) => r.event_id));
  return events.map((e) => {
    const more = extra.find((x) => x.id === e.id);
    return {
      id: e.id, eventNumber: e.event_number, court: e.court, convictionDate: e.conviction_date,
      offence: e.offences.find((o) => o.main)?.description ?? 'Offence not recorded',
      awaitingSentence: !e.sentence, nextHearingOn: more?.next_hearing_on ?? null, hasOpenReport: busy.has(e.id),
    };
  }).sort((a, b) => Number(b.awaitingSentence) - Number(a.awaitingSentence));
}
export type EventChoices = Awaited<ReturnType<typeof eventChoices>>;

async function notify(db: Db, personId: number, crn: string, userIds: number[], message: string, link: string) {
  // Only those the case's access list lets open it are told of it.
  const allowed = userIds.length ? (await db.selectFrom('users').select('id').where('id', 'in', userIds).where('active', '=', true).where(userAllowedOnCase(personId)).execute()).map((u) => u.id) : [];
  if (allowed.length) await db.insertInto('notifications').values(allowed.map((user_id) => ({ person_id: personId, user_id, kind: 'report', message: `${message} (${crn})`, link }))).execute();
}

export async function request(db: Db, req: FastifyRequest, person: Person, body: Values): Promise<Outcome<number>> {
  const user = req.user!;
  if (user.teamId === null) throw new HttpError(403, 'You are not in a team, so a request would land in no queue. Ask an administrator to put you in your court team.');
  const validated = validateRequest(body, await eventChoices(db, person.id), todayIso());
  if (!validated.ok) return validated;
  const id = await db.transaction().execute((trx) => requestReport(trx, person.id, validated.value, { id: user.id, teamId: user.teamId! }));
  await audit(db, req, { action: 'report.request', personId: person.id, detail: { report: id, type: validated.value.type } });
  return { ok: true, value: id };
}

export async function assign(db: Db, req: FastifyRequest, person: Person, report: ReportDetail, body: Values): Promise<Outcome> {
  const to = check(req.user!, report, 'assign');
  const chosen = typeof body.assignee === 'string' && /^\d{1,9}$/.test(body.assignee) ? Number(body.assignee) : null;
  const candidates = await assignableUsers(db, report.team_id);
  const assignee = candidates.find((c) => c.id === chosen);
  if (!assignee) return { ok: false, errors: { assignee: chosen === null ? 'Select the officer to write the report' : 'Select an officer of the court team from the list' } };
  const allowed = await db.selectFrom('users').select('id').where('id', '=', assignee.id).where(userAllowedOnCase(person.id)).executeTakeFirst();
  if (!allowed) return { ok: false, errors: { assignee: `${assignee.display_name} cannot open this case (its access list refuses them): choose someone else` } };
  await db.transaction().execute(async (trx) => {
    const moved = await moveReport(trx, report, { action: 'assign', from: report.status, to, detail: `Assigned to ${assignee.display_name}`, userId: req.user!.id, set: { assigned_to: assignee.id } });
    if (!moved) throw changed();
    if (assignee.id !== req.user!.id) await notify(trx, person.id, person.crn, [assignee.id], `You have been assigned a pre-sentence report due ${report.due_on}`, `/people/${person.crn}/reports/${report.id}`);
  });
  await audit(db, req, { action: 'report.assign', personId: person.id, detail: { report: report.id, assignee: assignee.id } });
  return { ok: true, value: undefined };
}

/** The PDU's forecast for every requirement type and programme, as of today (none when the person has no PDU). */
export async function forecastsFor(db: Db, personId: number, refs: References, today: string) {
  const pdu = await pduForPerson(db, personId);
  const keys = [...refs.requirementTypes.map((t) => t.code), ...refs.programmes.map((p) => forecastKey('accredited_programme', p.code))];
  const forecasts: Map<string, Forecast> = pdu ? await forecastsAt(db, pdu.id, today, keys) : new Map();
  return { pdu, forecasts };
}

export interface WriteResult { ok: boolean; errors: Record<string, string>; values: Values; submitted?: number }

/**
 * Saves what was typed as the draft, and on "submit" also freezes a version. A malformed field keeps
 * the saved draft as it was and shows everything typed back; a draft that is not complete enough to
 * submit is still saved.
 */
export async function write(db: Db, req: FastifyRequest, person: Person, report: ReportDetail, body: Values): Promise<WriteResult> {
  const submit = body.action === 'submit';
  check(req.user!, report, submit ? 'submit' : 'save');
  const refs = await references(db);
  const { draft, errors } = parseDraft(body, refs);
  if (Object.keys(errors).length) return { ok: false, errors, values: body };
  const saveTo = check(req.user!, report, 'save');
  const saved = await db.transaction().execute((trx) => moveReport(trx, report, { action: 'save', from: report.status, to: saveTo, userId: req.user!.id, set: { draft } }));
  if (!saved) throw changed();
  if (!submit) {
    await audit(db, req, { action: 'report.draft.save', personId: person.id, detail: { report: report.id } });
    return { ok: true, errors: {}, values: body };
  }
  const today = todayIso();
  const { date_of_birth: dateOfBirth } = await db.selectFrom('people').select('date_of_birth').where('id', '=', person.id).executeTakeFirstOrThrow();
  const incomplete = submissionErrors(draft, { dateOfBirth }, today);
  if (Object.keys(incomplete).length) return { ok: false, errors: incomplete, values: body };

  const current = { ...report, status: saveTo };
  const to = check(req.user!, current, 'submit');
  const [risk, { pdu, forecasts }] = await Promise.all([riskSnapshot(db, person.id, today), forecastsFor(db, person.id, refs, today)]);
  const proposal = proposalSnapshot(draft.proposal, refs, pdu && { code: pdu.code, name: pdu.name }, forecasts, today);
  const version = report.versions.length + 1;
  const pdf = await pdfFor(db, current, { draft, risk, proposal, version, author: req.user!.displayName, submittedOn: today, countersigned: null, pdu });
  const number = await db.transaction().execute(async (trx) => {
    if (!await moveReport(trx, current, { action: 'submit', from: saveTo, to, detail: `Version ${version} submitted`, userId: req.user!.id })) throw changed();
    const n = await addVersion(trx, report, { sections: draft.sections, risk, proposal, pdf, authorId: req.user!.id, submittedBy: req.user!.id });
    if (to === 'awaiting_countersignature') {
      const spos = await trx.selectFrom('users as u').innerJoin('role_permissions as p', 'p.role_code', 'u.role_code').select('u.id')
        .where('u.team_id', '=', report.team_id).where('p.permission', '=', PERMISSIONS.reportsCountersign).where('u.id', '<>', req.user!.id).execute();
      await notify(trx, person.id, person.crn, spos.map((s) => s.id), 'A pre-sentence report is awaiting your countersignature', `/people/${person.crn}/reports/${report.id}`);
    }
    return n;
  });
  await audit(db, req, { action: 'report.submit', personId: person.id, detail: { report: report.id, version: number, status: to } });
  return { ok: true, errors: {}, values: body, submitted: number };
}

async function pdfFor(db: Db, report: ReportDetail, v: {
  draft: Draft; risk: RiskSnapshot; proposal: ProposalSnapshot; version: number; author: string; submittedOn: string; countersigned: { by: string; on: string } | null; pdu: { name: string } | null;
}) {
  const person = await personFacts(db, report.person_id, report.event_id);
  const spec = reportDocument({
    person, report: { type: report.report_type, court: report.court, hearingOn: report.hearing_on, eventNumber: report.event_number },
    pdu: v.pdu, version: v.version, author: v.author, submittedOn: v.submittedOn, countersigned: v.countersigned,
  }, v.draft, v.risk, v.proposal);
  try {
    return await renderPdf(spec);
  } catch (error) {
    req503(error);
  }
}
function req503(error: unknown): never {
  throw new HttpError(503, `The report's PDF could not be produced, so nothing was submitted (your draft is saved). Try again in a moment. (${error instanceof Error ? error.message : 'unknown error'})`);
}

/** Countersigning makes the final version: the submitted content, signed, with a new PDF. */
export async function countersign(db: Db, req: FastifyRequest, person: Person, report: ReportDetail): Promise<number> {
  const to = check(req.user!, report, 'countersign');
  const last = report.versions.at(-1)!;
  const content = await versionContent(db, report.id, last.version);
  if (!content) throw changed();
  const today = todayIso();
  const draft = readDraft({ sections: content.sections, proposal: {} });
  const proposal = content.proposal as ProposalSnapshot;
  const risk = content.risk as RiskSnapshot;
  const version = last.version + 1;
  const pdf = await pdfFor(db, report, {
    draft, risk, proposal, version, author: last.author_name, submittedOn: new Date(content.submitted_at).toISOString().slice(0, 10),
    countersigned: { by: req.user!.displayName, on: today }, pdu: proposal.pdu,
  });
  const number = await db.transaction().execute(async (trx) => {
    if (!await moveReport(trx, report, { action: 'countersign', from: report.status, to, detail: `Version ${version} countersigned`, userId: req.user!.id, set: { status_reason: null } })) throw changed();
    const n = await addVersion(trx, report, {
      sections: content.sections, risk, proposal, pdf, authorId: content.author_id, submittedBy: req.user!.id, countersignedBy: req.user!.id, countersignedOn: today,
    });
    if (report.assigned_to) await notify(trx, person.id, person.crn, [report.assigned_to], 'Your pre-sentence report has been countersigned and is ready for court', `/people/${person.crn}/reports/${report.id}`);
    return n;
  });
  await audit(db, req, { action: 'report.countersign', personId: person.id, detail: { report: report.id, version: number } });
  return number;
}

/** Returning (with a reason, which reopens it for its writer) or cancelling (the court no longer needs it). */
export async function closeOrReturn(db: Db, req: FastifyRequest, person: Person, report: ReportDetail, action: 'return' | 'cancel', body: Values): Promise<Outcome> {
  const to = check(req.user!, report, action);
  const reason = validateReason(body, action === 'return' ? 'for returning the report: what should change' : 'for cancelling the report');
  if (!reason.ok) return reason;
  await db.transaction().execute(async (trx) => {
    if (!await moveReport(trx, report, { action, from: report.status, to, detail: reason.value, userId: req.user!.id, set: { status_reason: reason.value } })) throw changed();
    if (action === 'return' && report.assigned_to) {
      await notify(trx, person.id, person.crn, [report.assigned_to], `Your pre-sentence report was returned: ${reason.value.slice(0, 120)}`, `/people/${person.crn}/reports/${report.id}/write`);
    }
  });
  await audit(db, req, { action: `report.${action}`, personId: person.id, detail: { report: report.id } });
  return { ok: true, value: undefined };
}

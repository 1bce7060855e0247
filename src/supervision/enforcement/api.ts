import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { openCase } from '../../people/case-page.ts';
import { validateCountersign, validateOutcome, validatePropose, validateWarning } from './forms.ts';
import { caseEnforcement, countersignDecision, decisionById, issueWarning, proposeDecision, recordLaid, recordOutcome } from './repository.ts';
import { DEFAULT_SETTINGS, evaluate, EVENT_KINDS, isIsoDate, ORDER_TYPES } from './rules.ts';
import { enforcementSettings, enforcementStatusOf } from './service.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A date, YYYY-MM-DD' });
const NullDate = Type.Union([DateStr, Type.Null()]);
const NullStr = Type.Union([Type.String(), Type.Null()]);
const ActionKind = Type.Union([Type.Literal('warning'), Type.Literal('breach'), Type.Literal('further_failure'), Type.Literal('recall_review')]);

const EvaluateBody = Type.Object({
  orderType: Type.Union(ORDER_TYPES.map((t) => Type.Literal(t)), { description: 'community_order, suspended_sentence_order or licence' }),
  startDate: DateStr,
  events: Type.Array(Type.Object({ date: DateStr, kind: Type.Union(EVENT_KINDS.map((k) => Type.Literal(k))) }, { additionalProperties: false }), { maxItems: 5000 }),
}, { additionalProperties: false });
const EvaluateReply = Type.Object({
  actions: Type.Array(Type.Object({ date: DateStr, action: ActionKind, reason: Type.String({ description: 'Why the rules call for it' }) })),
  settings: Type.Object({ warningPeriodMonths: Type.Integer(), breachDeadlineWorkingDays: Type.Integer() }),
});

const Crn = Type.Object({ crn: Type.String({ maxLength: 20 }) });
const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) });
const Action = Type.Object({
  id: Type.Integer(), failureOn: DateStr, kind: ActionKind, status: Type.String({ description: 'open, done or withdrawn' }), reason: Type.String(),
  dueOn: NullDate, resolution: NullStr,
});
const Decision = Type.Object({
  id: Type.Integer(), kind: Type.String({ description: 'breach or recall' }), failureOn: DateStr, reasons: Type.String(), recallType: NullStr,
  status: Type.String({ description: 'proposed, countersigned or returned' }), proposedBy: Type.String(), countersignedBy: NullStr, countersignReasons: NullStr,
  deadlineOn: NullDate, laidOn: NullDate, outcome: NullStr, concludedOn: NullDate,
});
const CaseReply = Type.Object({
  crn: Type.String(),
  status: Type.String({ description: 'compliant, warning, breach_due, in_breach or recall_review' }),
  deadlineOn: NullDate,
  orderType: NullStr,
  failures: Type.Array(Type.Object({ date: DateStr, contactId: Type.Integer(), type: Type.String(), outcome: Type.String() })),
  warnings: Type.Array(Type.Object({ id: Type.Integer(), failureOn: DateStr, issuedOn: DateStr, issuedBy: Type.String() })),
  actions: Type.Array(Action),
  decisions: Type.Array(Decision),
});
const WarningBody = Type.Object({ actionId: Type.Integer({ minimum: 1 }), issuedOn: Type.Optional(DateStr) });
const ProposeBody = Type.Object({
  actionId: Type.Integer({ minimum: 1 }), kind: Type.Union([Type.Literal('breach'), Type.Literal('recall')]),
  reasons: Type.String({ maxLength: 5000 }), recallType: Type.Optional(Type.Union([Type.Literal('standard'), Type.Literal('fixed_term')])),
});
const CountersignBody = Type.Object({ decision: Type.Union([Type.Literal('countersign'), Type.Literal('return')]), reasons: Type.Optional(Type.String({ maxLength: 5000 })) });
const OutcomeBody = Type.Object({
  laidOn: Type.Optional(DateStr),
  outcome: Type.Optional(Type.String({ description: 'breach: continued_with_warning, amended, revoked_resentenced, not_proven; recall: recalled, not_recalled' })),
  concludedOn: Type.Optional(DateStr), notes: Type.Optional(Type.String({ maxLength: 5000 })),
});
const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef, 409: ProblemRef };

/** The field errors of a form check as one 400 the API sends. */
function fail(result: { ok: false; errors: Record<string, string> }): never {
  throw new HttpError(400, Object.values(result.errors).join('; '), result.errors);
}

async function decisionCase(db: Db, request: FastifyRequest, action: string) {
  const id = Number((request.params as { id: string }).id);
  const decision = await decisionById(db, id);
  if (!decision) throw new HttpError(404, `There is no breach or recall decision with id ${id}.`);
  const person = await openCase(db, request, decision.crn, action);
  return { decision, person };
}

/** Enforcement on the API: the rules on any history, a case's enforcement, warnings, proposals, countersigning, outcomes. */
export async function enforcementApi(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };

  app.post('/enforcement/evaluate', {
    onRequest: requires(),
    schema: {
      summary: 'Run the enforcement rules on a history without a case: one action per failure that needs one, in date order',
      tags: ['enforcement'], body: EvaluateBody, response: { 200: EvaluateReply, 400: ProblemRef, 401: ProblemRef },
    },
  }, async (request) => {
    const body = request.body as Static<typeof EvaluateBody>;
    if (!isIsoDate(body.startDate)) throw new HttpError(400, `startDate ${body.startDate} is not a real date.`, { startDate: 'Give a real date, YYYY-MM-DD' });
    const bad = body.events.findIndex((e) => !isIsoDate(e.date));
    if (bad >= 0) throw new HttpError(400, `events.${bad}.date ${body.events[bad]!.date} is not a real date.`, { [`events.${bad}.date`]: 'Give a real date, YYYY-MM-DD' });
    const s = await enforcementSettings(db).catch(() => DEFAULT_SETTINGS);
    const settings = { warningPeriodMonths: s.warningPeriodMonths, breachDeadlineWorkingDays: s.breachDeadlineWorkingDays };
    return { actions: evaluate({ orderType: body.orderType, startDate: body.startDate, events: body.events, settings }), settings };
  });

  app.get('/people/:crn/enforcement', {
    ...read,
    schema: { summary: 'A case\'s enforcement: status, failures, warnings, actions and breach or recall decisions', tags: ['enforcement'], params: Crn, response: { 200: CaseReply, ...errors } },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.enforcement.read');
    const today = todayIso();
    const [info, status] = await Promise.all([caseEnforcement(db, person.id, today), enforcementStatusOf(db, [person.id], today)]);
    const s = status.get(person.id)!;
    return {
      crn: person.crn, status: s.status, deadlineOn: s.deadlineOn, orderType: info.evaluation.order?.orderType ?? null,
      failures: info.evaluation.failures.map((f) => ({ date: f.date, contactId: f.contactId, type: f.typeName, outcome: f.outcome })),
      warnings: info.warnings.map((w) => ({ id: w.id, failureOn: w.failure_on, issuedOn: w.issued_on, issuedBy: w.issued_by_name })),
      actions: info.actions.map((a) => ({ id: a.id, failureOn: a.failure_on, kind: a.kind, status: a.status, reason: a.reason, dueOn: a.due_on, resolution: a.resolution })),
      decisions: info.decisions.map((d) => ({
        id: d.id, kind: d.kind, failureOn: d.failure_on, reasons: d.reasons, recallType: d.recall_type, status: d.status, proposedBy: d.proposed_by_name,
        countersignedBy: d.countersigned_by_name, countersignReasons: d.countersign_reasons, deadlineOn: d.deadline_on, laidOn: d.laid_on, outcome: d.outcome, concludedOn: d.concluded_on,
      })),
    };
  });

  app.post('/people/:crn/enforcement/warnings', {
    onRequest: requires(PERMISSIONS.caseloadHold),
    schema: { summary: 'Issue the warning letter an open warning action calls for (a PDF, recorded)', tags: ['enforcement'], params: Crn, body: WarningBody, response: { 201: Type.Object({ id: Type.Integer(), pdf: Type.String() }), ...errors } },
  }, async (request, reply) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.enforcement.read');
    const body = request.body as Static<typeof WarningBody>;
    const today = todayIso();
    const form = validateWarning({ issuedOn: body.issuedOn ?? today }, today);
    if (!form.ok) fail(form);
    const letter = await db.transaction().execute((trx) => issueWarning(trx, { personId: person.id, actionId: body.actionId, issuedOn: form.value.issuedOn, user: request.user!, today }));
    await audit(db, request, { action: 'enforcement.warning.issue', personId: person.id, detail: { letterId: letter.id, failureOn: letter.failureOn } });
    return reply.code(201).send({ id: letter.id, pdf: `/people/${person.crn}/enforcement/warnings/${letter.id}.pdf` });
  });

  app.post('/people/:crn/enforcement/decisions', {
    onRequest: requires(PERMISSIONS.caseloadHold),
    schema: { summary: 'Propose breach (an order) or recall (a licence) for an open action, with reasons, for a senior officer to countersign', tags: ['enforcement'], params: Crn, body: ProposeBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request, reply) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.enforcement.read');
    const body = request.body as Static<typeof ProposeBody>;
    const form = validatePropose({ kind: body.kind, reasons: body.reasons, recallType: body.recallType ?? '' });
    if (!form.ok) fail(form);
    const today = todayIso();
    const id = await db.transaction().execute((trx) => proposeDecision(trx, { personId: person.id, actionId: body.actionId, ...form.value, user: request.user!, today }));
    await audit(db, request, { action: 'enforcement.decision.propose', personId: person.id, detail: { id, kind: body.kind } });
    return reply.code(201).send({ id });
  });

  app.post('/enforcement/decisions/:id/countersign', {
    onRequest: requires(PERMISSIONS.enforcementCountersign),
    schema: { summary: 'Countersign or return (with reasons) a breach or recall proposal: a senior officer, never the proposer', tags: ['enforcement'], params: Id, body: CountersignBody, response: { 200: Type.Object({ id: Type.Integer(), status: Type.String(), deadlineOn: NullDate }), ...errors } },
  }, async (request) => {
    const { decision, person } = await decisionCase(db, request, 'api.case.enforcement.read');
    const body = request.body as Static<typeof CountersignBody>;
    const form = validateCountersign({ decision: body.decision, reasons: body.reasons ?? '' });
    if (!form.ok) fail(form);
    const today = todayIso();
    const result = await db.transaction().execute((trx) => countersignDecision(trx, { decisionId: decision.id, personId: person.id, ...form.value, user: request.user!, today }));
    await audit(db, request, { action: form.value.countersign ? 'enforcement.decision.countersign' : 'enforcement.decision.return', personId: person.id, detail: { id: decision.id } });
    return { id: decision.id, status: form.value.countersign ? 'countersigned' : 'returned', deadlineOn: result.deadlineOn };
  });

  app.post('/enforcement/decisions/:id/outcome', {
    onRequest: requires(PERMISSIONS.caseloadHold),
    schema: { summary: 'Record the breach laid before the court (laidOn) and/or the court\'s or recall outcome (outcome, concludedOn, notes)', tags: ['enforcement'], params: Id, body: OutcomeBody, response: { 200: Type.Object({ id: Type.Integer(), laidOn: NullDate, outcome: NullStr, concludedOn: NullDate }), ...errors } },
  }, async (request) => {
    const { decision, person } = await decisionCase(db, request, 'api.case.enforcement.read');
    if (!can(request.user, PERMISSIONS.caseloadHold)) throw new HttpError(403, 'Your role does not allow you to record enforcement outcomes.');
    const body = request.body as Static<typeof OutcomeBody>;
    const today = todayIso();
    if (!body.laidOn && !body.outcome) throw new HttpError(400, 'Give laidOn (the date the breach was laid), or an outcome with concludedOn.', { outcome: 'Give laidOn or an outcome' });
    if (body.laidOn && !isIsoDate(body.laidOn)) throw new HttpError(400, 'laidOn is not a real date.', { laidOn: 'Give a real date, YYYY-MM-DD' });
    const outcome = body.outcome ? validateOutcome({ outcome: body.outcome, concludedOn: body.concludedOn ?? '', notes: body.notes ?? '' }, decision.kind) : null;
    if (outcome && !outcome.ok) fail(outcome);
    await db.transaction().execute(async (trx) => {
      if (body.laidOn) await recordLaid(trx, { personId: person.id, decisionId: decision.id, laidOn: body.laidOn, today });
      if (outcome?.ok) await recordOutcome(trx, { personId: person.id, decisionId: decision.id, ...outcome.value, user: request.user!, today });
    });
    await audit(db, request, { action: 'enforcement.decision.outcome', personId: person.id, detail: { id: decision.id, laidOn: body.laidOn ?? null, outcome: body.outcome ?? null } });
    const after = (await decisionById(db, decision.id))!;
    return { id: decision.id, laidOn: after.laid_on, outcome: after.outcome, concludedOn: after.concluded_on };
  });
}

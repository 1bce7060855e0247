import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase, openCasePage } from '../../people/case-page.ts';
import { dateParts } from '../../platform/http/dates.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { sendPdf } from '../../platform/pdf/reply.ts';
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import { BREACH_OUTCOME_CODES, RECALL_OUTCOME_CODES, validateClose, validateCountersign, validateLaid, validateOutcome, validatePropose, validateReturn, validateWarning } from './forms.ts';
import { ACTION_NAMES, deadlineTag, statusLine } from './presenter.ts';
import {
  caseEnforcement, closeAction, countersignDecision, decisionPdf, issueWarning, OUTCOME_NAMES, OUTCOME_TEXT, proposeDecision, queueFor, recordLaid, recordOutcome, recordReturn, warningPdf,
} from './repository.ts';
import { enforcementSettings, enforcementStatusOf } from './service.ts';

const VIEWS = 'supervision/enforcement/views';
const todayIso = () => new Date().toISOString().slice(0, 10);
type Body = Record<string, unknown>;
const idOf = (value: string | undefined, what: string) => {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, `There is no ${what} with that id on this case.`);
  return id;
};
const FLASH: Record<string, string> = {
  warning: 'The warning letter has been issued and recorded.',
  proposed: 'The proposal has been sent to a senior officer for countersignature.',
  countersigned: 'The proposal has been countersigned.',
  returned: 'The proposal has been returned to the practitioner with your reasons.',
  laid: 'The date the breach was laid has been recorded.',
  outcome: 'The outcome has been recorded.',
  compliance: 'The return to compliance has been recorded.',
  closed: 'The action has been recorded as dealt with.',
};

/**
 * The practitioner's and senior officer's queue (/enforcement) and the case's Enforcement tab with its forms:
 * issue a warning letter (PDF), propose breach or recall, countersign or return (a senior officer, not their
 * own), record the breach laid, the outcome and a return to compliance. Every read and change is audited.
 */
export async function enforcementRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const work = { onRequest: requires(PERMISSIONS.caseloadHold) };

  app.get('/enforcement', read, async (request, reply) => {
    const user = request.user!;
    const today = todayIso();
    const [{ actions, proposals }, settings] = await Promise.all([queueFor(db, user), enforcementSettings(db)]);
    const name = (r: { allowed: boolean; first_name: string; last_name: string }) => (r.allowed ? `${r.first_name} ${r.last_name}` : 'Restricted');
    return reply.page(`${VIEWS}/queue.njk`, {
      pageTitle: 'Enforcement',
      // Providers' and partners' reports wait in their own queue for probation to decide.
      allegedBreaches: can(user, PERMISSIONS.breachesDecide),
      actions: actions.map((a) => ({
        crn: a.crn, name: name(a), kind: ACTION_NAMES[a.kind], failureOn: formatDate(a.failure_on), awaiting: a.awaiting,
        deadline: a.kind === 'breach' ? deadlineTag(today, a.due_on, settings.deadlineNearWorkingDays) : null,
      })),
      canCountersign: can(user, PERMISSIONS.enforcementCountersign),
      proposals: proposals.map((p) => ({
        crn: p.crn, name: name(p), kind: p.kind === 'breach' ? 'Breach' : `Recall (${p.recall_type === 'fixed_term' ? 'fixed-term' : 'standard'})`,
        failureOn: formatDate(p.failure_on), proposedBy: p.proposed_by_name, proposedAt: formatDateTime(p.proposed_at), id: p.id,
      })),
    });
  });

  const casePage = async (request: FastifyRequest) => {
    const { person, caseHeader } = await openCasePage(db, request, (request.params as { crn: string }).crn, 'case.enforcement.read');
    const today = todayIso();
    const [info, status] = await Promise.all([caseEnforcement(db, person.id, today), enforcementStatusOf(db, [person.id], today)]);
    return { person, caseHeader, today, info, status: status.get(person.id)! };
  };

  app.get('/people/:crn/enforcement', read, async (request, reply) => {
    const { person, caseHeader, today, info, status } = await casePage(request);
    const user = request.user!;
    const base = `/people/${person.crn}/enforcement`;
    const near = info.settings.deadlineNearWorkingDays;
    const laid = info.decisions.find((d) => d.kind === 'breach' && d.status === 'countersigned' && !d.concluded_on)?.laid_on ?? null;
    const rollingFrom = new Date(`${today}T00:00:00Z`);
    rollingFrom.setUTCMonth(rollingFrom.getUTCMonth() - info.settings.warningPeriodMonths);
    const since = rollingFrom.toISOString().slice(0, 10);
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/case.njk`, {
      pageTitle: `Enforcement for ${person.crn}`, crn: person.crn, caseHeader, base,
      flash: typeof saved === 'string' ? FLASH[saved] : undefined,
      status: statusLine(status, today, near, laid),
      order: info.evaluation.order ? { type: { community_order: 'Community order', suspended_sentence_order: 'Suspended sentence order', licence: 'Licence' }[info.evaluation.order.orderType], from: formatDate(info.evaluation.order.startDate) } : null,
      periodMonths: info.settings.warningPeriodMonths,
      since: formatDate(since),
      failures: info.evaluation.failures.filter((f) => f.date >= since).reverse().map((f) => ({ date: formatDate(f.date), type: f.typeName, outcome: OUTCOME_TEXT[f.outcome] ?? f.outcome })),
      warnings: info.warnings.map((w) => ({ issuedOn: formatDate(w.issued_on), failureOn: formatDate(w.failure_on), by: w.issued_by_name, href: `${base}/warnings/${w.id}.pdf` })),
      actions: info.actions.map((a) => ({
        id: a.id, kind: ACTION_NAMES[a.kind], failureOn: formatDate(a.failure_on), reason: a.reason, status: a.status, resolution: a.resolution,
        deadline: a.kind === 'breach' && a.status === 'open' ? deadlineTag(today, a.due_on, near) : null, href: `${base}/actions/${a.id}`,
      })),
      decisions: info.decisions.map((d) => ({
        id: d.id, kind: d.kind === 'breach' ? 'Breach' : `Recall (${d.recall_type === 'fixed_term' ? 'fixed-term' : 'standard'})`, failureOn: formatDate(d.failure_on),
        status: d.concluded_on ? `Concluded: ${OUTCOME_NAMES[d.outcome!]}` : d.status === 'proposed' ? 'Awaiting countersignature' : d.status === 'returned' ? 'Returned' : d.laid_on ? `Laid ${formatDate(d.laid_on)}` : 'Countersigned',
        proposedBy: d.proposed_by_name, href: `${base}/decisions/${d.id}`,
        deadline: d.status === 'countersigned' && !d.laid_on && !d.concluded_on ? deadlineTag(today, d.deadline_on, near) : null,
      })),
      returns: info.returns.map((r) => ({ on: formatDate(r.returned_on), note: r.note, by: r.recorded_by_name })),
      canWork: can(user, PERMISSIONS.caseloadHold),
    });
  });

  // One action: its reason and the forms that deal with it.
  const actionPage = async (request: FastifyRequest, extra: { errors?: Record<string, string>; values?: Body } = {}) => {
    const { person, caseHeader, today, info } = await casePage(request);
    const id = idOf((request.params as { id?: string }).id, 'enforcement action');
    const action = info.actions.find((a) => a.id === id);
    if (!action) throw new HttpError(404, 'There is no enforcement action with that id on this case.');
    const decision = info.decisions.find((d) => d.failure_on === action.failure_on && d.status !== 'returned');
    const isLicence = info.evaluation.order?.orderType === 'licence';
    return {
      person, today, action,
      context: {
        pageTitle: `${ACTION_NAMES[action.kind]}: ${person.crn}`, crn: person.crn, caseHeader, base: `/people/${person.crn}/enforcement`,
        action: { ...action, name: ACTION_NAMES[action.kind], failureOn: formatDate(action.failure_on), deadline: action.kind === 'breach' && action.status === 'open' ? deadlineTag(today, action.due_on, info.settings.deadlineNearWorkingDays) : null },
        decision: decision && { href: `/people/${person.crn}/enforcement/decisions/${decision.id}`, status: decision.status },
        returned: info.decisions.filter((d) => d.failure_on === action.failure_on && d.status === 'returned').map((d) => ({ reasons: d.countersign_reasons, by: d.countersigned_by_name })),
        canWarn: action.status === 'open' && action.kind === 'warning',
        canPropose: action.status === 'open' && !decision && (isLicence ? action.kind === 'recall_review' : ['warning', 'breach'].includes(action.kind)),
        proposeKind: isLicence ? 'recall' : 'breach',
        canClose: action.status === 'open' && ['further_failure', 'recall_review'].includes(action.kind),
        canWork: can(request.user, PERMISSIONS.caseloadHold),
        values: extra.values ?? dateParts('issuedOn', today),
        errors: extra.errors,
      },
    };
  };

  app.get('/people/:crn/enforcement/actions/:id', read, async (request, reply) => reply.page(`${VIEWS}/action.njk`, (await actionPage(request)).context));

  app.post('/people/:crn/enforcement/actions/:id/warning', work, async (request, reply) => {
    const { person, today, action, context } = await actionPage(request);
    const body = (request.body ?? {}) as Body;
    const form = validateWarning(body, today);
    if (!form.ok) return reply.code(400).page(`${VIEWS}/action.njk`, { ...context, values: body, errors: form.errors });
    const letter = await db.transaction().execute((trx) => issueWarning(trx, { personId: person.id, actionId: action.id, issuedOn: form.value.issuedOn, user: request.user!, today }));
    await audit(db, request, { action: 'enforcement.warning.issue', personId: person.id, detail: { letterId: letter.id, failureOn: letter.failureOn } });
    return reply.redirect(`/people/${person.crn}/enforcement?saved=warning`, 303);
  });

  app.post('/people/:crn/enforcement/actions/:id/propose', work, async (request, reply) => {
    const { person, today, action, context } = await actionPage(request);
    const body = (request.body ?? {}) as Body;
    const form = validatePropose(body);
    if (!form.ok) return reply.code(400).page(`${VIEWS}/action.njk`, { ...context, values: body, errors: form.errors });
    const id = await db.transaction().execute((trx) => proposeDecision(trx, { personId: person.id, actionId: action.id, ...form.value, user: request.user!, today }));
    await audit(db, request, { action: 'enforcement.decision.propose', personId: person.id, detail: { id, kind: form.value.kind } });
    return reply.redirect(`/people/${person.crn}/enforcement?saved=proposed`, 303);
  });

  app.post('/people/:crn/enforcement/actions/:id/close', work, async (request, reply) => {
    const { person, action, context } = await actionPage(request);
    const body = (request.body ?? {}) as Body;
    const form = validateClose(body);
    if (!form.ok) return reply.code(400).page(`${VIEWS}/action.njk`, { ...context, values: body, errors: form.errors });
    await closeAction(db, { personId: person.id, actionId: action.id, note: form.value.note, user: request.user! });
    await audit(db, request, { action: 'enforcement.action.close', personId: person.id, detail: { id: action.id } });
    return reply.redirect(`/people/${person.crn}/enforcement?saved=closed`, 303);
  });

  // One decision: the proposal, countersigning or returning it, the breach laid and the outcome.
  const decisionPage = async (request: FastifyRequest, extra: { errors?: Record<string, string>; values?: Body } = {}) => {
    const { person, caseHeader, today, info } = await casePage(request);
    const id = idOf((request.params as { id?: string }).id, 'breach or recall decision');
    const d = info.decisions.find((x) => x.id === id);
    if (!d) throw new HttpError(404, 'There is no breach or recall decision with that id on this case.');
    const user = request.user!;
    const outcomes = (d.kind === 'breach' ? BREACH_OUTCOME_CODES : RECALL_OUTCOME_CODES).map((code) => ({ value: code, text: OUTCOME_NAMES[code], checked: extra.values?.outcome === code }));
    return {
      person, today, decision: d,
      context: {
        pageTitle: `${d.kind === 'breach' ? 'Breach' : 'Recall'} decision: ${person.crn}`, crn: person.crn, caseHeader, base: `/people/${person.crn}/enforcement`,
        d: {
          ...d, title: d.kind === 'breach' ? 'Breach' : 'Recall', failureOn: formatDate(d.failure_on), proposedAt: formatDateTime(d.proposed_at), countersignedAt: formatDateTime(d.countersigned_at),
          recallType: d.recall_type === 'fixed_term' ? 'Fixed-term' : d.recall_type === 'standard' ? 'Standard' : null,
          laidOn: formatDate(d.laid_on), concludedOn: formatDate(d.concluded_on), outcome: d.outcome ? OUTCOME_NAMES[d.outcome] : null,
          deadline: d.status === 'countersigned' && !d.laid_on && !d.concluded_on ? deadlineTag(today, d.deadline_on, info.settings.deadlineNearWorkingDays) : null,
          pdf: `/people/${person.crn}/enforcement/decisions/${d.id}/report.pdf`,
        },
        canCountersign: d.status === 'proposed' && can(user, PERMISSIONS.enforcementCountersign) && d.proposed_by !== user.id,
        ownProposal: d.status === 'proposed' && d.proposed_by === user.id,
        canLay: d.kind === 'breach' && d.status === 'countersigned' && !d.laid_on && !d.concluded_on && can(user, PERMISSIONS.caseloadHold),
        canConclude: d.status === 'countersigned' && !d.concluded_on && can(user, PERMISSIONS.caseloadHold),
        outcomes,
        values: extra.values ?? { ...dateParts('laidOn', today), ...dateParts('concludedOn', today) },
        errors: extra.errors,
      },
    };
  };

  app.get('/people/:crn/enforcement/decisions/:id', read, async (request, reply) => reply.page(`${VIEWS}/decision.njk`, (await decisionPage(request)).context));

  app.post('/people/:crn/enforcement/decisions/:id/countersign', { onRequest: requires(PERMISSIONS.enforcementCountersign) }, async (request, reply) => {
    const { person, today, decision, context } = await decisionPage(request);
    if (decision.proposed_by === request.user!.id) throw new HttpError(403, 'You proposed this, so you cannot countersign or return it: another senior officer must.');
    const body = (request.body ?? {}) as Body;
    const form = validateCountersign(body);
    if (!form.ok) return reply.code(400).page(`${VIEWS}/decision.njk`, { ...context, values: body, errors: form.errors });
    await db.transaction().execute((trx) => countersignDecision(trx, { decisionId: decision.id, personId: person.id, ...form.value, user: request.user!, today }));
    await audit(db, request, { action: form.value.countersign ? 'enforcement.decision.countersign' : 'enforcement.decision.return', personId: person.id, detail: { id: decision.id } });
    return reply.redirect(`/people/${person.crn}/enforcement?saved=${form.value.countersign ? 'countersigned' : 'returned'}`, 303);
  });

  app.post('/people/:crn/enforcement/decisions/:id/laid', work, async (request, reply) => {
    const { person, today, decision, context } = await decisionPage(request);
    const body = (request.body ?? {}) as Body;
    const form = validateLaid(body);
    if (!form.ok) return reply.code(400).page(`${VIEWS}/decision.njk`, { ...context, values: body, errors: form.errors });
    await recordLaid(db, { personId: person.id, decisionId: decision.id, laidOn: form.value.laidOn, today });
    await audit(db, request, { action: 'enforcement.decision.laid', personId: person.id, detail: { id: decision.id, laidOn: form.value.laidOn } });
    return reply.redirect(`/people/${person.crn}/enforcement?saved=laid`, 303);
  });

  app.post('/people/:crn/enforcement/decisions/:id/outcome', work, async (request, reply) => {
    const { person, today, decision, context } = await decisionPage(request);
    const body = (request.body ?? {}) as Body;
    const form = validateOutcome(body, decision.kind);
    if (!form.ok) return reply.code(400).page(`${VIEWS}/decision.njk`, { ...context, values: body, errors: form.errors, outcomes: context.outcomes.map((o) => ({ ...o, checked: body.outcome === o.value })) });
    await db.transaction().execute((trx) => recordOutcome(trx, { personId: person.id, decisionId: decision.id, ...form.value, user: request.user!, today }));
    await audit(db, request, { action: 'enforcement.decision.outcome', personId: person.id, detail: { id: decision.id, outcome: form.value.outcome } });
    return reply.redirect(`/people/${person.crn}/enforcement?saved=outcome`, 303);
  });

  const compliancePage = async (request: FastifyRequest, values: Body, errors?: Record<string, string>) => {
    const { person, caseHeader } = await openCasePage(db, request, (request.params as { crn: string }).crn, 'case.enforcement.read');
    return { person, context: { pageTitle: `Record a return to compliance: ${person.crn}`, crn: person.crn, caseHeader, base: `/people/${person.crn}/enforcement`, values, errors } };
  };
  app.get('/people/:crn/enforcement/compliance', work, async (request, reply) => reply.page(`${VIEWS}/compliance.njk`, (await compliancePage(request, dateParts('returnedOn', todayIso()))).context));
  app.post('/people/:crn/enforcement/compliance', work, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const { person, context } = await compliancePage(request, body);
    const form = validateReturn(body, todayIso());
    if (!form.ok) return reply.code(400).page(`${VIEWS}/compliance.njk`, { ...context, errors: form.errors });
    await recordReturn(db, { personId: person.id, ...form.value, user: request.user! });
    await audit(db, request, { action: 'enforcement.compliance.return', personId: person.id, detail: { returnedOn: form.value.returnedOn } });
    return reply.redirect(`/people/${person.crn}/enforcement?saved=compliance`, 303);
  });

  app.get('/people/:crn/enforcement/warnings/:file', read, async (request, reply) => {
    const { crn, file } = request.params as { crn: string; file: string };
    const person = await openCase(db, request, crn, 'case.enforcement.warning.read');
    const letter = await warningPdf(db, person.id, idOf(file.replace(/\.pdf$/, ''), 'warning letter'));
    if (!letter) throw new HttpError(404, 'There is no warning letter with that id on this case.');
    return sendPdf(reply, letter.pdf, `warning-letter-${person.crn}-${letter.issued_on}.pdf`);
  });

  app.get('/people/:crn/enforcement/decisions/:id/report.pdf', read, async (request, reply) => {
    const { crn, id } = request.params as { crn: string; id: string };
    const person = await openCase(db, request, crn, 'case.enforcement.report.read');
    const pdf = await decisionPdf(db, person.id, idOf(id, 'breach or recall decision'), todayIso());
    if (!pdf) throw new HttpError(404, 'There is no breach or recall decision with that id on this case.');
    return sendPdf(reply, pdf, `enforcement-report-${person.crn}-${id}.pdf`);
  });
}

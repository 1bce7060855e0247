import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCasePage } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import { OUTCOMES } from '../contacts/service.ts';
import { queueFor, recentContacts, reportForDecision, requirementFor } from './repository.ts';
import { ACTIVITIES, contactForAcceptance, KINDS, OUTCOME_TEXT, STATUSES, validateDecision } from './rules.ts';
import { decideAllegedBreach } from './service.ts';

const NOT_FOUND = 'There is no alleged breach with that id.';
const FLASH: Record<string, string> = {
  accepted: 'Accepted: the failure to comply is recorded as a contact, and enforcement has been reviewed. Check the case\'s Enforcement tab for the action it needs.',
  not_accepted: 'Recorded as not accepted. The partner sees the decision and your note for them.',
};

/** The practitioner's side: the queue of reports awaiting a decision, and one report with the case's risk and recent contacts. */
export async function allegedBreachRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const decide = { onRequest: requires(PERMISSIONS.breachesDecide) };

  app.get('/alleged-breaches', decide, async (request, reply) => {
    const user = request.user!;
    const manager = can(user, PERMISSIONS.casesAllocate);
    const [open, decided] = await Promise.all([queueFor(db, user, manager, 'open'), queueFor(db, user, manager, 'decided')]);
    const row = (r: (typeof open)[number]) => ({
      id: r.id, crn: r.crn, viewable: r.viewable, name: r.viewable ? `${r.first_name} ${r.last_name}` : null,
      agency: r.agency, practitioner: r.practitioner ?? 'Unallocated', failureDate: formatDate(r.failure_date),
      kind: KINDS[r.kind], activity: ACTIVITIES[r.activity], status: STATUSES[r.status], reported: formatDateTime(r.reported_at), decided: formatDateTime(r.decided_at),
    });
    await audit(db, request, { action: 'alleged-breach.queue', detail: { open: open.length, decided: decided.length } });
    const flash = FLASH[(request.query as { decided?: string }).decided ?? ''];
    return reply.page('supervision/alleged-breaches/views/queue.njk', {
      pageTitle: 'Alleged breaches', manager, open: open.map(row), decided: decided.map(row), flash,
    });
  });

  const load = async (request: FastifyRequest) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, NOT_FOUND);
    const report = await reportForDecision(db, id);
    if (!report) throw new HttpError(404, NOT_FOUND);
    return report;
  };

  const show = async (request: FastifyRequest, report: Awaited<ReturnType<typeof load>>, action: string, extra: Record<string, unknown> = {}) => {
    const { person, caseHeader } = await openCasePage(db, request, report.crn, action);
    const [contacts, requirement] = await Promise.all([recentContacts(db, person.id), requirementFor(db, person.id, report.activity)]);
    const acceptance = contactForAcceptance(report.kind, report.activity);
    return {
      pageTitle: `Alleged breach: ${caseHeader.name}`, caseHeader,
      report: {
        id: report.id, agency: report.agency, reference: report.reporter_reference, reported: formatDateTime(report.reported_at),
        failureDate: formatDate(report.failure_date), kind: KINDS[report.kind], activity: ACTIVITIES[report.activity], activityDetail: report.activity_detail,
        description: report.description, contactName: report.contact_name, status: report.status, statusText: STATUSES[report.status],
        decidedBy: report.decided_by_name, decided: formatDateTime(report.decided_at), reason: report.decision_reason, partnerNote: report.partner_note,
        contactId: report.contact_id,
      },
      acceptance: { outcome: OUTCOME_TEXT[acceptance.outcome as keyof typeof OUTCOME_TEXT], requirement: requirement?.name ?? null },
      contacts: contacts.map((c) => ({
        when: formatDateTime(c.starts_at), type: c.type, counts: c.counts_for_compliance,
        outcome: c.outcome ? OUTCOMES.find((o) => o.value === c.outcome)?.text ?? c.outcome : 'No outcome yet',
      })),
      values: {}, ...extra,
    };
  };

  app.get('/alleged-breaches/:id', decide, async (request, reply) => {
    const report = await load(request);
    return reply.page('supervision/alleged-breaches/views/report.njk', await show(request, report, 'alleged-breach.read'));
  });

  app.post('/alleged-breaches/:id', decide, async (request, reply) => {
    const report = await load(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { decision: body.decision, reason: body.reason, partnerNote: body.partnerNote };
    const validated = validateDecision(body);
    if (!validated.ok) return reply.code(400).page('supervision/alleged-breaches/views/report.njk', await show(request, report, 'alleged-breach.read', { errors: validated.errors, values }));
    // Opening the case checks (and audits) access before anything is recorded.
    await openCasePage(db, request, report.crn, 'alleged-breach.decide-read');
    let result;
    try {
      result = await db.transaction().execute((trx) => decideAllegedBreach(trx, request.user!, report.id, validated.value));
    } catch (error) {
      // The contact record refused it (say, a requirement that has ended): show why on the form.
      if (error instanceof HttpError && error.statusCode === 400) {
        return reply.code(400).page('supervision/alleged-breaches/views/report.njk', await show(request, report, 'alleged-breach.read', { errors: { decision: error.message }, values }));
      }
      throw error;
    }
    if (result.kind === 'already-decided') throw new HttpError(409, 'Someone has already decided this alleged breach. Go back to the queue to see the decision.');
    await audit(db, request, {
      action: 'alleged-breach.decide', personId: report.person_id,
      detail: { id: report.id, decision: validated.value.decision, reason: validated.value.reason, partnerNote: validated.value.partnerNote, contactId: result.contactId },
    });
    return reply.redirect(`/alleged-breaches?decided=${validated.value.decision === 'accept' ? 'accepted' : 'not_accepted'}`, 303);
  });
}

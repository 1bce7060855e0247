import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase, openCasePage } from '../../people/case-page.ts';
import { pageCount, pageNumber } from '../../platform/views/pagination.ts';
import { validateConsent } from './consent-form.ts';
import { presentConsent, presentMessage, STATUS_NAMES } from './presenter.ts';
import { consentHistory, outbox, OUTBOX_PAGE, recordConsent, remindersFor, STATUSES } from './repository.ts';
import { formatUkMobile } from './rules.ts';
import { loadSettings } from './sender.ts';
import type { ReminderStatus } from './tables.ts';

const VIEWS = 'supervision/reminders/views';
type Body = Record<string, unknown>;

/** The case's Text reminders page (consent, its history, the reminders sent) and the outbox. */
export async function reminderRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const record = { onRequest: requires(PERMISSIONS.contactsRecord) };

  const casePage = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const crn = (request.params as { crn: string }).crn;
    const { person, caseHeader } = await openCasePage(db, request, crn, 'case.reminders.read');
    const [history, messages, settings, phone] = await Promise.all([
      consentHistory(db, person.id), remindersFor(db, person.id), loadSettings(db),
      db.selectFrom('people').select('phone').where('id', '=', person.id).executeTakeFirstOrThrow(),
    ]);
    const current = history[0];
    return {
      person, context: {
        pageTitle: `Text reminders for ${person.crn}`, caseHeader, crn: person.crn,
        current: current ? presentConsent(current) : null,
        history: history.map(presentConsent),
        messages: messages.map((m) => ({ ...presentMessage(m), type: m.typeName })),
        canRecord: can(request.user, PERMISSIONS.contactsRecord),
        canReadOutbox: can(request.user, PERMISSIONS.remindersRead),
        settings,
        values: {
          consented: current ? (current.consented ? 'yes' : 'no') : '',
          mobile: current?.mobile ? formatUkMobile(current.mobile) : (phone.phone ?? ''),
        },
        ...extra,
      },
    };
  };

  app.get('/people/:crn/reminders', read, async (request, reply) => {
    const saved = (request.query as { saved?: string }).saved;
    const { context } = await casePage(request, saved ? { flash: saved === 'withdrawn' ? 'Consent has been withdrawn. No more reminders will be sent.' : 'The person\'s answer about text reminders has been recorded.' } : {});
    return reply.page(`${VIEWS}/case-reminders.njk`, context);
  });

  app.post('/people/:crn/reminders', record, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const check = validateConsent(body);
    if (!check.ok) {
      const { context } = await casePage(request, { errors: check.errors, values: { consented: body.consented, mobile: body.mobile, note: body.note } });
      return reply.code(400).page(`${VIEWS}/case-reminders.njk`, context);
    }
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'case.reminders.consent');
    const saved = await recordConsent(db, person.id, check.value, request.user!.id);
    await audit(db, request, { action: 'reminders.consent.record', personId: person.id, detail: { consented: check.value.consented, withdrawn: saved.withdrawn, cancelled: saved.cancelled } });
    return reply.redirect(`/people/${person.crn}/reminders?saved=${saved.withdrawn ? 'withdrawn' : '1'}`, 303);
  });

  app.get('/reminders/outbox', { onRequest: requires(PERMISSIONS.remindersRead) }, async (request, reply) => {
    const q = request.query as { status?: string; page?: string };
    const status = STATUSES.includes(q.status as ReminderStatus) ? (q.status as ReminderStatus) : null;
    const page = pageNumber(q.page, 99_999); // any page a five-digit number names, as before
    const [{ rows, total }, settings] = await Promise.all([outbox(db, request.user!, { status, page }), loadSettings(db)]);
    await audit(db, request, { action: 'reminders.outbox.read', detail: { status, page } });
    const pages = pageCount(total, OUTBOX_PAGE);
    const link = (p: number) => `/reminders/outbox?${status ? `status=${status}&` : ''}page=${p}`;
    return reply.page(`${VIEWS}/outbox.njk`, {
      pageTitle: 'Text reminders: outbox and delivery log', total, settings,
      statusItems: [{ value: '', text: 'All statuses', selected: !status }, ...STATUSES.map((s) => ({ value: s, text: STATUS_NAMES[s], selected: s === status }))],
      rows: rows.map((r) => r.viewable
        ? { ...presentMessage(r), crn: r.crn, name: `${r.first_name} ${r.last_name}`, viewable: true }
        : { crn: r.crn, viewable: false, tag: presentMessage(r).tag }),
      previous: page > 1 ? link(page - 1) : null, next: page < pages ? link(page + 1) : null, page, pages,
    });
  });
}

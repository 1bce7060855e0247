import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { dateParts } from '../../platform/http/dates.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import { readPeriod, validateEntry, WEEK_CHOICES, type Period } from './forms.ts';
import { chart, rows } from './presenter.ts';
import { currentEntry, entriesOf, kinds, versionsOf, type EntryRow } from './repository.ts';
import { addDays, formatMinutes } from './rules.ts';
import { changeEntry, figuresFor, recordEntry, scopeOf, type Scope } from './service.ts';

const VIEWS = 'supervision/time/views';
const todayIso = () => new Date().toISOString().slice(0, 10);
type Body = Record<string, unknown>;
const RECENT_DAYS = 56;

/** The query string that shows the same scope (for links and the period form). */
const scopeQuery = (s: Scope) => (s.kind === 'practitioner' ? { practitioner: String(s.practitionerId) } : s.kind === 'team' ? { team: s.teamCode! } : { pdu: s.pduCode! });

const entryView = (e: EntryRow) => ({
  ...e, date: formatDate(e.worked_on), time: formatMinutes(e.minutes), recordedAt: formatDateTime(e.recorded_at),
  changeText: ({ recorded: 'Recorded', corrected: 'Corrected', removed: 'Removed' } as const)[e.change],
});

/** The pages: the share of recorded time spent with people, and recording other work. */
export async function timeRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.workloadRead) };

  app.get('/time-with-people', read, async (request, reply) => {
    const user = request.user!;
    const query = request.query as Body;
    const scope = await scopeOf(db, user, query);
    const today = todayIso();
    const read = readPeriod(query, today);
    const values = { weeks: String(query.weeks ?? ''), by: String(query.by ?? 'week'), ...pick(query, ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year']) };
    const base = {
      pageTitle: scope.kind === 'practitioner' && scope.practitionerId === user.id ? 'Your time with people' : `Time with people: ${scope.name}`,
      scope, scopeQuery: scopeQuery(scope), values, weekChoices: WEEK_CHOICES,
      practitionerItems: [{ value: '', text: 'Choose a practitioner' }, ...scope.practitioners.map((p) => ({ value: String(p.id), text: p.name, selected: scope.practitionerId === p.id }))],
      teamItems: [{ value: '', text: 'Choose a team' }, ...scope.teams.map((t) => ({ value: t.code, text: t.name, selected: scope.teamCode === t.code }))],
      pduItems: [{ value: '', text: 'Choose a PDU' }, ...scope.pdus.map((p) => ({ value: p.code, text: p.name, selected: scope.pduCode === p.code }))],
    };
    if (!read.ok) return reply.code(400).page(`${VIEWS}/overview.njk`, { ...base, errors: read.errors });
    const period: Period = read.value;
    const f = await figuresFor(db, scope, period);
    await audit(db, request, { action: 'time-with-people.read', detail: { ...scopeQuery(scope), from: period.from, to: period.to, by: period.by } });
    const periodText = `${formatDate(period.from)} to ${formatDate(period.to)}`;
    return reply.page(`${VIEWS}/overview.njk`, {
      ...base, period, periodText,
      values: { ...values, weeks: period.weeks === null ? 'dates' : String(period.weeks), by: period.by, ...(period.weeks === null ? {} : { ...dateParts('from', period.from), ...dateParts('to', period.to) }) },
      total: { ...f.total, shareText: f.total.share === null ? 'No data' : `${f.total.share.toFixed(1)}%`, direct: formatMinutes(f.total.directMinutes), contact: formatMinutes(f.total.contactMinutes), other: formatMinutes(f.total.otherMinutes), recorded: formatMinutes(f.total.recordedMinutes) },
      rows: rows(f.series, period.by),
      chart: chart(f.series, period.by, `Share of recorded time spent with people, by ${period.by}, for ${scope.name}, ${periodText}`),
      otherByKind: f.otherByKind,
      practitioners: f.practitioners.map((p) => ({ ...p, shareText: p.share === null ? 'No data' : `${p.share.toFixed(1)}%`, recorded: formatMinutes(p.recordedMinutes),
        href: `/time-with-people?practitioner=${p.id}&${period.weeks === null ? `weeks=dates&from=${period.from}&to=${period.to}` : `weeks=${period.weeks}`}&by=${period.by}` })),
    });
  });

  const recordPage = async (request: FastifyRequest, extra: { errors?: Record<string, string>; values?: Body; flash?: string } = {}) => {
    const user = request.user!;
    const today = todayIso();
    const [kindRows, recent] = await Promise.all([kinds(db), entriesOf(db, user.id, addDays(today, -RECENT_DAYS), today, 100)]);
    const values = extra.values ?? dateParts('worked-on', today);
    return {
      pageTitle: 'Record other work time', values, errors: extra.errors, flash: extra.flash,
      kindItems: kindRows.map((k) => ({ value: k.code, text: k.name, hint: { text: k.description }, checked: values.kind === k.code })),
      entries: recent.map(entryView),
    };
  };

  app.get('/time-with-people/record', read, async (request, reply) => {
    const saved = String((request.query as Body).saved ?? '');
    const flash = ({ recorded: 'Your work time has been recorded.', corrected: 'The entry has been corrected. The earlier version is kept in its history.', removed: 'The entry has been removed. It no longer counts; its history is kept.' } as Record<string, string>)[saved];
    return reply.page(`${VIEWS}/record.njk`, await recordPage(request, { flash }));
  });

  app.post('/time-with-people/record', read, async (request, reply) => {
    const user = request.user!;
    const body = (request.body ?? {}) as Body;
    const kindCodes = (await kinds(db)).map((k) => k.code);
    const v = validateEntry(body, kindCodes, todayIso());
    if (!v.ok) return reply.code(400).page(`${VIEWS}/record.njk`, await recordPage(request, { errors: v.errors, values: body }));
    const saved = await recordEntry(db, user, v.value);
    if (!saved.ok) return reply.code(400).page(`${VIEWS}/record.njk`, await recordPage(request, { errors: saved.errors, values: body }));
    await audit(db, request, { action: 'work-time.record', ...(saved.personId ? { personId: saved.personId } : {}), detail: { entry: saved.entryId, workedOn: v.value.workedOn, kind: v.value.kind, minutes: v.value.minutes } });
    return reply.redirect('/time-with-people/record?saved=recorded', 303);
  });

  const entryId = (request: FastifyRequest) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, 'There is no work time entry of yours with that id.');
    return id;
  };

  const correctPage = async (request: FastifyRequest, extra: { errors?: Record<string, string>; values?: Body } = {}) => {
    const user = request.user!;
    const id = entryId(request);
    const current = await currentEntry(db, user.id, id);
    if (!current || current.change === 'removed') throw new HttpError(404, 'There is no work time entry of yours with that id. It may have been removed already.');
    const [kindRows, versions] = await Promise.all([kinds(db), versionsOf(db, id)]);
    const values = extra.values ?? { ...dateParts('worked-on', current.worked_on), kind: current.kind, hours: String(Math.floor(current.minutes / 60)), minutes: String(current.minutes % 60), crn: current.crn ?? '', note: current.note ?? '' };
    return {
      pageTitle: 'Correct or remove a work time entry', entry: entryView(current), values, errors: extra.errors,
      kindItems: kindRows.map((k) => ({ value: k.code, text: k.name, checked: values.kind === k.code })),
      versions: versions.map(entryView),
    };
  };

  app.get('/time-with-people/record/:id', read, async (request, reply) => reply.page(`${VIEWS}/correct.njk`, await correctPage(request)));

  app.post('/time-with-people/record/:id/correct', read, async (request, reply) => {
    const user = request.user!;
    const id = entryId(request);
    const body = (request.body ?? {}) as Body;
    const v = validateEntry(body, (await kinds(db)).map((k) => k.code), todayIso(), { correction: true });
    if (!v.ok) return reply.code(400).page(`${VIEWS}/correct.njk`, await correctPage(request, { errors: v.errors, values: body }));
    const saved = await changeEntry(db, user, id, 'corrected', v.value);
    if (!saved.ok) return reply.code(400).page(`${VIEWS}/correct.njk`, await correctPage(request, { errors: saved.errors, values: body }));
    await audit(db, request, { action: 'work-time.correct', ...(saved.personId ? { personId: saved.personId } : {}), detail: { entry: id, workedOn: v.value.workedOn, kind: v.value.kind, minutes: v.value.minutes, reason: v.value.reason } });
    return reply.redirect('/time-with-people/record?saved=corrected', 303);
  });

  app.post('/time-with-people/record/:id/remove', read, async (request, reply) => {
    const user = request.user!;
    const id = entryId(request);
    const body = (request.body ?? {}) as Body;
    const reason = typeof body['remove-reason'] === 'string' ? body['remove-reason'].trim() : '';
    const error = !reason ? 'Enter the reason for removing the entry' : reason.length > 500 ? 'The reason must be 500 characters or fewer' : null;
    if (error) return reply.code(400).page(`${VIEWS}/correct.njk`, { ...(await correctPage(request)), errors: { 'remove-reason': error }, removeReason: reason });
    const saved = await changeEntry(db, user, id, 'removed', { reason });
    if (!saved.ok) throw new HttpError(400, Object.values(saved.errors).join('. '));
    await audit(db, request, { action: 'work-time.remove', ...(saved.personId ? { personId: saved.personId } : {}), detail: { entry: id, reason } });
    return reply.redirect('/time-with-people/record?saved=removed', 303);
  });
}

function pick(body: Body, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, typeof body[k] === 'string' ? body[k] as string : '']));
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { addDays } from '../../platform/http/dates.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/render.ts';
import { forecast, ordinal } from './forecast.ts';
import { LEAVING, validateCapacity, validateGroup, validateRemoval, validateStart, WEEKDAYS } from './forms.ts';
import { forecastTag, MODEL_NAMES, overviewRow } from './presenter.ts';
import {
  addGroup, capacityRow, deliveryReference, groupsOf, markStarted, pduFacts, pdusForUser, queueEntry, queueRows,
  removeCapacity, removeFromQueue, removeGroup, saveCapacity,
} from './repository.ts';
import { forecastKeys, inputFor, toForecast } from './service.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const VIEWS = 'sentencing/forecast/views';
type Body = Record<string, unknown>;
type Params = { pdu: string; key: string; id?: string };

const FLASH: Record<string, string> = {
  capacity: 'The capacity has been saved and the forecast recalculated.',
  removed: 'The capacity has been removed: the PDU no longer delivers this.',
  group: 'The group has been added and the forecast recalculated.',
  'group-removed': 'The group has been removed and the forecast recalculated.',
  started: 'They have been marked as started and have left the queue.',
  left: 'They have left the queue; everyone behind them moves up.',
};

/**
 * The managers' pages: a PDU's capacity, queues and forecasts for every requirement, editing capacity
 * and programme groups, and the queue (marking a start, or removing someone with a reason). Every
 * change is audited; a person in a queue shows only their CRN where the access list refuses the user.
 */
export async function forecastRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const manage = { onRequest: requires(PERMISSIONS.capacityManage) };

  const pduOf = async (request: FastifyRequest, code: string | undefined) => {
    const { pdus, defaultPduId } = await pdusForUser(db, request.user!);
    const pdu = code ? pdus.find((p) => p.code === code) : pdus.find((p) => p.id === defaultPduId);
    if (!pdu) throw new HttpError(404, code ? `There is no PDU ${code} in your region.` : 'There is no PDU in your region.');
    return { pdu, pdus };
  };

  /** The PDU and requirement a page is about, and everything its forecast reads. */
  const context = async (request: FastifyRequest) => {
    const params = request.params as Params;
    const { pdu } = await pduOf(request, params.pdu);
    const today = todayIso();
    const [ref, facts] = await Promise.all([deliveryReference(db), pduFacts(db, pdu.id, today)]);
    const input = inputFor(params.key, ref, facts, pdu.name, today);
    if (!input) throw new HttpError(404, `There is no requirement "${params.key}" to forecast. Choose one from the list of requirements.`);
    const [type, programme = null] = params.key.split(':') as [string, string?];
    const rule = ref.types.find((t) => t.requirement_type === type)!;
    return { pdu, today, ref, facts, input, type, programme, rule, key: params.key, base: `/delivery/${pdu.code}/${params.key}` };
  };
  type Context = Awaited<ReturnType<typeof context>>;

  app.get('/delivery', manage, async (request, reply) => {
    const query = request.query as { pdu?: string };
    const { pdu, pdus } = await pduOf(request, typeof query.pdu === 'string' && query.pdu ? query.pdu : undefined);
    const today = todayIso();
    const [ref, facts] = await Promise.all([deliveryReference(db), pduFacts(db, pdu.id, today)]);
    const rows = forecastKeys(ref).flatMap((key) => {
      const input = inputFor(key, ref, facts, pdu.name, today);
      if (!input) return [];
      const f = toForecast(key, forecast(input), ref, pdu.code);
      const row = facts.capacity.find((c) => c.requirement_type === f.requirementType && c.programme_code === f.programmeCode);
      return [overviewRow(f, row, row ? facts.groups.filter((g) => g.capacity_id === row.id).length : 0, pdu.code)];
    });
    return reply.page(`${VIEWS}/delivery.njk`, {
      pageTitle: `Delivery capacity in ${pdu.name}`, pdu, today,
      pduItems: pdus.map((p) => ({ value: p.code, text: p.name, selected: p.id === pdu.id })),
      requirements: rows.filter((r) => !r.programme), programmes: rows.filter((r) => r.programme),
      beyond: rows.filter((r) => r.tag.classes === 'govuk-tag--red').length,
    });
  });

  /** The requirement's page: its forecast with every step, capacity, groups and the queue in order. */
  const requirementPage = async (request: FastifyRequest, c: Context, extra: { errors?: Record<string, string>; values?: Body; flash?: string } = {}) => {
    const f = toForecast(c.key, forecast(c.input), c.ref, c.pdu.code);
    const row = await capacityRow(db, c.pdu.id, c.type, c.programme);
    const rows = await queueRows(db, c.pdu.id, c.type, c.programme, request.user!);
    const waiting = rows.filter((r) => !r.started_on);
    const weeks = row?.length_weeks ?? 0;
    const groups = row && c.rule.delivery_model === 'groups' ? await groupsOf(db, row.id) : [];
    // Which groups the queue fills, in start order (as the forecast does).
    let left = waiting.length;
    const firstJoinable = addDays(c.today, Math.max(1, row?.lead_days ?? 0));
    return {
      pageTitle: `${f.requirementName} in ${c.pdu.name}`,
      pdu: c.pdu, key: c.key, base: c.base, forecast: f, tag: forecastTag(f),
      model: c.rule.delivery_model, modelName: MODEL_NAMES[c.rule.delivery_model],
      limit: c.rule.start_limit_reason ? { reason: c.rule.start_limit_reason, source: c.rule.start_limit_source } : null,
      capacity: row ? { ...row, weekdayName: row.weekday ? WEEKDAYS[row.weekday - 1] : null } : null,
      groups: groups.map((g) => {
        const open = g.starts_on >= firstJoinable;
        const taken = open ? Math.min(g.places, left) : 0;
        if (open) left -= taken;
        return { ...g, startsOn: formatDate(g.starts_on), status: !open ? 'Started or too soon to join' : taken === g.places ? 'Full' : `${g.places - taken} free`, taken: open ? String(taken) : '' };
      }),
      queue: waiting.map((r, i) => ({
        ...r, position: ordinal(i + 1), joined: formatDate(r.joined_on), href: `${c.base}/queue/${r.id}`,
        expected: (() => { const d = forecast({ ...c.input, ahead: i }).earliestStartOn; return d ? formatDate(d) : 'No date'; })(),
      })),
      inTreatment: c.rule.delivery_model === 'provider_places' ? rows.filter((r) => r.started_on).map((r) => ({
        ...r, started: formatDate(r.started_on), ends: formatDate(addDays(r.started_on!, 7 * weeks)), href: `${c.base}/queue/${r.id}`,
      })) : [],
      values: extra.values ?? {},
      errors: extra.errors,
      flash: extra.flash,
    };
  };

  app.get('/delivery/:pdu/:key', manage, async (request, reply) => {
    const c = await context(request);
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/requirement.njk`, await requirementPage(request, c, { flash: typeof saved === 'string' ? FLASH[saved] : undefined }));
  });

  const capacityPage = async (c: Context, values: Body, errors?: Record<string, string>) => ({
    pageTitle: `Capacity for ${c.input.name} in ${c.pdu.name}`, pdu: c.pdu, base: c.base, model: c.rule.delivery_model,
    name: toForecast(c.key, forecast(c.input), c.ref, c.pdu.code).requirementName, exists: !!c.input.capacity,
    weekdays: WEEKDAYS.map((text, i) => ({ value: String(i + 1), text, checked: String(values.weekday ?? '') === String(i + 1) })),
    values, errors,
  });

  app.get('/delivery/:pdu/:key/capacity', manage, async (request, reply) => {
    const c = await context(request);
    const row = await capacityRow(db, c.pdu.id, c.type, c.programme);
    const values = row ? { provider: row.provider ?? '', weekday: row.weekday ?? '', places: row.places ?? '', lengthWeeks: row.length_weeks ?? '', leadDays: row.lead_days } : {};
    return reply.page(`${VIEWS}/capacity.njk`, await capacityPage(c, values));
  });

  app.post('/delivery/:pdu/:key/capacity', manage, async (request, reply) => {
    const c = await context(request);
    const body = (request.body ?? {}) as Body;
    const result = validateCapacity(body, c.rule.delivery_model);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/capacity.njk`, await capacityPage(c, body, result.errors));
    await saveCapacity(db, c.pdu.id, c.type, c.programme, result.value, request.user!.id);
    await audit(db, request, { action: 'capacity.update', detail: { pdu: c.pdu.code, requirement: c.key, ...result.value } });
    return reply.redirect(`${c.base}?saved=capacity`, 303);
  });

  app.post('/delivery/:pdu/:key/capacity/remove', manage, async (request, reply) => {
    const c = await context(request);
    const row = await capacityRow(db, c.pdu.id, c.type, c.programme);
    if (!row) throw new HttpError(404, `${c.pdu.name} records no capacity for this requirement, so there is nothing to remove.`);
    await removeCapacity(db, row.id);
    await audit(db, request, { action: 'capacity.remove', detail: { pdu: c.pdu.code, requirement: c.key } });
    return reply.redirect(`${c.base}?saved=removed`, 303);
  });

  app.post('/delivery/:pdu/:key/groups', manage, async (request, reply) => {
    const c = await context(request);
    const row = c.rule.delivery_model === 'groups' ? await capacityRow(db, c.pdu.id, c.type, c.programme) : undefined;
    if (!row) throw new HttpError(400, 'Groups can be added only to a programme the PDU delivers: record its capacity first.');
    const body = (request.body ?? {}) as Body;
    const result = validateGroup(body, c.today);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/requirement.njk`, await requirementPage(request, c, { errors: result.errors, values: body }));
    await addGroup(db, row.id, result.value, request.user!.id);
    await audit(db, request, { action: 'programme-group.add', detail: { pdu: c.pdu.code, requirement: c.key, ...result.value } });
    return reply.redirect(`${c.base}?saved=group`, 303);
  });

  const idOf = (request: FastifyRequest, what: string) => {
    const id = Number((request.params as Params).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, `There is no ${what} with that id here.`);
    return id;
  };

  app.post('/delivery/:pdu/:key/groups/:id/remove', manage, async (request, reply) => {
    const c = await context(request);
    const id = idOf(request, 'group');
    const row = await capacityRow(db, c.pdu.id, c.type, c.programme);
    const removed = row ? await removeGroup(db, row.id, id) : undefined;
    if (!removed) throw new HttpError(404, 'There is no group with that id for this programme here. Someone may have removed it already.');
    await audit(db, request, { action: 'programme-group.remove', detail: { pdu: c.pdu.code, requirement: c.key, startsOn: removed.starts_on, places: removed.places } });
    return reply.redirect(`${c.base}?saved=group-removed`, 303);
  });

  /** One person in the queue: their position and forecast, and the forms to mark a start or remove them. */
  const entryOf = async (request: FastifyRequest, c: Context) => {
    const id = idOf(request, 'queue entry');
    const entry = await queueEntry(db, id, c.pdu.id);
    if (!entry || entry.requirement_type !== c.type || entry.programme_code !== c.programme) {
      throw new HttpError(404, 'That person is not in this queue. They may have started or left it already.');
    }
    const rows = await queueRows(db, c.pdu.id, c.type, c.programme, request.user!);
    const waiting = rows.filter((r) => !r.started_on);
    const index = waiting.findIndex((r) => r.id === id);
    return { entry, row: rows.find((r) => r.id === id)!, index, waitingCount: waiting.length };
  };
  const entryPage = async (request: FastifyRequest, c: Context, e: Awaited<ReturnType<typeof entryOf>>, extra: { errors?: Record<string, string>; values?: Body } = {}) => {
    const f = e.index >= 0 ? forecast({ ...c.input, ahead: e.index }) : null;
    return {
      pageTitle: `${e.row.crn} in the queue for ${c.input.name}`, pdu: c.pdu, base: c.base, name: toForecast(c.key, forecast(c.input), c.ref, c.pdu.code).requirementName,
      person: e.row, joined: formatDate(e.entry.joined_on), started: e.entry.started_on ? formatDate(e.entry.started_on) : null,
      position: e.index >= 0 ? `${ordinal(e.index + 1)} of ${e.waitingCount} waiting` : null,
      forecast: f, leaving: LEAVING.map((l) => ({ ...l, checked: extra.values?.kind === l.value })),
      values: extra.values ?? {}, errors: extra.errors,
      action: `${c.base}/queue/${e.entry.id}`,
    };
  };

  app.get('/delivery/:pdu/:key/queue/:id', manage, async (request, reply) => {
    const c = await context(request);
    const e = await entryOf(request, c);
    await audit(db, request, { action: 'queue.entry.read', personId: e.entry.person_id, detail: { pdu: c.pdu.code, requirement: c.key } });
    return reply.page(`${VIEWS}/entry.njk`, await entryPage(request, c, e));
  });

  const done = (reply: FastifyReply, c: Context, what: string) => reply.redirect(`${c.base}?saved=${what}`, 303);

  app.post('/delivery/:pdu/:key/queue/:id/start', manage, async (request, reply) => {
    const c = await context(request);
    const e = await entryOf(request, c);
    if (e.entry.started_on) throw new HttpError(400, 'They have already started.');
    const body = (request.body ?? {}) as Body;
    const result = validateStart(body, e.entry.joined_on, c.today);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/entry.njk`, await entryPage(request, c, e, { errors: result.errors, values: body }));
    await markStarted(db, e.entry.id, result.value, request.user!.id);
    await audit(db, request, { action: 'queue.start', personId: e.entry.person_id, detail: { pdu: c.pdu.code, requirement: c.key, startedOn: result.value } });
    return done(reply, c, 'started');
  });

  app.post('/delivery/:pdu/:key/queue/:id/remove', manage, async (request, reply) => {
    const c = await context(request);
    const e = await entryOf(request, c);
    const body = (request.body ?? {}) as Body;
    const result = validateRemoval(body);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/entry.njk`, await entryPage(request, c, e, { errors: result.errors, values: body }));
    await removeFromQueue(db, e.entry.id, result.value.kind, result.value.reason, c.today, request.user!.id);
    await audit(db, request, { action: 'queue.leave', personId: e.entry.person_id, detail: { pdu: c.pdu.code, requirement: c.key, kind: result.value.kind, reason: result.value.reason } });
    return done(reply, c, 'left');
  });
}


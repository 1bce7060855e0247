import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/render.ts';
import { validateWeights, validateWorkItem, type WeightTable } from './forms.ts';
import { capacityRows, chart, statusTag, teamSummaries } from './presenter.ts';
import {
  addWorkItem, applyWeightChanges, CASE_TYPES, caseTypeName, closeWorkItem, practitioner, practitionersIn, regionOrg, TIERS, weightHistory,
  weightTables, workItemTasks,
} from './repository.ts';
import { workloadOf } from './service.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const VIEWS = 'workforce/workload/views';
type Body = Record<string, unknown>;
const TABLES: Record<string, WeightTable> = { cases: 'case_weights', tasks: 'task_weights', grades: 'grade_targets', settings: 'settings' };
const TABLE_NAMES: Record<WeightTable, string> = { case_weights: 'Case weights', task_weights: 'Task weights', grade_targets: 'Grade targets', settings: 'Settings' };

/** Which practitioners a request shows: a team (default: the user's), a PDU, or (without cases:allocate) only the user. */
export async function scopeOf(db: Db, user: CurrentUser, query: { team?: unknown; pdu?: unknown }) {
  const { pdus, teams } = await regionOrg(db, user.regionId);
  const own = await practitioner(db, user.id);
  if (!can(user, PERMISSIONS.casesAllocate)) {
    return { kind: 'self' as const, pdus, teams, team: null, pdu: null, members: own?.grade ? [{ id: own.id, name: own.name, grade: own.grade, team_id: own.team_id }] : [] };
  }
  const teamCode = typeof query.team === 'string' ? query.team.trim() : '';
  const pduCode = typeof query.pdu === 'string' ? query.pdu.trim() : '';
  if (pduCode) {
    const pdu = pdus.find((p) => p.code === pduCode);
    if (!pdu) throw new HttpError(400, `There is no PDU "${pduCode}" in your region. Choose one from the list.`);
    const pduTeams = teams.filter((t) => t.pdu_id === pdu.id);
    return { kind: 'pdu' as const, pdus, teams, team: null, pdu, pduTeams, members: await practitionersIn(db, pduTeams.map((t) => t.id)) };
  }
  const team = teamCode ? teams.find((t) => t.code === teamCode) : teams.find((t) => t.id === user.teamId) ?? teams[0];
  if (teamCode && !team) throw new HttpError(400, `There is no team "${teamCode}" in your region. Choose one from the list.`);
  return { kind: 'team' as const, pdus, teams, team: team ?? null, pdu: null, members: team ? await practitionersIn(db, [team.id]) : [] };
}

/** A practitioner the user may see the workload of: themselves, or (cases:allocate) anyone in their region. */
export async function reachablePractitioner(db: Db, user: CurrentUser, rawId: unknown) {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, 'There is no practitioner with that id.');
  if (id !== user.id && !can(user, PERMISSIONS.casesAllocate)) throw new HttpError(403, 'You can see only your own workload. Team managers (cases:allocate) see their teams\'.');
  const p = await practitioner(db, id);
  if (!p || (id !== user.id && (p.region_id === null || p.region_id !== user.regionId))) throw new HttpError(404, 'There is no practitioner with that id in your region.');
  return p;
}

/** The cases a practitioner's items name, as the viewer may see them: CRN always; name only where the access list allows. */
export async function casesAsSeenBy(db: Db, user: CurrentUser, personIds: readonly number[]) {
  if (personIds.length === 0) return new Map<number, { crn: string; name: string | null }>();
  const rows = await db.selectFrom('people').select(['people.id', 'people.crn',
    sql<string>`people.first_name || ' ' || people.last_name`.as('name'),
    sql<boolean>`(${inScope(user)}) AND (${accessListAllows(user)})`.as('allowed')])
    .where('people.id', 'in', [...personIds]).execute();
  return new Map(rows.map((r) => [Number(r.id), { crn: r.crn, name: r.allowed ? r.name : null }]));
}

/** The explanation of one practitioner's capacity, shared by the page and the API. */
export async function breakdown(db: Db, user: CurrentUser, userId: number, today: string) {
  const w = (await workloadOf(db, [userId], today)).get(userId);
  if (!w) throw new HttpError(404, 'There is no practitioner with that id.');
  const people = await casesAsSeenBy(db, user, [...new Set(w.items.map((i) => i.personId).filter((id): id is number => id !== null))]);
  const items = w.items.map((i) => {
    const person = i.personId === null ? null : people.get(i.personId) ?? null;
    return {
      ...i, crn: person?.crn ?? null, name: person ? person.name ?? 'Restricted' : null, restricted: !!person && person.name === null,
      // A restricted case shows only its CRN: not even its tier or type.
      label: person && person.name === null && i.kind === 'case' ? 'Restricted' : i.label,
      case: person && person.name === null ? null : i.case ?? null,
    };
  });
  return { ...w, items };
}

/**
 * The workload pages: team and PDU capacity with a chart, one practitioner's explanation (and their work
 * items), and the weights, grade targets and settings with their history.
 */
export async function workloadRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.workloadRead) };
  const manage = { onRequest: requires(PERMISSIONS.workloadManage) };

  app.get('/workload', read, async (request, reply) => {
    const user = request.user!;
    const scope = await scopeOf(db, user, request.query as Body);
    const today = todayIso();
    const capacities = await workloadOf(db, scope.members.map((m) => m.id), today);
    const teamName = new Map(scope.teams.map((t) => [t.id, t.name]));
    const rows = scope.members.flatMap((m) => {
      const w = capacities.get(m.id);
      return w ? [{ id: m.id, name: m.name, grade: m.grade ?? '', teamName: teamName.get(m.team_id ?? -1) ?? '', teamId: m.team_id, capacity: w.capacity }] : [];
    });
    const table = capacityRows(rows);
    const where = scope.kind === 'pdu' ? scope.pdu!.name : scope.kind === 'team' ? scope.team?.name ?? 'your region' : 'you';
    const title = scope.kind === 'self' ? 'Your workload' : `Workload in ${where}`;
    return reply.page(`${VIEWS}/overview.njk`, {
      pageTitle: title, kind: scope.kind, today, rows: table,
      chart: chart(table, `Capacity of each practitioner in ${where}, as a percentage of the points available`),
      teams: scope.kind === 'pdu' ? teamSummaries(scope.pduTeams!, rows) : [],
      over: table.filter((r) => r.percentValue > 100), under: table.filter((r) => r.percentValue < 90),
      teamItems: [{ value: '', text: 'Choose a team' }, ...scope.teams.map((t) => ({ value: t.code, text: t.name, selected: scope.team?.id === t.id }))],
      pduItems: [{ value: '', text: 'Choose a PDU' }, ...scope.pdus.map((p) => ({ value: p.code, text: p.name, selected: scope.pdu?.id === p.id }))],
      canManage: can(user, PERMISSIONS.workloadManage),
    });
  });

  const practitionerPage = async (request: FastifyRequest, extra: { errors?: Record<string, string>; values?: Body; flash?: string } = {}) => {
    const user = request.user!;
    const p = await reachablePractitioner(db, user, (request.params as { id: string }).id);
    const today = todayIso();
    const [b, tasks] = await Promise.all([breakdown(db, user, p.id, today), workItemTasks(db)]);
    const c = b.capacity;
    const of = (kind: string) => b.items.filter((i) => i.kind === kind);
    const values = extra.values ?? {};
    return {
      pageTitle: `Workload of ${p.name}`, p, capacity: c, percent: c.capacityPercent.toFixed(1), explanation: c.explanation, tag: statusTag(c.capacityPercent),
      target: b.target, settings: b.settings, qualifiedOn: b.qualifiedOn ? formatDate(b.qualifiedOn) : null,
      cases: of('case').map((i) => ({ ...i, caseType: i.case ? caseTypeName(i.case.caseType) : '', youngAdult: i.case?.youngAdult ? 'Yes' : i.case ? 'No' : '' })),
      extras: [...of('report'), ...of('programme'), ...of('arrival')],
      workItems: of('work_item').map((i) => ({ ...i, due: formatDate(i.workItem!.dueOn) })),
      reductions: b.reductions.map((r) => ({ ...r, active: r.starts_on <= today && (r.ends_on === null || r.ends_on >= today) })),
      absences: b.absences,
      canManage: can(user, PERMISSIONS.workloadManage),
      // A manager moves an absent or leaving practitioner's caseload with the allocation ranking (transfers).
      canReallocate: can(user, PERMISSIONS.casesAllocate) && p.team_id === user.teamId && p.id !== user.id && b.items.some((i) => i.kind === 'case'),
      taskItems: [{ value: '', text: 'Choose the kind of work' }, ...tasks.map((t) => ({ value: t.task, text: `${t.description} (${t.points} points)`, selected: values.task === t.task }))],
      values, errors: extra.errors, flash: extra.flash,
    };
  };

  app.get('/workload/practitioners/:id', read, async (request, reply) => {
    const page = await practitionerPage(request, { flash: ({ added: 'The work item has been added.', closed: 'The work item has been closed: it no longer counts.' } as Record<string, string>)[String((request.query as Body).saved ?? '')] });
    await audit(db, request, { action: 'workload.read', detail: { practitioner: page.p.username, cases: page.cases.length } });
    return reply.page(`${VIEWS}/practitioner.njk`, page);
  });

  app.post('/workload/practitioners/:id/work-items', manage, async (request, reply) => {
    const user = request.user!;
    const p = await reachablePractitioner(db, user, (request.params as { id: string }).id);
    const body = (request.body ?? {}) as Body;
    const tasks = await workItemTasks(db);
    const result = validateWorkItem(body, tasks.map((t) => t.task));
    let personId: number | null = null;
    if (result.ok && result.value.crn) {
      const person = await db.selectFrom('people').select('id').where('crn', '=', result.value.crn).where(inScope(user)).executeTakeFirst();
      if (!person) return reply.code(400).page(`${VIEWS}/practitioner.njk`, await practitionerPage(request, { errors: { crn: `There is no case with CRN ${result.value.crn} in your region` }, values: body }));
      personId = Number(person.id);
    }
    if (!result.ok) return reply.code(400).page(`${VIEWS}/practitioner.njk`, await practitionerPage(request, { errors: result.errors, values: body }));
    const { id } = await addWorkItem(db, { userId: p.id, task: result.value.task, personId, description: result.value.description, dueOn: result.value.dueOn, by: user.id });
    await audit(db, request, { action: 'workload.work-item.add', ...(personId ? { personId } : {}), detail: { id: Number(id), practitioner: p.username, task: result.value.task, dueOn: result.value.dueOn } });
    return reply.redirect(`/workload/practitioners/${p.id}?saved=added`, 303);
  });

  app.post('/workload/practitioners/:id/work-items/:item/close', manage, async (request, reply) => {
    const user = request.user!;
    const p = await reachablePractitioner(db, user, (request.params as { id: string }).id);
    const itemId = Number((request.params as { item: string }).item);
    const closed = Number.isSafeInteger(itemId) && itemId > 0 ? await closeWorkItem(db, p.id, itemId, todayIso(), user.id) : undefined;
    if (!closed) throw new HttpError(404, 'There is no open work item with that id for this practitioner. It may have been closed already.');
    await audit(db, request, { action: 'workload.work-item.close', ...(closed.person_id ? { personId: Number(closed.person_id) } : {}), detail: { id: itemId, practitioner: p.username, task: closed.task } });
    return reply.redirect(`/workload/practitioners/${p.id}?saved=closed`, 303);
  });

  const weightsPage = async (request: FastifyRequest, extra: { errors?: Record<string, string>; values?: Body; form?: WeightTable; flash?: string } = {}) => {
    const [t, history] = await Promise.all([weightTables(db), weightHistory(db)]);
    const value = (table: WeightTable, field: string, current: number) =>
      extra.form === table && extra.values && typeof extra.values[field] === 'string' ? extra.values[field] as string : String(current);
    const cell = (f: (typeof t.fields)[WeightTable][number]) => ({ ...f, value: value(f.table, f.field, f.current), error: extra.errors?.[f.field] });
    return {
      pageTitle: 'Workload weights', canManage: can(request.user, PERMISSIONS.workloadManage),
      caseTypes: CASE_TYPES.map((type) => ({ type, name: caseTypeName(type) })),
      caseGrid: TIERS.map((tier) => ({ tier, cells: CASE_TYPES.map((type) => cell(t.fields.case_weights.find((f) => f.item === `${type}:${tier}`)!)) })),
      tasks: t.tasks.map((row) => ({ ...row, cell: cell(t.fields.task_weights.find((f) => f.item === row.task)!) })),
      grades: t.grades.map((g) => ({ ...g, points: cell(t.fields.grade_targets.find((f) => f.item === `${g.grade}:points`)!), hours: cell(t.fields.grade_targets.find((f) => f.item === `${g.grade}:hours`)!) })),
      settings: t.settings.map((s) => ({ ...s, cell: cell(t.fields.settings.find((f) => f.item === s.key)!) })),
      history: history.map((h) => ({ ...h, tableName: TABLE_NAMES[h.table_name as WeightTable] ?? h.table_name })),
      reasons: { [extra.form ?? '']: extra.values?.reason ?? '' }, reasonError: extra.errors?.reason, form: extra.form,
      errors: extra.errors, flash: extra.flash,
    };
  };

  app.get('/workload/weights', read, async (request, reply) => {
    const saved = String((request.query as Body).saved ?? '');
    const flash = /^\d+$/.test(saved) ? (saved === '0' ? 'Nothing was changed: every value was the same as before.' : `${saved} ${saved === '1' ? 'value has' : 'values have'} been changed. Capacity figures everywhere now use the new values.`) : undefined;
    return reply.page(`${VIEWS}/weights.njk`, await weightsPage(request, { flash }));
  });

  app.post('/workload/weights/:table', manage, async (request, reply) => {
    const table = TABLES[(request.params as { table: string }).table];
    if (!table) throw new HttpError(404, 'There is no such weights table. Use the forms on the weights page.');
    const body = (request.body ?? {}) as Body;
    const { fields } = await weightTables(db);
    const result = validateWeights(body, fields[table]);
    if (!result.ok) {
      // Field ids are unique across the page, but the reason box is one per form.
      const errors = { ...result.errors };
      if (errors.reason) { errors[`reason-${table}`] = errors.reason; delete errors.reason; }
      return reply.code(400).page(`${VIEWS}/weights.njk`, await weightsPage(request, { errors, values: body, form: table }));
    }
    const count = await applyWeightChanges(db, result.value.changes, result.value.reason, request.user!.id);
    if (count) await audit(db, request, { action: 'workload.weights.update', detail: { table, reason: result.value.reason, changes: result.value.changes.map((c) => ({ item: c.item, old: c.oldValue, new: c.newValue })) } });
    return reply.redirect(`/workload/weights?saved=${count}`, 303);
  });
}

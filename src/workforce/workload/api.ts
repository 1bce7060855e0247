import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { readValue, type Change, type WeightTable } from './forms.ts';
import { applyWeightChanges, gradeTargets, loadWeights, weightTables } from './repository.ts';
import { breakdown, reachablePractitioner, scopeOf } from './routes.ts';
import { workloadOf } from './service.ts';
import { availablePoints, capacityPercent, capacityStatus, casePoints, isValidTier, taskPoints } from './rules.ts';
import type { PractitionerCapacity } from './service.ts';

const Count = (description: string) => Type.Integer({ minimum: 0, maximum: 1000, description });
const Calculate = Type.Object({
  grade: Type.String({ maxLength: 20, description: 'Grade: PO, PSO, PQiP, SPO (a row of the grade targets table)' }),
  contractedHours: Type.Number({ minimum: 0, maximum: 60, description: 'Contracted hours a week (full time is 37)' }),
  reductions: Type.Optional(Type.Array(Type.Object({
    hours: Type.Number({ minimum: 0, maximum: 60 }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  }), { maxItems: 50 })),
  cases: Type.Optional(Type.Array(Type.Object({
    tier: Type.String({ maxLength: 4, description: 'Tier, e.g. B2, or B2S (unsupervised: 0 points)' }),
    caseType: Type.Union([Type.Literal('community'), Type.Literal('custody'), Type.Literal('licence')]),
    youngAdult: Type.Optional(Type.Boolean({ description: 'Aged 18-24: the young adult weights' })),
  }), { maxItems: 2000 })),
  reports: Type.Optional(Type.Object({ standard: Type.Optional(Count('Standard pre-sentence reports')), fast: Type.Optional(Count('Fast pre-sentence reports')) })),
  paroleReports: Type.Optional(Count('Parole reports')),
});
const Result = Type.Object({
  totalPoints: Type.Integer(),
  availablePoints: Type.Integer(),
  capacityPercent: Type.Number({ description: 'Points used over points available, %, one decimal' }),
});

export async function workloadApi(app: FastifyInstance, { db }: { db: Db }) {
  app.post('/workload/calculate', {
    onRequest: requires(),
    schema: {
      summary: 'Try a caseload before it exists: its points, the points available for the hours, and the capacity %, from the current weights table',
      tags: ['workload'], body: Calculate, response: { 200: Result, 400: ProblemRef, 401: ProblemRef },
    },
  }, async (request) => {
    const body = request.body as Static<typeof Calculate>;
    const [weights, targets] = await Promise.all([loadWeights(db), gradeTargets(db)]);
    const target = targets.get(body.grade);
    if (!target) throw new HttpError(400, `Unknown grade ${body.grade}: use one of ${[...targets.keys()].join(', ')}`, { grade: 'Unknown grade' });
    const cases = body.cases ?? [];
    const badIndex = cases.findIndex((c) => !isValidTier(c.tier));
    if (badIndex >= 0) throw new HttpError(400, `Unknown tier ${cases[badIndex]!.tier} (cases[${badIndex}]): use A3 to D0, with an optional S`, { [`cases[${badIndex}].tier`]: 'Unknown tier' });
    const reduced = (body.reductions ?? []).reduce((sum, r) => sum + r.hours, 0);
    const hours = Math.max(0, body.contractedHours - reduced);
    const available = availablePoints(target.points, hours, target.fullTimeHours);
    const totalPoints = cases.reduce((sum, c) => sum + casePoints(weights, { tier: c.tier, caseType: c.caseType, youngAdult: c.youngAdult ?? false }), 0)
      + taskPoints(weights, 'standard_report', body.reports?.standard ?? 0)
      + taskPoints(weights, 'fast_report', body.reports?.fast ?? 0)
      + taskPoints(weights, 'parole_report', body.paroleReports ?? 0);
    return { totalPoints, availablePoints: available, capacityPercent: capacityPercent(totalPoints, available) };
  });

  const today = () => new Date().toISOString().slice(0, 10);
  const read = { onRequest: requires(PERMISSIONS.workloadRead) };

  app.get('/workload/capacity', {
    ...read,
    schema: {
      summary: 'Capacity of each practitioner in a team (default: yours) or a PDU of your region; without cases:allocate, only your own',
      tags: ['workload'], querystring: CapacityQuery,
      response: { 200: CapacityList, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef },
    },
  }, async (request) => {
    const scope = await scopeOf(db, request.user!, request.query as Static<typeof CapacityQuery>);
    const all = await workloadOf(db, scope.members.map((m) => m.id), today());
    return {
      team: scope.team?.code ?? null, pdu: scope.pdu?.code ?? null,
      practitioners: scope.members.flatMap((m) => {
        const c = all.get(m.id)?.capacity;
        return c ? [toFigures(m.id, m.name, c)] : [];
      }).sort((a, b) => b.capacityPercent - a.capacityPercent),
    };
  });

  app.get('/workload/practitioners/:id', {
    ...read,
    schema: {
      summary: 'One practitioner\'s capacity explained: every case, report and work item with its points, reductions, absences and the formula',
      tags: ['workload'], params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) }),
      response: { 200: Breakdown, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const p = await reachablePractitioner(db, request.user!, (request.params as { id: string }).id);
    const b = await breakdown(db, request.user!, p.id, today());
    await audit(db, request, { action: 'workload.read', detail: { practitioner: p.username, api: true } });
    return {
      ...toFigures(p.id, p.name, b.capacity),
      items: b.items.map((i) => ({
        kind: i.kind, crn: i.crn, restricted: i.restricted, label: i.label, points: i.points,
        tier: i.case?.tier ?? null, caseType: i.case?.caseType ?? null, youngAdult: i.case ? i.case.youngAdult : null,
        dueOn: i.workItem?.dueOn ?? i.report?.dueOn ?? null,
      })),
      reductions: b.reductions.map((r) => ({ hours: r.hours, reason: r.reason, startsOn: r.starts_on, endsOn: r.ends_on })),
      absences: b.absences.map((a) => ({ kind: a.kind, startsOn: a.starts_on, endsOn: a.ends_on })),
    };
  });

  app.get('/workload/weights', {
    ...read,
    schema: { summary: 'The case weights, task weights, grade targets and capacity settings in use', tags: ['workload'], response: { 200: WeightsBody, 401: ProblemRef, 403: ProblemRef } },
  }, async () => weightsBody());

  app.put('/workload/weights', {
    onRequest: requires(PERMISSIONS.workloadManage),
    schema: {
      summary: 'Change weights, grade targets or settings, with a reason kept in the history; capacity everywhere uses the new values at once',
      tags: ['workload'], body: WeightsUpdate, response: { 200: WeightsBody, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef },
    },
  }, async (request) => {
    const body = request.body as Static<typeof WeightsUpdate>;
    const { fields } = await weightTables(db);
    const wanted: { table: WeightTable; item: string; value: number; where: string }[] = [
      ...(body.cases ?? []).map((c, i) => ({ table: 'case_weights' as const, item: `${c.caseType}:${c.tier}`, value: c.points, where: `cases[${i}]` })),
      ...(body.tasks ?? []).map((t, i) => ({ table: 'task_weights' as const, item: t.task, value: t.points, where: `tasks[${i}]` })),
      ...(body.grades ?? []).flatMap((g, i) => [
        ...(g.points !== undefined ? [{ table: 'grade_targets' as const, item: `${g.grade}:points`, value: g.points, where: `grades[${i}].points` }] : []),
        ...(g.fullTimeHours !== undefined ? [{ table: 'grade_targets' as const, item: `${g.grade}:hours`, value: g.fullTimeHours, where: `grades[${i}].fullTimeHours` }] : []),
      ]),
      ...(body.settings ?? []).map((s, i) => ({ table: 'settings' as const, item: s.key, value: s.value, where: `settings[${i}]` })),
    ];
    if (wanted.length === 0) throw new HttpError(400, 'Give at least one value to change in cases, tasks, grades or settings.');
    const errors: Record<string, string> = {};
    const changes: Change[] = [];
    for (const w of wanted) {
      const f = fields[w.table].find((x) => x.item === w.item);
      if (!f) { errors[w.where] = `There is no ${w.table.replace('_', ' ')} row "${w.item}"`; continue; }
      const read = readValue(String(w.value), f);
      if ('error' in read) errors[w.where] = read.error;
      else if (read.value !== f.current) changes.push({ table: w.table, item: w.item, oldValue: f.current, newValue: read.value });
    }
    if (Object.keys(errors).length) throw new HttpError(400, Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join('; '), errors);
    const reason = body.reason.trim();
    if (!reason) throw new HttpError(400, 'Give the reason for the change.', { reason: 'Enter the reason for the change' });
    await applyWeightChanges(db, changes, reason, request.user!.id);
    if (changes.length) await audit(db, request, { action: 'workload.weights.update', detail: { api: true, reason, changes: changes.map((c) => ({ table: c.table, item: c.item, old: c.oldValue, new: c.newValue })) } });
    return weightsBody();
  });

  async function weightsBody() {
    const t = await weightTables(db);
    return {
      cases: t.cases.map((c) => ({ caseType: c.case_type, tier: c.tier, points: c.points })),
      tasks: t.tasks.map((x) => ({ task: x.task, description: x.description, points: x.points, countedFrom: x.counted_from, source: x.source })),
      grades: t.grades.map((g) => ({ grade: g.grade, points: g.points, fullTimeHours: Number(g.full_time_hours), source: g.source })),
      settings: t.settings.map((s) => ({ key: s.key, value: s.value, description: s.description, source: s.source })),
    };
  }
}

function toFigures(userId: number, name: string, c: PractitionerCapacity) {
  return {
    userId, name, grade: c.grade, contractedHours: c.contractedHours, availableHours: c.availableHours, availablePoints: c.availablePoints,
    totalPoints: c.totalPoints, capacityPercent: c.capacityPercent, status: capacityStatus(c.capacityPercent),
    absentUntil: c.absentUntil, protectedCaseload: c.protectedCaseload, caseCount: c.caseCount, reportCount: c.reportCount,
    workItemCount: c.workItemCount, pointsFormula: c.explanation.pointsFormula, capacityFormula: c.explanation.capacityFormula,
  };
}

const NullStr = Type.Union([Type.String(), Type.Null()]);
const CapacityQuery = Type.Object({
  team: Type.Optional(Type.String({ maxLength: 40, description: 'Team code, e.g. NE-NCL-C (default: your team)' })),
  pdu: Type.Optional(Type.String({ maxLength: 40, description: 'PDU code, e.g. NE-NCL: every team in it' })),
});
const Figures = Type.Object({
  userId: Type.Integer(), name: Type.String(), grade: NullStr,
  contractedHours: Type.Number(), availableHours: Type.Number({ description: 'Contracted hours less active reductions' }),
  availablePoints: Type.Integer({ description: 'After reductions, absences in the window and a protected caseload' }),
  totalPoints: Type.Integer(), capacityPercent: Type.Number(),
  status: Type.Union([Type.Literal('over'), Type.Literal('near'), Type.Literal('under')], { description: 'over > 100%, near 90-100%, under < 90%' }),
  absentUntil: NullStr, protectedCaseload: Type.Boolean(), caseCount: Type.Integer(), reportCount: Type.Integer(), workItemCount: Type.Integer(),
  pointsFormula: Type.String(), capacityFormula: Type.String(),
});
const CapacityList = Type.Object({ team: NullStr, pdu: NullStr, practitioners: Type.Array(Figures) });
const Breakdown = Type.Intersect([Figures, Type.Object({
  items: Type.Array(Type.Object({
    kind: Type.String({ description: 'case, report, programme, arrival or work_item' }), crn: NullStr,
    restricted: Type.Boolean({ description: 'The access list refuses you: only the CRN is shown' }),
    label: Type.String(), points: Type.Integer(), tier: NullStr, caseType: NullStr, youngAdult: Type.Union([Type.Boolean(), Type.Null()]), dueOn: NullStr,
  })),
  reductions: Type.Array(Type.Object({ hours: Type.Number(), reason: Type.String(), startsOn: Type.String(), endsOn: NullStr })),
  absences: Type.Array(Type.Object({ kind: Type.String(), startsOn: Type.String(), endsOn: Type.String() })),
})]);
const WeightsBody = Type.Object({
  cases: Type.Array(Type.Object({ caseType: Type.String(), tier: Type.String(), points: Type.Integer() })),
  tasks: Type.Array(Type.Object({ task: Type.String(), description: Type.String(), points: Type.Integer(), countedFrom: Type.String(), source: Type.String() })),
  grades: Type.Array(Type.Object({ grade: Type.String(), points: Type.Integer(), fullTimeHours: Type.Number(), source: Type.String() })),
  settings: Type.Array(Type.Object({ key: Type.String(), value: Type.Integer(), description: Type.String(), source: Type.String() })),
});
const Points = Type.Integer({ minimum: 0, maximum: 100000 });
const WeightsUpdate = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Why: kept in the history' }),
  cases: Type.Optional(Type.Array(Type.Object({
    caseType: Type.Union([Type.Literal('community'), Type.Literal('custody'), Type.Literal('licence'), Type.Literal('young_adult')]),
    tier: Type.String({ pattern: '^[A-D][0-3]$' }), points: Points,
  }), { maxItems: 64 })),
  tasks: Type.Optional(Type.Array(Type.Object({ task: Type.String({ maxLength: 60 }), points: Points }), { maxItems: 100 })),
  grades: Type.Optional(Type.Array(Type.Object({ grade: Type.String({ maxLength: 20 }), points: Type.Optional(Points), fullTimeHours: Type.Optional(Type.Number({ minimum: 1, maximum: 60 })) }), { maxItems: 20 })),
  settings: Type.Optional(Type.Array(Type.Object({ key: Type.String({ maxLength: 60 }), value: Points }), { maxItems: 20 })),
});

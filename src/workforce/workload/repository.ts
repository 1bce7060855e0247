/** Workload data access: the weights table, staff facts, and what each practitioner holds. */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { Change, Field, WeightTable } from './forms.ts';
import type { Settings, Weights } from './rules.ts';

export async function loadWeights(db: Db): Promise<Weights> {
  const [cases, tasks] = await Promise.all([
    db.selectFrom('workload_case_weights').selectAll().execute(),
    db.selectFrom('workload_task_weights').selectAll().execute(),
  ]);
  const byType = new Map<string, Map<string, number>>();
  for (const c of cases) {
    if (!byType.has(c.case_type)) byType.set(c.case_type, new Map());
    byType.get(c.case_type)!.set(c.tier, c.points);
  }
  return { cases: byType, tasks: new Map(tasks.map((t) => [t.task, t.points])) };
}

export async function gradeTargets(db: Db): Promise<Map<string, { points: number; fullTimeHours: number }>> {
  const rows = await db.selectFrom('workload_grade_targets').selectAll().execute();
  return new Map(rows.map((r) => [r.grade, { points: r.points, fullTimeHours: Number(r.full_time_hours) }]));
}

/**
 * The type-of-case facts of people: latest tier, date of birth, current (latest active) sentence. A query
 * over `people as p` for the caller to narrow: by person, or joined to the allocations it weighs.
 */
function caseFactsQuery(db: Db) {
  return db.selectFrom('people as p')
    .leftJoinLateral((eb) => eb.selectFrom('sentences').select(['sentence_type', sql<string | null>`to_char(release_on, 'YYYY-MM-DD')`.as('release_on')])
      .whereRef('person_id', '=', 'p.id').where('status', '=', 'active').orderBy('sentenced_on', 'desc').orderBy('id', 'desc').limit(1).as('s'), (join) => join.onTrue())
    .select((eb) => [
      'p.id as personId',
      sql<string>`to_char(p.date_of_birth, 'YYYY-MM-DD')`.as('dateOfBirth'),
      eb.selectFrom('tier_calculations as t').select('t.tier').whereRef('t.person_id', '=', 'p.id')
        .orderBy('t.calculated_at', 'desc').orderBy('t.id', 'desc').limit(1).as('tier'),
      's.sentence_type as sentenceType',
      's.release_on as releaseOn',
    ]);
}

/** Each person's type-of-case facts (see caseFactsQuery). */
export async function caseFacts(db: Db, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return caseFactsQuery(db).where('p.id', 'in', personIds).execute();
}

/** The cases the practitioners hold now, each with its type-of-case facts; every practitioner's when `userIds` is null. */
export async function heldCases(db: Db, userIds: readonly number[] | null) {
  if (userIds?.length === 0) return [];
  return caseFactsQuery(db).innerJoin('case_allocations as a', 'a.person_id', 'p.id').select('a.practitioner_id')
    .where('a.ended_at', 'is', null).where('a.practitioner_id', 'is not', null)
    .$if(userIds !== null, (qb) => qb.where('a.practitioner_id', 'in', userIds!))
    .orderBy('a.practitioner_id').orderBy('a.person_id').execute();
}

/** Staff facts of the listed users, or (null) of every practitioner: active staff with a grade. */
export async function staffFacts(db: Db, userIds: readonly number[] | null, today: string) {
  // For everyone, the rows of staff without a grade are read too, and never used: cheaper than a join.
  const [users, reductions, absences, reports, recent, workItems] = await Promise.all([
    db.selectFrom('users as u').leftJoin('staff_profiles as sp', 'sp.user_id', 'u.id')
      .select(['u.id', 'u.grade', 'sp.contracted_hours', 'sp.specialisms', sql<string | null>`to_char(sp.qualified_on, 'YYYY-MM-DD')`.as('qualifiedOn')])
      .$if(userIds !== null, (qb) => qb.where('u.id', 'in', userIds!))
      .$if(userIds === null, (qb) => qb.where('u.active', '=', true).where('u.service_account', '=', false).where('u.grade', 'is not', null))
      .orderBy('u.id').execute(),
    db.selectFrom('workload_reductions').select(['user_id', 'hours', 'reason', 'reason_code', sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'), sql<string | null>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on')])
      .$if(userIds !== null, (qb) => qb.where('user_id', 'in', userIds!)).execute(),
    db.selectFrom('staff_absences').select(['user_id', 'kind', sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'), sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on')])
      .$if(userIds !== null, (qb) => qb.where('user_id', 'in', userIds!)).where('ends_on', '>=', today).execute(),
    db.selectFrom('pre_sentence_reports').select(['id', 'person_id', 'assigned_to', 'report_type', sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on')])
      .$if(userIds !== null, (qb) => qb.where('assigned_to', 'in', userIds!)).where('assigned_to', 'is not', null)
      .where('status', 'not in', ['complete', 'cancelled']).execute(),
    db.selectFrom('case_allocations').select(['practitioner_id', (eb) => eb.fn.countAll<string>().as('n')])
      .$if(userIds !== null, (qb) => qb.where('practitioner_id', 'in', userIds!)).where('practitioner_id', 'is not', null)
      .where('started_at', '>=', sql<Date>`(${today}::date - 7)`).groupBy('practitioner_id').execute(),
    db.selectFrom('workload_work_items').select(['id', 'user_id', 'task', 'person_id', 'description', sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on')])
      .$if(userIds !== null, (qb) => qb.where('user_id', 'in', userIds!)).where('closed_on', 'is', null).orderBy('due_on').orderBy('id').execute(),
  ]);
  return { users, reductions, absences, reports, recent, workItems };
}

/** The policy settings (workload_settings), by name. A missing row reads as the rule switched off. */
export async function loadSettings(db: Db): Promise<Settings> {
  const rows = await db.selectFrom('workload_settings').select(['key', 'value']).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    absenceWindowDays: value('absence_window_days') ?? 0,
    protectedCaseloadPercent: value('protected_caseload_percent') ?? 100,
    custodyArrivalDays: value('custody_arrival_days') ?? 0,
  };
}

/** Accredited programme requirements of people's active sentences, or of everyone's (null): whether one is being delivered is a rule. */
export async function programmeFacts(db: Db, personIds: readonly number[] | null) {
  if (personIds?.length === 0) return [];
  return db.selectFrom('requirements as r').innerJoin('sentences as s', 's.id', 'r.sentence_id')
    .select(['r.person_id', 'r.programme_code',
      sql<string>`to_char(r.expected_start_on, 'YYYY-MM-DD')`.as('expected_start_on'),
      sql<string>`to_char(r.expected_end_on, 'YYYY-MM-DD')`.as('expected_end_on'),
      sql<string | null>`to_char(r.ended_on, 'YYYY-MM-DD')`.as('ended_on')])
    .$if(personIds !== null, (qb) => qb.where('r.person_id', 'in', personIds!)).where('r.requirement_type', '=', 'accredited_programme').where('s.status', '=', 'active')
    .execute();
}

// ---- The weights page, the org lists and work items ----

export const CASE_TYPES = ['community', 'custody', 'licence', 'young_adult'] as const;
export const TIERS = ['A3', 'A2', 'A1', 'A0', 'B3', 'B2', 'B1', 'B0', 'C3', 'C2', 'C1', 'C0', 'D3', 'D2', 'D1', 'D0'];
const CASE_TYPE_NAMES: Record<string, string> = { community: 'Community', custody: 'Custody', licence: 'Licence', young_adult: 'Young adult' };
export const caseTypeName = (t: string) => CASE_TYPE_NAMES[t] ?? t;

/** Every editable value of the four tables, as form fields with their current values. */
export async function weightTables(db: Db) {
  const [cases, tasks, grades, settings] = await Promise.all([
    db.selectFrom('workload_case_weights').selectAll().execute(),
    db.selectFrom('workload_task_weights').selectAll().orderBy('task').execute(),
    db.selectFrom('workload_grade_targets').selectAll().orderBy('grade').execute(),
    db.selectFrom('workload_settings').selectAll().orderBy('key').execute(),
  ]);
  const fields: Record<WeightTable, Field[]> = {
    case_weights: CASE_TYPES.flatMap((type) => TIERS.map((tier) => ({
      table: 'case_weights' as const, item: `${type}:${tier}`, field: `case-${type}-${tier}`, label: `${CASE_TYPE_NAMES[type]} ${tier}`,
      current: cases.find((c) => c.case_type === type && c.tier === tier)?.points ?? 0, max: 10000,
    }))),
    task_weights: tasks.map((t) => ({ table: 'task_weights' as const, item: t.task, field: `task-${t.task}`, label: t.description, current: t.points, max: 10000 })),
    grade_targets: grades.flatMap((g) => [
      { table: 'grade_targets' as const, item: `${g.grade}:points`, field: `grade-${g.grade}-points`, label: `${g.grade} points available`, current: g.points, max: 100000 },
      { table: 'grade_targets' as const, item: `${g.grade}:hours`, field: `grade-${g.grade}-hours`, label: `${g.grade} full-time hours`, current: Number(g.full_time_hours), max: 60, min: 1, decimals: true },
    ]),
    settings: settings.map((s) => ({
      table: 'settings' as const, item: s.key, field: `setting-${s.key}`, label: s.label, current: s.value,
      max: s.key.endsWith('_percent') ? 100 : 365,
    })),
  };
  return { cases, tasks, grades, settings, fields };
}

/** Saves the changes and their history in one transaction; returns how many values changed. */
export async function applyWeightChanges(db: Db, changes: readonly Change[], reason: string, userId: number): Promise<number> {
  if (changes.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    for (const c of changes) {
      const [a, b] = c.item.split(':') as [string, string?];
      if (c.table === 'case_weights') {
        await trx.updateTable('workload_case_weights').set({ points: c.newValue }).where('case_type', '=', a as 'community').where('tier', '=', b!).execute();
      } else if (c.table === 'task_weights') {
        await trx.updateTable('workload_task_weights').set({ points: c.newValue }).where('task', '=', a).execute();
      } else if (c.table === 'grade_targets') {
        await trx.updateTable('workload_grade_targets').set(b === 'hours' ? { full_time_hours: c.newValue } : { points: c.newValue }).where('grade', '=', a).execute();
      } else {
        await trx.updateTable('workload_settings').set({ value: c.newValue }).where('key', '=', a).execute();
      }
      await trx.insertInto('workload_weight_changes').values({
        table_name: c.table, item: c.item, old_value: String(c.oldValue), new_value: String(c.newValue), reason, changed_by: userId,
      }).execute();
    }
  });
  return changes.length;
}

export async function weightHistory(db: Db, limit = 100) {
  return db.selectFrom('workload_weight_changes as h').leftJoin('users as u', 'u.id', 'h.changed_by')
    .select(['h.id', 'h.table_name', 'h.item', 'h.old_value', 'h.new_value', 'h.reason', 'h.changed_at', 'u.display_name as changedBy'])
    .orderBy('h.id', 'desc').limit(limit).execute();
}

/** The PDUs and teams of a region. */
export async function regionOrg(db: Db, regionId: number | null) {
  if (regionId === null) return { pdus: [], teams: [] };
  const [pdus, teams] = await Promise.all([
    db.selectFrom('pdus').select(['id', 'code', 'name']).where('region_id', '=', regionId).orderBy('name').execute(),
    db.selectFrom('teams as t').innerJoin('pdus as p', 'p.id', 't.pdu_id').select(['t.id', 't.code', 't.name', 't.pdu_id', 'p.code as pduCode'])
      .where('p.region_id', '=', regionId).where('t.active', '=', true).orderBy('p.name').orderBy('t.name').execute(),
  ]);
  return { pdus, teams };
}

/** Active staff with a grade in the given teams: the people whose workload is measured. */
export async function practitionersIn(db: Db, teamIds: readonly number[]) {
  if (teamIds.length === 0) return [];
  return db.selectFrom('users').select(['id', 'display_name as name', 'grade', 'team_id'])
    .where('team_id', 'in', teamIds).where('active', '=', true).where('service_account', '=', false).where('grade', 'is not', null)
    .orderBy('display_name').execute();
}

/** One member of staff with their team and region (to check the viewer's reach). */
export async function practitioner(db: Db, userId: number) {
  return db.selectFrom('users as u').leftJoin('teams as t', 't.id', 'u.team_id').leftJoin('pdus as p', 'p.id', 't.pdu_id')
    .select(['u.id', 'u.display_name as name', 'u.username', 'u.grade', 'u.team_id', 't.name as teamName', 't.code as teamCode', 'p.region_id', 'p.code as pduCode'])
    .where('u.id', '=', userId).where('u.service_account', '=', false).executeTakeFirst();
}

/** The tasks a manager records as work items (counted_from = 'work_item'). */
export async function workItemTasks(db: Db) {
  return db.selectFrom('workload_task_weights').select(['task', 'description', 'points']).where('counted_from', '=', 'work_item').orderBy('description').execute();
}

export async function addWorkItem(db: Db, v: { userId: number; task: string; personId: number | null; description: string; dueOn: string; by: number }) {
  return db.insertInto('workload_work_items').values({ user_id: v.userId, task: v.task, person_id: v.personId, description: v.description, due_on: v.dueOn, recorded_by: v.by })
    .returning('id').executeTakeFirstOrThrow();
}

export async function closeWorkItem(db: Db, userId: number, id: number, today: string, by: number) {
  return db.updateTable('workload_work_items').set({ closed_on: today, closed_by: by })
    .where('id', '=', id).where('user_id', '=', userId).where('closed_on', 'is', null).returning(['id', 'task', 'person_id']).executeTakeFirst();
}

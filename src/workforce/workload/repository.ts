/** Workload data access: the weights table, staff facts, and what each practitioner holds. */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { Reduction, Weights } from './rules.ts';

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

/** Each person's type-of-case facts: latest tier, date of birth, current (latest active) sentence. */
export async function caseFacts(db: Db, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  const current = db.selectFrom('sentences').distinctOn('person_id')
    .select(['person_id', 'sentence_type', sql<string | null>`to_char(release_on, 'YYYY-MM-DD')`.as('release_on')])
    .where('person_id', 'in', personIds).where('status', '=', 'active')
    .orderBy('person_id').orderBy('sentenced_on', 'desc').orderBy('id', 'desc');
  return db.selectFrom('people as p').leftJoin(current.as('s'), 's.person_id', 'p.id')
    .select((eb) => [
      'p.id as personId',
      sql<string>`to_char(p.date_of_birth, 'YYYY-MM-DD')`.as('dateOfBirth'),
      eb.selectFrom('tier_calculations as t').select('t.tier').whereRef('t.person_id', '=', 'p.id')
        .orderBy('t.calculated_at', 'desc').orderBy('t.id', 'desc').limit(1).as('tier'),
      's.sentence_type as sentenceType',
      's.release_on as releaseOn',
    ])
    .where('p.id', 'in', personIds)
    .execute();
}

export async function staffFacts(db: Db, userIds: readonly number[], today: string) {
  const [users, reductions, absences, cases, reports, recent] = await Promise.all([
    db.selectFrom('users as u').leftJoin('staff_profiles as sp', 'sp.user_id', 'u.id')
      .select(['u.id', 'u.grade', 'sp.contracted_hours', 'sp.specialisms', sql<string | null>`to_char(sp.qualified_on, 'YYYY-MM-DD')`.as('qualifiedOn')])
      .where('u.id', 'in', userIds).execute(),
    db.selectFrom('workload_reductions').select(['user_id', 'hours', 'reason', sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'), sql<string | null>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on')])
      .where('user_id', 'in', userIds).execute(),
    db.selectFrom('staff_absences').select(['user_id', 'kind', sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'), sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on')])
      .where('user_id', 'in', userIds).where('ends_on', '>=', today).execute(),
    db.selectFrom('case_allocations').select(['practitioner_id', 'person_id']).where('practitioner_id', 'in', userIds).where('ended_at', 'is', null).execute(),
    db.selectFrom('pre_sentence_reports').select(['assigned_to', 'report_type']).where('assigned_to', 'in', userIds)
      .where('status', 'not in', ['complete', 'cancelled']).execute(),
    db.selectFrom('case_allocations').select(['practitioner_id', (eb) => eb.fn.countAll<string>().as('n')]).where('practitioner_id', 'in', userIds)
      .where('started_at', '>=', sql<Date>`(${today}::date - 7)`).groupBy('practitioner_id').execute(),
  ]);
  const reductionsOf = (id: number): Reduction[] => reductions.filter((r) => r.user_id === id).map((r) => ({ ...r, hours: Number(r.hours) }));
  return { users, reductionsOf, absences, cases, reports, recent };
}

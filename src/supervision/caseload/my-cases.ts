/**
 * My cases (issue 5 item 8): the practitioner's caseload with, per case, what needs doing. A few queries
 * for the whole caseload, each batched by person id, never one per case.
 */
import { sql } from 'kysely';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import type { RoshLevel } from '../../assessment/rosh/rules.ts';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { overdueActionsOf } from '../plans/service.ts';
import { enforcementStatusesOf, type CaseEnforcement } from './enforcement-status.ts';
import { contactLevelsOf, type ContactLevel } from './service.ts';

export interface MyCase {
  personId: number;
  crn: string;
  viewable: boolean;
  name: string | null;
  sortName: string | null;
  tier: string | null;
  rosh: { level: RoshLevel; reviewDueOn: string } | null;
  nextAppointment: { at: Date; type: string } | null;
  contact: ContactLevel | null;
  overdueActions: number;
  enforcement: CaseEnforcement | null;
}

export async function nextAppointments(db: Db, personIds: readonly number[]) {
  if (!personIds.length) return new Map<number, { at: Date; type: string }>();
  const rows = await db.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code')
    .distinctOn('c.person_id').select(['c.person_id', 'c.starts_at', 't.name'])
    .where('c.person_id', 'in', personIds).where('t.appointment', '=', true).where('c.outcome', 'is', null)
    .where('c.change', '<>', 'cancelled').where('c.starts_at', '>=', sql<Date>`now()`)
    .orderBy('c.person_id').orderBy('c.starts_at').execute();
  return new Map(rows.map((r) => [Number(r.person_id), { at: r.starts_at, type: r.name }]));
}

/** The cases allocated to this user, in scope; details only where the access list allows them. */
export async function myCaseload(db: Db, user: CurrentUser, today: string): Promise<MyCase[]> {
  const allowed = accessListAllows(user);
  const people = await db.selectFrom('case_allocations as a').innerJoin('people', 'people.id', 'a.person_id')
    .leftJoin('rosh_assessments as rosh', (join) => join.onRef('rosh.person_id', '=', 'people.id').on('rosh.superseded', '=', false))
    .select(['people.id', 'people.crn', allowed.as('viewable'), 'people.first_name', 'people.last_name', 'rosh.overall', 'rosh.review_due_on'])
    .where('a.practitioner_id', '=', user.id).where('a.ended_at', 'is', null).where(inScope(user))
    .execute();
  const ids = people.filter((p) => p.viewable).map((p) => Number(p.id));
  const [tiers, appointments, levels, actions, enforcement] = await Promise.all([
    ids.length ? db.selectFrom('tier_calculations').distinctOn('person_id').select(['person_id', 'tier'])
      .where('person_id', 'in', ids).orderBy('person_id').orderBy('id', 'desc').execute() : [],
    nextAppointments(db, ids),
    contactLevelsOf(db, ids, today),
    overdueActionsOf(db, ids, today),
    enforcementStatusesOf(db, ids, today),
  ]);
  const tierOf = new Map(tiers.map((t) => [Number(t.person_id), t.tier]));
  return people.map((p): MyCase => {
    const id = Number(p.id);
    if (!p.viewable) return { personId: id, crn: p.crn, viewable: false, name: null, sortName: null, tier: null, rosh: null, nextAppointment: null, contact: null, overdueActions: 0, enforcement: null };
    return {
      personId: id, crn: p.crn, viewable: true,
      name: `${p.first_name} ${p.last_name}`, sortName: `${p.last_name}, ${p.first_name}`.toLowerCase(),
      tier: tierOf.get(id) ?? null,
      rosh: p.overall && p.review_due_on ? { level: p.overall, reviewDueOn: p.review_due_on } : null,
      nextAppointment: appointments.get(id) ?? null,
      contact: levels.get(id) ?? null,
      overdueActions: actions.get(id) ?? 0,
      enforcement: enforcement.get(id) ?? null,
    };
  });
}

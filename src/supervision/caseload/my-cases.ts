/**
 * My cases (issue 5 item 8): the practitioner's caseload with, per case, what needs doing. One query reads the
 * whole caseload, each fact a per-person subquery on its own index (never a person's whole contact history);
 * the two policy tables (contact level defaults, enforcement settings) are the only other reads.
 */
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { accessListAllows, inScopeOf } from '../../access/visibility.ts';
import type { RoshLevel } from '../../assessment/rosh/rules.ts';
import { checkingSession } from '../../auth/checked-statement.ts';
import type { Db } from '../../database.ts';
import type { CaseScope } from '../../org/tables.ts';
import { enforcementSettings, statusFactsOf, statusFrom } from '../enforcement/service.ts';
import { overdueActionsCountOf } from '../plans/service.ts';
import type { CaseEnforcement } from './enforcement-status.ts';
import { lastSeenOf, latestTierOf, supervisionStartOf } from './repository.ts';
import { contactLevelFrom, levelTable, type ContactLevel } from './service.ts';

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

// Prepared (platform/db/prepared.ts): the same SQL for every user, so the server plans it once per connection;
// the page checks the session in it (auth/checked-statement.ts).
const caseloadRows = checkingSession((db: Db, userId: number, caseScope: CaseScope, regionId: number | null, today: string) => {
  const person = sql.ref<number>('people.id');
  const facts = statusFactsOf(person);
  return db.selectFrom('case_allocations as a')
    .innerJoin('people', 'people.id', 'a.person_id')
    .leftJoin('rosh_assessments as rosh', (join) => join.onRef('rosh.person_id', '=', 'people.id').on('rosh.superseded', '=', false))
    .leftJoin('contact_level_overrides as o', (join) => join.onRef('o.person_id', '=', 'people.id').on('o.ended_at', 'is', null))
    // The next appointment still to happen: the first future row of the person's index contacts_person.
    .leftJoinLateral((eb) => eb.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code')
      .select(['c.starts_at', 't.name']).whereRef('c.person_id', '=', 'people.id')
      .where('t.appointment', '=', true).where('c.outcome', 'is', null).where('c.change', '<>', 'cancelled').where('c.starts_at', '>=', sql<Date>`now()`)
      .orderBy('c.starts_at').limit(1).as('next'), (join) => join.onTrue())
    .select(['people.id', 'people.crn', accessListAllows({ id: userId }).as('viewable'), 'people.first_name', 'people.last_name', 'rosh.overall', 'rosh.review_due_on',
      'o.frequency_days', 'o.reason', 'o.set_at', 'next.starts_at as next_at', 'next.name as next_type',
      latestTierOf(person).as('tier'), lastSeenOf(person).as('last_seen_on'), supervisionStartOf(person).as('since'),
      overdueActionsCountOf(person, today).as('overdue_actions'),
      facts.actions.as('actions'), facts.decisions.as('decisions'), facts.warnings.as('warnings'), facts.returns.as('returns')])
    .where('a.practitioner_id', '=', userId).where('a.ended_at', 'is', null).where(inScopeOf(caseScope, regionId));
});

/** The cases allocated to this user, in scope; details only where the access list allows them. */
export async function myCaseload(db: Db, request: FastifyRequest, today: string): Promise<MyCase[]> {
  const user = request.user!;
  const [table, settings, people] = await Promise.all([levelTable(db), enforcementSettings(db),
    caseloadRows(db, request, user.id, user.caseScope, user.regionId, today)]);
  return people.map((p): MyCase => {
    const id = Number(p.id);
    if (!p.viewable) return { personId: id, crn: p.crn, viewable: false, name: null, sortName: null, tier: null, rosh: null, nextAppointment: null, contact: null, overdueActions: 0, enforcement: null };
    const override = p.frequency_days !== null && p.reason !== null && p.set_at !== null ? { frequency_days: p.frequency_days, reason: p.reason, set_at: p.set_at } : null;
    const status = statusFrom(p, settings.warningPeriodMonths, today);
    return {
      personId: id, crn: p.crn, viewable: true,
      name: `${p.first_name} ${p.last_name}`, sortName: `${p.last_name}, ${p.first_name}`.toLowerCase(),
      tier: p.tier,
      rosh: p.overall && p.review_due_on ? { level: p.overall, reviewDueOn: p.review_due_on } : null,
      nextAppointment: p.next_at && p.next_type ? { at: new Date(p.next_at), type: p.next_type } : null,
      contact: contactLevelFrom(table, { tier: p.tier, override, lastSeenOn: p.last_seen_on, since: p.since }, today),
      overdueActions: Number(p.overdue_actions),
      enforcement: { state: status.status, deadlineOn: status.deadlineOn },
    };
  });
}

/** Reads and writes of alleged_breaches (typed Kysely); the rules are in rules.ts, the transactions in service.ts. */
import { sql, type SqlBool } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { accessListAllows, inScope, userAllowedOnCase } from '../../access/visibility.ts';
import type { Db } from '../../database.ts';
import type { AllegedBreachStatus } from './tables.ts';

/**
 * The person a partner means: the CRN and the date of birth and/or surname they gave must all match a
 * case under probation (one with a current allocation). One answer for every miss, so nothing leaks.
 */
export async function matchPerson(db: Db, input: { crn: string; dateOfBirth: string | null; surname: string | null }) {
  let query = db.selectFrom('people as p').innerJoin('case_allocations as a', (join) => join.onRef('a.person_id', '=', 'p.id').on('a.ended_at', 'is', null))
    .select(['p.id', 'p.crn', 'a.team_id', 'a.practitioner_id']).where('p.crn', '=', input.crn);
  if (input.dateOfBirth) query = query.where('p.date_of_birth', '=', input.dateOfBirth);
  if (input.surname) query = query.where(sql<SqlBool>`lower(p.last_name) = lower(${input.surname})`);
  return query.executeTakeFirst();
}

/** Who is told of a new report: the case's practitioner; when no one holds it, the team's managers. Never anyone the access list refuses. */
export async function recipientsFor(db: Db, personId: number, allocation: { team_id: number; practitioner_id: number | null }): Promise<number[]> {
  const query = db.selectFrom('users').select('users.id').where('users.active', '=', true).where(userAllowedOnCase(personId));
  const rows = allocation.practitioner_id
    ? await query.where('users.id', '=', allocation.practitioner_id).execute()
    : await query.where('users.team_id', '=', allocation.team_id)
      .where((eb) => eb.exists(eb.selectFrom('role_permissions as rp').select('rp.permission')
        .whereRef('rp.role_code', '=', 'users.role_code').where('rp.permission', '=', PERMISSIONS.casesAllocate)))
      .orderBy('users.id').execute();
  return rows.map((row) => row.id);
}

export const byReference = (db: Db, agencyCode: string, reference: string) =>
  db.selectFrom('alleged_breaches').selectAll().where('agency_code', '=', agencyCode).where('reporter_reference', '=', reference).executeTakeFirst();

/** What a partner may read back: their own agency's reports, with the decision and nothing of the case. */
const partnerColumns = ['b.id', 'b.reporter_reference', 'b.status', 'b.reported_at', 'b.decided_at', 'b.partner_note'] as const;

export const partnerReport = (db: Db, agencyCode: string, id: number) =>
  db.selectFrom('alleged_breaches as b').select(partnerColumns).where('b.id', '=', id).where('b.agency_code', '=', agencyCode).executeTakeFirst();

export const partnerReports = (db: Db, agencyCode: string, status: AllegedBreachStatus | null) => {
  let query = db.selectFrom('alleged_breaches as b').select(partnerColumns).where('b.agency_code', '=', agencyCode);
  if (status) query = query.where('b.status', '=', status);
  return query.orderBy('b.id', 'desc').limit(500).execute();
};

/**
 * The decider's queue: reports on cases the user holds, and for a team manager every case in their team.
 * Cases out of the user's scope are left out; those the access list refuses show only the CRN.
 */
export async function queueFor(db: Db, user: CurrentUser, manager: boolean, status: 'open' | 'decided') {
  let query = db.selectFrom('alleged_breaches as b')
    .innerJoin('people', 'people.id', 'b.person_id')
    .innerJoin('case_allocations as a', (join) => join.onRef('a.person_id', '=', 'b.person_id').on('a.ended_at', 'is', null))
    .innerJoin('agencies as ag', 'ag.code', 'b.agency_code')
    .leftJoin('users as pr', 'pr.id', 'a.practitioner_id')
    .select(['b.id', 'b.failure_date', 'b.kind', 'b.activity', 'b.status', 'b.reported_at', 'b.decided_at', 'people.crn', 'people.first_name', 'people.last_name',
      'ag.name as agency', 'pr.display_name as practitioner'])
    .select(accessListAllows(user).as('viewable'))
    .where(inScope(user))
    .where((eb) => (manager && user.teamId
      ? eb.or([eb('a.practitioner_id', '=', user.id), eb('a.team_id', '=', user.teamId)])
      : eb('a.practitioner_id', '=', user.id)));
  query = status === 'open'
    ? query.where('b.status', '=', 'reported').orderBy('b.reported_at')
    : query.where('b.status', '<>', 'reported').where('b.decided_at', '>', sql<Date>`now() - interval '30 days'`).orderBy('b.decided_at', 'desc');
  return query.limit(200).execute();
}

/** A report with who made it, for the decision page (the caller has already opened the case). */
export const reportForDecision = (db: Db, id: number) =>
  db.selectFrom('alleged_breaches as b').innerJoin('people as p', 'p.id', 'b.person_id').innerJoin('agencies as ag', 'ag.code', 'b.agency_code')
    .leftJoin('users as d', 'd.id', 'b.decided_by')
    .selectAll('b').select(['p.crn', 'ag.name as agency', 'd.display_name as decided_by_name'])
    .where('b.id', '=', id).executeTakeFirst();

/** The case's recent contacts (latest version of each), for judging the report against the record. Notes are not shown here. */
export const recentContacts = (db: Db, personId: number) =>
  db.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code')
    .select(['c.contact_id', 'c.starts_at', 't.name as type', 'c.outcome', 'c.counts_for_compliance'])
    .where('c.person_id', '=', personId).where('c.starts_at', '<=', sql<Date>`now() + interval '14 days'`)
    .orderBy('c.starts_at', 'desc').limit(10).execute();

/** The person's current requirement the activity delivers, if any, so the recorded failure is linked to it. */
export async function requirementFor(db: Db, personId: number, activity: string): Promise<{ id: number; name: string } | null> {
  const type = activity === 'unpaid_work' ? 'unpaid_work' : activity === 'programme' ? 'accredited_programme' : null;
  if (!type) return null;
  const row = await db.selectFrom('requirements as r').innerJoin('sentences as s', 's.id', 'r.sentence_id').innerJoin('requirement_types as t', 't.code', 'r.requirement_type')
    .select(['r.id', 't.name']).where('r.person_id', '=', personId).where('r.requirement_type', '=', type)
    .where('r.ended_on', 'is', null).where('s.status', '=', 'active').orderBy('r.id', 'desc').executeTakeFirst();
  return row ?? null;
}

/** Reading contacts: the current record of a case, a contact's versions, requirements and a practitioner's diary. */
import { sql } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import type { CountedContact, RequirementToCount } from './counting.ts';
import { londonParts } from '../../platform/uk-time.ts';

const readContactTypes = (db: Db) => db.selectFrom('contact_types').selectAll().orderBy('ordinal').execute();
let typesCache: ReturnType<typeof readContactTypes> | null = null;

/** The contact types, read once per process: reference data that only a migration changes (nothing else writes it). */
export function contactTypes(db: Db): ReturnType<typeof readContactTypes> {
  typesCache ??= readContactTypes(db).catch((error) => {
    typesCache = null;
    throw error;
  });
  return typesCache;
}

const contactColumns = [
  'c.id', 'c.contact_id', 'c.person_id', 'c.supersedes_id', 'c.type_code', 'c.practitioner_id', 'c.starts_at', 'c.duration_minutes', 'c.location',
  'c.requirement_id', 'c.outcome', 'c.outcome_evidence', 'c.counts_for_compliance', 'c.direct_engagement', 'c.notes', 'c.sensitive',
  'c.change', 'c.change_reason', 'c.rescheduled_to_contact_id', 'c.recorded_by', 'c.recorded_at',
] as const;

/** Current contacts with their type, practitioner and requirement: what every list and page of contacts reads. */
const currentContacts = (db: Db) => db.selectFrom('current_contacts as c')
  .innerJoin('contact_types as t', 't.code', 'c.type_code')
  .leftJoin('users as u', 'u.id', 'c.practitioner_id')
  .leftJoin('requirements as r', 'r.id', 'c.requirement_id')
  .leftJoin('requirement_types as rt', 'rt.code', 'r.requirement_type')
  .select([...contactColumns, 't.name as type_name', 't.appointment', 'u.display_name as practitioner_name', 'rt.name as requirement_name']);

/** Every current contact of a person, newest first. */
export async function contactsOf(db: Db, personId: number) {
  return currentContacts(db).where('c.person_id', '=', personId)
    .orderBy('c.starts_at', 'desc').orderBy('c.contact_id', 'desc')
    .execute();
}
export type ContactRow = Awaited<ReturnType<typeof contactsOf>>[number];

/** Where a page of contacts ends: the last contact shown (newest first, so the next page is older). */
export interface ContactCursor { startsAt: Date; contactId: number }

/**
 * A page of a person's current contacts, newest first, from the cursor on: read along the index
 * contacts_person, so a long history costs one page, not the whole of it. `next` is set when there are more.
 */
export async function contactsPage(db: Db, personId: number, after: ContactCursor | null, size: number) {
  let query = currentContacts(db).where('c.person_id', '=', personId);
  if (after) {
    query = query.where('c.starts_at', '<=', after.startsAt)
      .where((eb) => eb.or([eb('c.starts_at', '<', after.startsAt), eb('c.contact_id', '<', after.contactId)]));
  }
  const rows = await query.orderBy('c.starts_at', 'desc').orderBy('c.contact_id', 'desc').limit(size + 1).execute();
  const last = rows.length > size ? rows[size - 1]! : null;
  return { rows: rows.slice(0, size), next: last ? { startsAt: new Date(last.starts_at), contactId: last.contact_id } : null };
}

/** The contacts that count towards the requirements (complied, linked to one of them): read through contacts_requirement. */
export async function countedFor(db: Db, personId: number, requirementIds: readonly number[]) {
  if (!requirementIds.length) return [];
  return db.selectFrom('current_contacts as c')
    .select(['c.requirement_id', 'c.type_code', 'c.outcome', 'c.starts_at', 'c.duration_minutes'])
    .where('c.person_id', '=', personId).where('c.requirement_id', 'in', requirementIds).where('c.outcome', '=', 'attended_complied')
    .execute();
}

/** One current contact of a person. */
export async function contactOf(db: Db, personId: number, contactId: number): Promise<ContactRow | undefined> {
  return currentContacts(db).where('c.person_id', '=', personId).where('c.contact_id', '=', contactId).executeTakeFirst();
}

/** Every version of a contact, oldest first, with who recorded it. */
export async function versionsOf(db: Db, personId: number, contactId: number) {
  return db.selectFrom('contacts as c')
    .innerJoin('contact_types as t', 't.code', 'c.type_code')
    .leftJoin('users as u', 'u.id', 'c.practitioner_id')
    .leftJoin('users as by', 'by.id', 'c.recorded_by')
    .select([...contactColumns, 't.name as type_name', 'u.display_name as practitioner_name', 'by.display_name as recorded_by_name'])
    .where('c.person_id', '=', personId).where('c.contact_id', '=', contactId)
    .orderBy('c.id')
    .execute();
}
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

/** The person's requirements under active sentences (those a contact can deliver). */
export async function requirementsOf(db: Db, personId: number) {
  return db.selectFrom('requirements as r')
    .innerJoin('sentences as s', 's.id', 'r.sentence_id')
    .innerJoin('requirement_types as rt', 'rt.code', 'r.requirement_type')
    .select(['r.id', 'r.requirement_type', 'r.units', 'rt.name', 'rt.unit', 's.sentence_type', 's.sentenced_on'])
    .where('r.person_id', '=', personId).where('s.status', '=', 'active').where('r.ended_on', 'is', null)
    .orderBy('s.sentenced_on', 'desc').orderBy('r.id')
    .execute();
}

/** The counting inputs: current contacts with a requirement, dated in England. */
export function toCounted(rows: readonly { requirement_id: number | null; type_code: string; outcome: string | null; starts_at: Date; duration_minutes: number }[]): CountedContact[] {
  return rows.filter((r) => r.requirement_id !== null).map((r) => ({
    requirementId: r.requirement_id, typeCode: r.type_code, outcome: r.outcome, date: londonParts(new Date(r.starts_at)).date, durationMinutes: r.duration_minutes,
  }));
}

export const toRequirementsToCount = (rows: Awaited<ReturnType<typeof requirementsOf>>): RequirementToCount[] =>
  rows.map((r) => ({ id: r.id, requirementType: r.requirement_type, units: r.units }));

/** Practitioners who may hold the appointment: active staff holding a caseload in the user's team, the case's practitioner and the user. */
export async function practitionerChoices(db: Db, user: CurrentUser, personId: number) {
  const allocated = await db.selectFrom('case_allocations').select('practitioner_id').where('person_id', '=', personId).where('ended_at', 'is', null).executeTakeFirst();
  const rows = await db.selectFrom('users as u')
    .select(['u.id', 'u.display_name'])
    .where('u.active', '=', true)
    .where((eb) => eb.or([
      eb('u.id', '=', user.id),
      eb('u.id', '=', allocated?.practitioner_id ?? -1),
      user.teamId === null ? sql<boolean>`false` : eb.and([eb('u.team_id', '=', user.teamId), eb.exists(eb.selectFrom('role_permissions as rp').select('rp.permission')
        .whereRef('rp.role_code', '=', 'u.role_code').where('rp.permission', '=', 'caseload:hold'))]),
    ]))
    .orderBy('u.display_name').execute();
  return { choices: rows, allocatedId: allocated?.practitioner_id ?? null };
}

/** A practitioner's appointments in [from, to), with whether the user may see each person's name. */
export async function diaryOf(db: Db, user: CurrentUser, practitionerId: number, from: Date, to: Date) {
  return db.selectFrom('current_contacts as c')
    .innerJoin('contact_types as t', 't.code', 'c.type_code')
    .innerJoin('people', 'people.id', 'c.person_id')
    .select(['c.contact_id', 'c.starts_at', 'c.duration_minutes', 'c.outcome', 'c.location', 't.name as type_name', 'people.crn', 'people.first_name', 'people.last_name',
      sql<boolean>`(${inScope(user)}) AND (${accessListAllows(user)})`.as('viewable')])
    .where('c.practitioner_id', '=', practitionerId).where('t.appointment', '=', true)
    .where('c.starts_at', '>=', from).where('c.starts_at', '<', to)
    .orderBy('c.starts_at').execute();
}

/** The user whose diary is asked for, if it is a real active user. */
export async function diaryOwner(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'display_name', 'team_id']).where('id', '=', userId).executeTakeFirst();
}

/** Staff of a team (for a manager's diary choice). */
export async function teamMembers(db: Db, teamId: number) {
  return db.selectFrom('users').select(['id', 'display_name']).where('team_id', '=', teamId).where('active', '=', true).where('service_account', '=', false).orderBy('display_name').execute();
}

import { sql, type Expression } from 'kysely';
import type { Db } from '../database.ts';
import { byPerson, inBatches } from '../platform/db/batches.ts';
import type { NewRegistration } from './rules.ts';

export const registrationTypes = (db: Db) => db.selectFrom('registration_types').selectAll().orderBy('name').execute();

/** A case's flags, active first (most serious colour first), with the latest review. */
export function registrationsQuery(db: Db, personId: number | Expression<number>) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('registration_types as t', 't.code', 'r.type_code')
    .leftJoin('users as by', 'by.id', 'r.registered_by')
    .select([
      'r.id', 'r.type_code', 'r.level', 'r.notes', 'r.registered_on', 'r.next_review_on', 'r.deregistered_on', 'r.deregistration_reason',
      't.name', 't.colour', 't.review_months', 'by.display_name as registered_by_name',
      sql<string | null>`(select max(reviewed_on)::text from registration_reviews v where v.registration_id = r.id)`.as('last_reviewed_on'),
    ])
    .where('r.person_id', '=', personId)
    .orderBy(sql`r.deregistered_on is not null`)
    .orderBy(sql`array_position(array['red','orange','purple','yellow','blue','grey'], t.colour)`)
    .orderBy('r.registered_on', 'desc');
}
export const registrationsFor = (db: Db, personId: number) => registrationsQuery(db, personId).execute();
export type RegistrationRow = Awaited<ReturnType<typeof registrationsFor>>[number];

export async function addRegistration(db: Db, personId: number, registration: NewRegistration, userId: number) {
  const row = await db.insertInto('registrations').values({
    person_id: personId, type_code: registration.typeCode, level: registration.level, notes: registration.notes,
    registered_on: registration.registeredOn, next_review_on: registration.nextReviewOn, registered_by: userId,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The active flag with this id on this case (a flag of another case is not found). */
export async function activeRegistration(db: Db, personId: number, id: number) {
  return db.selectFrom('registrations as r').innerJoin('registration_types as t', 't.code', 'r.type_code')
    .select(['r.id', 't.name', 't.review_months']).where('r.id', '=', id).where('r.person_id', '=', personId)
    .where('r.deregistered_on', 'is', null).executeTakeFirst();
}

/** Two writes: call inside a transaction (the route does, with the tier's recalculation). */
export async function reviewRegistration(db: Db, personId: number, id: number, review: { notes: string; nextReviewOn: string }, userId: number) {
  await db.insertInto('registration_reviews').values({
    person_id: personId, registration_id: id, reviewed_on: sql<string>`current_date`, notes: review.notes, next_review_on: review.nextReviewOn, reviewed_by: userId,
  }).execute();
  await db.updateTable('registrations').set({ next_review_on: review.nextReviewOn }).where('id', '=', id).execute();
}

export async function deregister(db: Db, id: number, reason: string, userId: number) {
  await db.updateTable('registrations')
    .set({ deregistered_on: sql<string>`current_date`, deregistration_reason: reason, deregistered_by: userId, next_review_on: null })
    .where('id', '=', id).execute();
}

export interface ActiveFlag { typeCode: string; name: string; level: string | null; complexityFactor: string | null; registeredOn: string }

/** Active flags with what the tier reads from their types, for many people at once. */
export async function activeFlagsFor(db: Db, personIds: readonly number[]): Promise<Map<number, ActiveFlag[]>> {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('registrations as r').innerJoin('registration_types as t', 't.code', 'r.type_code')
    .select(['r.person_id', 'r.type_code', 't.name', 'r.level', 't.complexity_factor', 'r.registered_on'])
    .where('r.person_id', 'in', ids).where('r.deregistered_on', 'is', null).orderBy('r.id').execute());
  const grouped = byPerson(rows);
  return new Map(personIds.map((id) => [id, (grouped.get(id) ?? []).map((f) => ({
    typeCode: f.type_code, name: f.name, level: f.level, complexityFactor: f.complexity_factor, registeredOn: f.registered_on,
  }))]));
}

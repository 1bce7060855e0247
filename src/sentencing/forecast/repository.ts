/** Capacity, groups and queues: typed Kysely over the tables of migration 0010. */
import { sql } from 'kysely';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import type { LeftKind } from './tables.ts';

export const PROGRAMME = 'accredited_programme';

/** The PDU of a case's current allocation. */
export async function pduOfPerson(db: Db, personId: number) {
  return db.selectFrom('case_allocations as a').innerJoin('teams as t', 't.id', 'a.team_id').innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .select(['p.id', 'p.code', 'p.name']).where('a.person_id', '=', personId).where('a.ended_at', 'is', null).executeTakeFirst();
}

export const pduById = (db: Db, id: number) => db.selectFrom('pdus').select(['id', 'code', 'name', 'region_id']).where('id', '=', id).executeTakeFirst();
export const pduByCode = (db: Db, code: string) => db.selectFrom('pdus').select(['id', 'code', 'name', 'region_id']).where('code', '=', code).executeTakeFirst();

/** The PDUs a user may manage: their region's (every PDU for a national role). */
export async function pdusForUser(db: Db, user: CurrentUser) {
  let query = db.selectFrom('pdus').select(['id', 'code', 'name']).orderBy('name');
  if (user.caseScope !== 'national') query = query.where('region_id', '=', user.regionId ?? -1);
  const pdus = await query.execute();
  const own = user.teamId ? await db.selectFrom('teams').select('pdu_id').where('id', '=', user.teamId).executeTakeFirst() : undefined;
  return { pdus, defaultPduId: pdus.find((p) => p.id === own?.pdu_id)?.id ?? pdus[0]?.id ?? null };
}

/** Requirement types with how they are delivered and their start limits; the programmes. */
export async function deliveryReference(db: Db) {
  const [types, programmes] = await Promise.all([
    db.selectFrom('requirement_delivery_rules as d').innerJoin('requirement_types as t', 't.code', 'd.requirement_type')
      .select(['d.requirement_type', 't.name', 'd.delivery_model', 'd.start_limit_days', 'd.start_limit_working_days', 'd.start_limit_reason', 'd.start_limit_source'])
      .orderBy('t.name').execute(),
    db.selectFrom('accredited_programmes').select(['code', 'name']).orderBy('name').execute(),
  ]);
  return { types, programmes };
}
export type DeliveryReference = Awaited<ReturnType<typeof deliveryReference>>;

/** Everything a PDU's forecasts read, in a few queries: capacity, groups to come, queue counts, treatments under way. */
export async function pduFacts(db: Db, pduId: number, today: string) {
  const [capacity, groups, waiting, inTreatment] = await Promise.all([
    db.selectFrom('delivery_capacity').selectAll().where('pdu_id', '=', pduId).execute(),
    db.selectFrom('programme_groups as g').innerJoin('delivery_capacity as c', 'c.id', 'g.capacity_id')
      .select(['g.id', 'g.capacity_id', 'g.starts_on', 'g.places', 'g.location']).where('c.pdu_id', '=', pduId).where('g.starts_on', '>=', today)
      .orderBy('g.starts_on').orderBy('g.id').execute(),
    db.selectFrom('requirement_queue').select(['requirement_type', 'programme_code', sql<number>`count(*)::int`.as('n')])
      .where('pdu_id', '=', pduId).where('left_on', 'is', null).where('started_on', 'is', null)
      .groupBy(['requirement_type', 'programme_code']).execute(),
    db.selectFrom('requirement_queue as q').innerJoin('requirement_delivery_rules as d', 'd.requirement_type', 'q.requirement_type')
      .select(['q.requirement_type', 'q.started_on']).where('q.pdu_id', '=', pduId).where('q.left_on', 'is', null)
      .where('q.started_on', 'is not', null).where('d.delivery_model', '=', 'provider_places').execute(),
  ]);
  return { capacity, groups, waiting, inTreatment: inTreatment as { requirement_type: string; started_on: string }[] };
}
export type PduFacts = Awaited<ReturnType<typeof pduFacts>>;

export interface QueueJoin { personId: number; requirementId: number; requirementType: string; programme: string | null; pduId: number; joinedOn: string }

/** Adds requirements to their queues; one still in a queue is left where it is. */
export async function insertQueueRows(db: Db, items: readonly QueueJoin[]) {
  if (!items.length) return;
  await db.insertInto('requirement_queue').values(items.map((item) => ({
    person_id: item.personId, requirement_id: item.requirementId, pdu_id: item.pduId,
    requirement_type: item.requirementType, programme_code: item.programme, joined_on: item.joinedOn,
  }))).onConflict((oc) => oc.column('requirement_id').where('left_on', 'is', null).doNothing()).execute();
}

export async function leaveForSentence(db: Db, sentenceId: number, reason: string, on: string) {
  await db.updateTable('requirement_queue')
    .set({ left_on: on, left_kind: 'order_ended', left_reason: reason.slice(0, 2000) || 'Order ended' })
    .where('left_on', 'is', null)
    .where('requirement_id', 'in', db.selectFrom('requirements').select('id').where('sentence_id', '=', sentenceId))
    .execute();
}

/** The queue for one key at a PDU, in order: who is waiting, and (treatment) who is in treatment. Names only where the access list allows. */
export async function queueRows(db: Db, pduId: number, type: string, programme: string | null, user: CurrentUser) {
  const allowed = sql<boolean>`(${inScope(user)}) and (${accessListAllows(user)})`;
  let query = db.selectFrom('requirement_queue as q').innerJoin('people', 'people.id', 'q.person_id')
    .select(['q.id', 'q.person_id', 'q.joined_on', 'q.started_on', 'people.crn', allowed.as('viewable')])
    .select(sql<string | null>`case when ${allowed} then people.first_name || ' ' || people.last_name end`.as('name'))
    .where('q.pdu_id', '=', pduId).where('q.requirement_type', '=', type).where('q.left_on', 'is', null)
    .orderBy('q.joined_on').orderBy('q.id');
  query = programme ? query.where('q.programme_code', '=', programme) : query.where('q.programme_code', 'is', null);
  return query.execute();
}

export const queueEntry = (db: Db, id: number, pduId: number) => db.selectFrom('requirement_queue')
  .select(['id', 'person_id', 'joined_on', 'started_on', 'requirement_type', 'programme_code']).where('id', '=', id).where('pdu_id', '=', pduId).where('left_on', 'is', null).executeTakeFirst();

export async function markStarted(db: Db, id: number, on: string, userId: number) {
  await db.updateTable('requirement_queue').set({ started_on: on, updated_by: userId }).where('id', '=', id).where('left_on', 'is', null).where('started_on', 'is', null).execute();
}

export async function removeFromQueue(db: Db, id: number, kind: LeftKind, reason: string, on: string, userId: number) {
  await db.updateTable('requirement_queue').set({ left_on: on, left_kind: kind, left_reason: reason, updated_by: userId }).where('id', '=', id).where('left_on', 'is', null).execute();
}

export interface CapacityValues { provider: string | null; weekday: number | null; places: number | null; lengthWeeks: number | null; leadDays: number }

/** Records what a PDU has for a requirement (or programme): one row per key, replaced on save. */
export async function saveCapacity(db: Db, pduId: number, type: string, programme: string | null, values: CapacityValues, userId: number) {
  const row = { provider: values.provider, weekday: values.weekday, places: values.places, length_weeks: values.lengthWeeks, lead_days: values.leadDays, updated_by: userId, updated_at: new Date() };
  const existing = await capacityRow(db, pduId, type, programme);
  if (existing) await db.updateTable('delivery_capacity').set(row).where('id', '=', existing.id).execute();
  else await db.insertInto('delivery_capacity').values({ pdu_id: pduId, requirement_type: type, programme_code: programme, ...row }).execute();
}

export function capacityRow(db: Db, pduId: number, type: string, programme: string | null) {
  let query = db.selectFrom('delivery_capacity').selectAll().where('pdu_id', '=', pduId).where('requirement_type', '=', type);
  query = programme ? query.where('programme_code', '=', programme) : query.where('programme_code', 'is', null);
  return query.executeTakeFirst();
}

/** No longer delivered: the row goes (with its groups); the queue stays, so no one waiting is lost. */
export async function removeCapacity(db: Db, id: number) {
  await db.deleteFrom('delivery_capacity').where('id', '=', id).execute();
}

export const groupsOf = (db: Db, capacityId: number) =>
  db.selectFrom('programme_groups').select(['id', 'starts_on', 'places', 'location']).where('capacity_id', '=', capacityId).orderBy('starts_on').orderBy('id').execute();

export async function addGroup(db: Db, capacityId: number, group: { startsOn: string; places: number; location: string | null }, userId: number) {
  return db.insertInto('programme_groups').values({ capacity_id: capacityId, starts_on: group.startsOn, places: group.places, location: group.location, created_by: userId }).returning('id').executeTakeFirstOrThrow();
}

export async function removeGroup(db: Db, capacityId: number, groupId: number) {
  return db.deleteFrom('programme_groups').where('id', '=', groupId).where('capacity_id', '=', capacityId).returning(['starts_on', 'places']).executeTakeFirst();
}

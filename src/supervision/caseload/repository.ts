/** Contact levels: reading the defaults and a case's override, batched by person, and the changes (audited by the callers). */
import { sql, type Expression } from 'kysely';
import type { Db } from '../../database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { HttpError } from '../../platform/http/errors.ts';

/** Outcomes where the person was seen: these contacts, when they count towards compliance, keep the level on track. */
export const SEEN_OUTCOMES = ['attended_complied', 'attended_failed_to_comply'] as const;

export const contactLevelDefaults = (db: Db) =>
  db.selectFrom('contact_level_defaults as d').leftJoin('users as u', 'u.id', 'd.updated_by')
    .select(['d.key', 'd.frequency_days', 'd.description', 'd.source', 'd.updated_at', 'u.display_name as updated_by_name'])
    .orderBy('d.key').execute();

/** Each default's frequency alone, for working out levels (every My cases page): prepared, planned once per connection. */
export const defaultFrequencies = prepared((db: Db) => db.selectFrom('contact_level_defaults').select(['key', 'frequency_days']).orderBy('key'));

export const defaultChanges = (db: Db, limit = 50) =>
  db.selectFrom('contact_level_default_changes as c').leftJoin('users as u', 'u.id', 'c.changed_by')
    .select(['c.id', 'c.key', 'c.old_days', 'c.new_days', 'c.reason', 'c.changed_at', 'u.display_name as changed_by_name'])
    .orderBy('c.id', 'desc').limit(limit).execute();

/** The latest tier of each person. */
export async function latestTiers(db: Db, personIds: readonly number[]): Promise<Map<number, string>> {
  if (!personIds.length) return new Map();
  const rows = await db.selectFrom('tier_calculations').distinctOn('person_id').select(['person_id', 'tier'])
    .where('person_id', 'in', personIds).orderBy('person_id').orderBy('id', 'desc').execute();
  return new Map(rows.map((r) => [Number(r.person_id), r.tier]));
}

export async function currentOverrides(db: Db, personIds: readonly number[]) {
  if (!personIds.length) return new Map<number, { frequency_days: number; reason: string; set_at: Date }>();
  const rows = await db.selectFrom('contact_level_overrides').select(['person_id', 'frequency_days', 'reason', 'set_at'])
    .where('person_id', 'in', personIds).where('ended_at', 'is', null).execute();
  return new Map(rows.map((r) => [Number(r.person_id), r]));
}

/** A person's latest tier, for one person id expression (the index tier_calculations_person answers it). */
export const latestTierOf = (personId: Expression<number>) =>
  sql<string | null>`(select t.tier from tier_calculations t where t.person_id = ${personId} order by t.id desc limit 1)`;

/**
 * The date of a person's last counted contact at which they were seen (current versions only, not in the
 * future): the newest row of the partial index contacts_seen, not the person's whole history.
 */
export const lastSeenOf = (personId: Expression<number>) =>
  sql<string | null>`(select c.starts_at::date::text from current_contacts c where c.person_id = ${personId}
    and c.counts_for_compliance and c.outcome in (${sql.join(SEEN_OUTCOMES.map((o) => sql.lit(o)))}) and c.starts_at <= now()
    order by c.starts_at desc limit 1)`;

/**
 * When supervision in the community started, for a case not yet seen: the latest start of an active
 * sentence (a community or suspended order's date, a licence's release), else the current allocation's start.
 */
export const supervisionStartOf = (personId: Expression<number>) => sql<string | null>`coalesce(
  (select max(case when s.sentence_type = 'custody' then s.release_on else s.sentenced_on end)::text from sentences s
    where s.person_id = ${personId} and s.status = 'active' and (s.sentence_type <> 'custody' or s.release_on <= current_date)),
  (select a.started_at::date::text from case_allocations a where a.person_id = ${personId} and a.ended_at is null))`;

/** The date of each person's last counted contact at which they were seen. */
export async function lastCountedContacts(db: Db, personIds: readonly number[]): Promise<Map<number, string>> {
  if (!personIds.length) return new Map();
  const rows = await db.selectFrom('people').select(['people.id', lastSeenOf(sql.ref('people.id')).as('last_on')]).where('people.id', 'in', personIds).execute();
  return new Map(rows.filter((r) => r.last_on).map((r) => [Number(r.id), r.last_on!]));
}

export async function supervisionStarts(db: Db, personIds: readonly number[]): Promise<Map<number, string>> {
  if (!personIds.length) return new Map();
  const rows = await db.selectFrom('people').select(['people.id', supervisionStartOf(sql.ref('people.id')).as('since')]).where('people.id', 'in', personIds).execute();
  return new Map(rows.filter((r) => r.since).map((r) => [Number(r.id), r.since!]));
}

export const overrideHistory = (db: Db, personId: number) =>
  db.selectFrom('contact_level_overrides as o').leftJoin('users as s', 's.id', 'o.set_by').leftJoin('users as e', 'e.id', 'o.ended_by')
    .select(['o.id', 'o.frequency_days', 'o.reason', 'o.set_at', 'o.ended_at', 'o.end_reason', 's.display_name as set_by_name', 'e.display_name as ended_by_name'])
    .where('o.person_id', '=', personId).orderBy('o.id', 'desc').execute();

const RACED = 'Someone changed this case\'s contact level a moment ago. Look at the level now in force and try again.';

/** Sets another frequency for a case: ends the one in force (kept as history) and starts the new one. */
export async function setOverride(db: Db, personId: number, frequencyDays: number, reason: string, userId: number): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      await trx.updateTable('contact_level_overrides').set({ ended_at: sql<Date>`now()`, ended_by: userId, end_reason: 'Replaced by a new contact level' })
        .where('person_id', '=', personId).where('ended_at', 'is', null).execute();
      const row = await trx.insertInto('contact_level_overrides').values({ person_id: personId, frequency_days: frequencyDays, reason, set_by: userId })
        .returning('id').executeTakeFirstOrThrow();
      return Number(row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, RACED);
    throw error;
  }
}

/** Returns a case to its tier's default; false when no override was in force. */
export async function endOverride(db: Db, personId: number, reason: string, userId: number): Promise<boolean> {
  const result = await db.updateTable('contact_level_overrides').set({ ended_at: sql<Date>`now()`, ended_by: userId, end_reason: reason })
    .where('person_id', '=', personId).where('ended_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface DefaultChange { key: string; frequencyDays: number | null }

/**
 * Changes the defaults (one reason for the lot), keeping each change in the history. A full-tier row (B2)
 * can be added or removed (null); a protect level's row (A-D) can be changed but not removed.
 */
export async function changeDefaults(db: Db, changes: readonly DefaultChange[], reason: string, userId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const current = new Map((await trx.selectFrom('contact_level_defaults').select(['key', 'frequency_days']).forUpdate().execute()).map((r) => [r.key, r.frequency_days]));
    let changed = 0;
    for (const change of changes) {
      const old = current.get(change.key) ?? null;
      if (old === change.frequencyDays) continue;
      if (change.frequencyDays === null) {
        await trx.deleteFrom('contact_level_defaults').where('key', '=', change.key).execute();
      } else if (old === null) {
        const description = `Tier ${change.key}: every ${change.frequencyDays} days (overrides protect level ${change.key.slice(0, 1)}).`;
        await trx.insertInto('contact_level_defaults').values({ key: change.key, frequency_days: change.frequencyDays, description, source: 'Throughline policy setting, added by a manager', updated_by: userId }).execute();
      } else {
        await trx.updateTable('contact_level_defaults').set({ frequency_days: change.frequencyDays, updated_by: userId, updated_at: sql<Date>`now()` }).where('key', '=', change.key).execute();
      }
      await trx.insertInto('contact_level_default_changes').values({ key: change.key, old_days: old, new_days: change.frequencyDays, reason, changed_by: userId }).execute();
      changed++;
    }
    return changed;
  });
}

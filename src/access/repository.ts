import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { AccessRuleKind } from './tables.ts';

export interface AccessRule { kind: AccessRuleKind; message: string; endsOn: string | null; usernames: string[]; active: boolean }

export async function accessRules(db: Db, personId: number): Promise<AccessRule[]> {
  const rows = await db
    .selectFrom('case_access_rules as r')
    .select([
      'r.kind', 'r.message', 'r.ends_on',
      sql<boolean>`r.ends_on is null or r.ends_on >= current_date`.as('active'),
      sql<string[]>`array(select u.username from case_access_users a join users u on u.id = a.user_id
        where a.person_id = r.person_id and a.kind = r.kind order by u.username)`.as('usernames'),
    ])
    .where('r.person_id', '=', personId)
    .orderBy('r.kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, message: row.message, endsOn: row.ends_on, usernames: row.usernames, active: row.active }));
}

/** Replaces one kind of rule on a case: its message, end date and the users it names. */
export async function saveAccessRule(db: Db, personId: number, rule: { kind: AccessRuleKind; message: string; endsOn: string | null; userIds: number[] }, byUserId: number) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('case_access_rules').where('person_id', '=', personId).where('kind', '=', rule.kind).execute();
    await trx.insertInto('case_access_rules').values({ person_id: personId, kind: rule.kind, message: rule.message, ends_on: rule.endsOn, created_by: byUserId }).execute();
    if (rule.userIds.length) {
      await trx.insertInto('case_access_users').values(rule.userIds.map((userId) => ({ person_id: personId, kind: rule.kind, user_id: userId }))).execute();
    }
  });
}

export async function removeAccessRule(db: Db, personId: number, kind: AccessRuleKind) {
  await db.deleteFrom('case_access_rules').where('person_id', '=', personId).where('kind', '=', kind).execute();
}

/** Resolves usernames to ids; unknown names come back so the form can say which. */
export async function usersByName(db: Db, usernames: string[]): Promise<{ ids: number[]; unknown: string[] }> {
  if (!usernames.length) return { ids: [], unknown: [] };
  const lower = usernames.map((name) => name.toLowerCase());
  const rows = await db.selectFrom('users').select(['id', 'username']).where(sql`lower(username)`, 'in', lower).execute();
  const found = new Set(rows.map((row) => row.username.toLowerCase()));
  return { ids: rows.map((row) => row.id), unknown: usernames.filter((name) => !found.has(name.toLowerCase())) };
}

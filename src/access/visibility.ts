import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { CurrentUser } from '../auth/current-user.ts';
import type { Database } from '../database.ts';
import type { CaseScope } from '../org/tables.ts';

/**
 * The two questions every query on case data asks, as SQL over `people`:
 *  - inScope: is this case within the reach of the user's role (region or national)?
 *  - accessListAllows: does the case's access list let this user open it? An active exclusion naming
 *    the user refuses; an active restriction refuses everyone it does not name. Rules end after ends_on.
 * Search lists cases in scope and shows only the CRN of those the access list refuses.
 */
export function inScope(user: CurrentUser): RawBuilder<SqlBool> {
  switch (user.caseScope) {
    case 'national':
      return sql<SqlBool>`true`;
    case 'region':
      return user.regionId === null ? sql<SqlBool>`false` : sql<SqlBool>`people.region_id = ${user.regionId}`;
    default:
      return sql<SqlBool>`false`;
  }
}

/**
 * inScope with the role's reach sent as values rather than written into the SQL, for a prepared query
 * (platform/db/prepared.ts) whose text must be the same for every user.
 */
export function inScopeOf(caseScope: CaseScope, regionId: number | null): RawBuilder<SqlBool> {
  return sql<SqlBool>`coalesce(${caseScope}::text = 'national' OR (${caseScope}::text = 'region' AND people.region_id = ${regionId}::int), false)`;
}

/**
 * inScope for a statement prepared once per reach (the SQL differs by reach, so the region filter can use an
 * index), with the region always a value: the 'national' and 'none' statements still take it, so every
 * reach's statement has the same arguments, and the planner folds `OR true` and `AND false` away. `region` is
 * the column holding the case's region (people's, or a copy of it such as an alias's).
 */
export function inScopeForReach(caseScope: CaseScope, regionId: number | null | Expression<number>, region = sql.ref<number>('people.region_id')): RawBuilder<SqlBool> {
  switch (caseScope) {
    case 'national':
      return sql<SqlBool>`(${region} = ${regionId}::int OR true)`;
    case 'region':
      return sql<SqlBool>`${region} = ${regionId}::int`;
    default:
      return sql<SqlBool>`(${region} = ${regionId}::int AND false)`;
  }
}

export function accessListAllows(user: Pick<CurrentUser, 'id'>): RawBuilder<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (
    SELECT 1 FROM case_access_rules r
    WHERE r.person_id = people.id
      AND (r.ends_on IS NULL OR r.ends_on >= current_date)
      AND (r.kind = 'exclusion') = EXISTS (
        SELECT 1 FROM case_access_users u
        WHERE u.person_id = r.person_id AND u.kind = r.kind AND u.user_id = ${user.id}))`;
}

/**
 * The same access-list rule seen from the other side, as SQL over `users`: may this user open the case?
 * The case is an id, or a column (`sql.ref('a.person_id')`) to ask it of many cases in one query.
 */
export function userAllowedOnCase(personId: number | RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (
    SELECT 1 FROM case_access_rules r
    WHERE r.person_id = ${personId}
      AND (r.ends_on IS NULL OR r.ends_on >= current_date)
      AND (r.kind = 'exclusion') = EXISTS (
        SELECT 1 FROM case_access_users u
        WHERE u.person_id = r.person_id AND u.kind = r.kind AND u.user_id = users.id))`;
}

export interface CaseAccess {
  allowed: boolean;
  /** The message the access list shows to those it refuses. */
  message: string | null;
}

/** A case's active access rules: those with no end, or ending today or later. */
export function activeRules(db: Kysely<Database>, personId: number | Expression<number>) {
  return db.selectFrom('case_access_rules as r').where('r.person_id', '=', personId)
    .where((eb) => eb.or([eb('r.ends_on', 'is', null), eb('r.ends_on', '>=', sql<string>`current_date`)]));
}

/** The active rules that refuse this user, the first (by kind) giving the message shown. */
export function refusingRules(db: Kysely<Database>, userId: number, personId: number | Expression<number>) {
  return activeRules(db, personId)
    .select(['r.kind', 'r.message'])
    .where(sql<SqlBool>`(r.kind = 'exclusion') = EXISTS (SELECT 1 FROM case_access_users u WHERE u.person_id = r.person_id AND u.kind = r.kind AND u.user_id = ${userId})`)
    .orderBy('r.kind');
}

/** Why a user may not open a case: the first active rule that refuses them. */
export async function refusal(db: Kysely<Database>, user: CurrentUser, personId: number): Promise<CaseAccess> {
  const rule = await refusingRules(db, user.id, personId).executeTakeFirst();
  return rule ? { allowed: false, message: rule.message } : { allowed: true, message: null };
}

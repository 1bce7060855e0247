import { createHash, randomBytes } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../database.ts';
import { prepared } from '../platform/db/prepared.ts';
import type { CurrentUser, Permission } from './current-user.ts';

export const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();
/** True for a row of `users` whose role grants `permission`: who may hold cases, who manages a team. */
export const roleGrants = (permission: Permission) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_code = users.role_code AND rp.permission = ${permission})`;

const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** The columns of a signed-in user (from `users` joined to `roles`): who they are, their role's reach and permissions. */
const USER_COLUMNS = [
  'users.id', 'users.username', 'users.display_name', 'users.role_code', 'users.agency_code',
  'users.region_id', 'users.team_id', 'roles.name as role_name', 'roles.case_scope',
  sql<string[]>`array(select permission from role_permissions p where p.role_code = users.role_code order by permission)`.as('permissions'),
] as const;
const activeUsers = (db: Db) => db.selectFrom('users').innerJoin('roles', 'roles.code', 'users.role_code')
  .select(USER_COLUMNS).where('users.active', '=', true);

type UserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof activeUsers>['executeTakeFirst']>>>;
const currentUser = (row: UserRow): CurrentUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roleCode: row.role_code,
  roleName: row.role_name,
  agencyCode: row.agency_code,
  caseScope: row.case_scope,
  regionId: row.region_id,
  teamId: row.team_id,
  permissions: new Set(row.permissions),
});

async function loadUser(db: Db, where: { userId: number }): Promise<CurrentUser | null> {
  const row = await activeUsers(db).where('users.id', '=', where.userId).executeTakeFirst();
  return row ? currentUser(row) : null;
}

export async function findUserForSignIn(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'active', 'service_account'])
    .where(sql`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export interface Session {
  idHash: Buffer;
  csrfToken: string;
  user: CurrentUser;
  /** Who the session belongs to, as the database wrote it (sessionWho): what a page's own statement compares. */
  who: string;
}

/** Creates a session; the cookie holds the random id, the database only its hash. */
export async function createSession(db: Db, userId: number): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = randomToken();
  const csrfToken = randomToken();
  await db.insertInto('sessions').values({ id_hash: sha256(cookie), user_id: userId, csrf_token: csrfToken }).execute();
  await db.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', userId).execute();
  return { cookie, csrfToken };
}

/**
 * Who a live session belongs to, as one text: the user, their role's reach and permissions, and the
 * session's CSRF token; NULL when the session is gone, idle, or its user deactivated. The full lookup reads
 * the user from it, and a page that checks the session in its own statement (sessionChecked) compares it
 * with the text it started from, so any change to the session, the user or their role shows.
 */
export function sessionWho(idHash: Buffer, idleMinutes: number) {
  return sql<string | null>`(SELECT json_build_array(users.id, users.username, users.display_name, users.role_code,
      users.agency_code, users.region_id, users.team_id, roles.name, roles.case_scope,
      array(SELECT permission FROM role_permissions p WHERE p.role_code = users.role_code ORDER BY permission), s.csrf_token)::text
    FROM sessions s JOIN users ON users.id = s.user_id JOIN roles ON roles.code = users.role_code
    WHERE s.id_hash = ${idHash} AND s.last_seen_at > now() - make_interval(mins => ${idleMinutes}) AND users.active)`;
}

/**
 * A query creator whose statement touches the session (last_seen_at) at most once a minute rather than on
 * every request, so a page view writes nothing and the idle limit, counted in minutes, loses nothing. A
 * data-modifying WITH runs whatever the rest of the statement reads; it must be the statement's root.
 */
export function touchingSession(db: Db, idHash: Buffer, idleMinutes: number) {
  return db.with('touched', (qb) => qb.updateTable('sessions').set({ last_seen_at: sql`now()` })
    .where('id_hash', '=', idHash).where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`));
}

/** The session of a `who` text (sessionWho). */
function sessionFrom(idHash: Buffer, who: string): Session {
  const [id, username, displayName, roleCode, agencyCode, regionId, teamId, roleName, caseScope, permissions, csrfToken] = JSON.parse(who);
  return {
    idHash,
    csrfToken,
    who,
    user: { id, username, displayName, roleCode, roleName, agencyCode, caseScope, regionId, teamId, permissions: new Set(permissions) },
  };
}

// Every page that does not check the session in its own statement pays for this one.
const liveSession = prepared((db: Db, idHash: Buffer, idleMinutes: number) =>
  touchingSession(db, idHash, idleMinutes).selectNoFrom(sessionWho(idHash, idleMinutes).as('who')));

/** The live session of a cookie, touched; null (and the session deleted) when it is gone, idle or its user deactivated. */
export async function resumeSession(db: Db, cookie: string, idleMinutes: number): Promise<Session | null> {
  const idHash = sha256(cookie);
  const [row] = await liveSession(db, idHash, idleMinutes);
  if (!row?.who) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  return sessionFrom(idHash, row.who);
}

export async function endSession(db: Db, idHash: Buffer): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export const TOKEN_PREFIX = 'tl_';

/** Issues an API token: returned once, stored only as a hash. */
export async function createApiToken(db: Db, input: { userId: number; label: string; createdBy: number | null }) {
  const token = TOKEN_PREFIX + randomToken();
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: input.userId, label: input.label, token_hash: sha256(token), prefix: token.slice(0, 8), created_by: input.createdBy })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export async function userForApiToken(db: Db, token: string): Promise<CurrentUser | null> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql`now()` })
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .returning(['user_id'])
    .executeTakeFirst();
  return row ? loadUser(db, { userId: row.user_id }) : null;
}

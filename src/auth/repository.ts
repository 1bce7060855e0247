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
  sql<string[]>`array(select permission from role_permissions p where p.role_code = users.role_code)`.as('permissions'),
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

export interface Session { idHash: Buffer; csrfToken: string; user: CurrentUser }

/** Creates a session; the cookie holds the random id, the database only its hash. */
export async function createSession(db: Db, userId: number): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = randomToken();
  const csrfToken = randomToken();
  await db.insertInto('sessions').values({ id_hash: sha256(cookie), user_id: userId, csrf_token: csrfToken }).execute();
  await db.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', userId).execute();
  return { cookie, csrfToken };
}

/**
 * Finds a live session with its user in one statement: every page pays for it. The session is touched
 * (last_seen_at) at most once a minute rather than on every request, so a page view writes nothing; the
 * idle limit is counted in minutes, so a minute's grain loses nothing. An idle session is deleted and
 * treated as absent, as is one whose user has been deactivated.
 */
const liveSession = prepared((db: Db, idHash: Buffer, idleMinutes: number) => db
  .with('live', (qb) => qb.selectFrom('sessions').select(['user_id', 'csrf_token', 'last_seen_at'])
    .where('id_hash', '=', idHash).where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`))
  .with('touched', (qb) => qb.updateTable('sessions').set({ last_seen_at: sql`now()` })
    .where('id_hash', '=', idHash).where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
    .where(sql<boolean>`exists (select 1 from live)`))
  .selectFrom('live')
  .innerJoin('users', 'users.id', 'live.user_id').innerJoin('roles', 'roles.code', 'users.role_code')
  .select(USER_COLUMNS).select('live.csrf_token')
  .where('users.active', '=', true));

export async function resumeSession(db: Db, cookie: string, idleMinutes: number): Promise<Session | null> {
  const idHash = sha256(cookie);
  const [row] = await liveSession(db, idHash, idleMinutes);
  if (!row) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  return { idHash, csrfToken: row.csrf_token, user: currentUser(row) };
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

import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { NewTeam, NewUser, UserEdit } from './forms.ts';

export { isUniqueViolation } from '../platform/db/errors.ts';

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Everything the user forms offer, labelled for selects and shaped for validation. */
export async function userChoices(db: Db) {
  const [roles, agencies, teams, regions] = await Promise.all([
    db.selectFrom('roles').select([
      'code', 'name', 'case_scope',
      sql<string[]>`array(select permission from role_permissions p where p.role_code = roles.code)`.as('permissions'),
    ]).orderBy('name').execute(),
    db.selectFrom('agencies').select(['code', 'name']).orderBy('name').execute(),
    db.selectFrom('teams')
      .innerJoin('pdus', 'pdus.id', 'teams.pdu_id')
      .innerJoin('regions', 'regions.id', 'pdus.region_id')
      .select(['teams.id', 'teams.name', 'teams.active', 'pdus.name as pdu_name', 'regions.id as region_id', 'regions.name as region_name'])
      .orderBy('regions.name').orderBy('pdus.name').orderBy('teams.name')
      .execute(),
    db.selectFrom('regions').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return {
    roles: roles.map((r) => ({ code: r.code, name: r.name, caseScope: r.case_scope, permissions: r.permissions })),
    agencies,
    teams: teams.map((t) => ({ id: t.id, name: t.name, active: t.active, regionId: t.region_id, label: `${t.name} (${t.pdu_name}, ${t.region_name})` })),
    regions,
  };
}
export type UserChoiceLists = Awaited<ReturnType<typeof userChoices>>;

const USER_LIST_LIMIT = 200;

export async function listUsers(db: Db, q: string) {
  let query = db.selectFrom('users')
    .innerJoin('roles', 'roles.code', 'users.role_code')
    .innerJoin('agencies', 'agencies.code', 'users.agency_code')
    .leftJoin('teams', 'teams.id', 'users.team_id');
  if (q) {
    const pattern = likePattern(q);
    query = query.where((eb) => eb.or([
      eb(sql`lower(users.username)`, 'like', pattern),
      eb(sql`lower(users.display_name)`, 'like', pattern),
      eb(sql`lower(users.email)`, 'like', pattern),
    ]));
  }
  const [rows, count] = await Promise.all([
    query.select([
      'users.id', 'users.username', 'users.display_name', 'users.active', 'users.service_account', 'users.last_sign_in_at',
      'roles.name as role_name', 'agencies.name as agency_name', 'teams.name as team_name',
    ]).orderBy(sql`lower(users.username)`).limit(USER_LIST_LIMIT).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findUser(db: Db, id: number) {
  return db.selectFrom('users')
    .select(['id', 'username', 'display_name', 'email', 'role_code', 'agency_code', 'team_id', 'region_id', 'grade',
      'service_account', 'active', 'created_at', 'last_sign_in_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return !!row;
}

export async function createUser(db: Db, user: NewUser, passwordHash: string | null): Promise<number> {
  const row = await db.insertInto('users').values({
    username: user.username,
    display_name: user.displayName,
    email: user.email,
    password_hash: passwordHash,
    role_code: user.roleCode,
    agency_code: user.agencyCode,
    team_id: user.teamId,
    region_id: user.regionId,
    grade: user.grade,
    service_account: user.serviceAccount,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Saves an edit. Ending the user's sessions in the same transaction means a deactivated user (or one
 * whose password was reset) is signed out at once, not at their next idle timeout.
 */
export async function updateUser(db: Db, id: number, edit: UserEdit, options: { passwordHash: string | null; endSessions: boolean }) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({
      display_name: edit.displayName,
      email: edit.email,
      role_code: edit.roleCode,
      agency_code: edit.agencyCode,
      team_id: edit.teamId,
      region_id: edit.regionId,
      grade: edit.grade,
      active: edit.active,
      ...(options.passwordHash ? { password_hash: options.passwordHash } : {}),
    }).where('id', '=', id).execute();
    if (options.endSessions) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
}

/** Regions with their PDUs and teams, each team with its count of active members. */
export async function teamTree(db: Db) {
  const rows = await db.selectFrom('pdus')
    .innerJoin('regions', 'regions.id', 'pdus.region_id')
    .leftJoin('teams', 'teams.pdu_id', 'pdus.id')
    .select([
      'regions.id as region_id', 'regions.name as region_name', 'pdus.id as pdu_id', 'pdus.code as pdu_code', 'pdus.name as pdu_name',
      'teams.id as team_id', 'teams.code as team_code', 'teams.name as team_name', 'teams.active as team_active',
      sql<number>`(select count(*) from users u where u.team_id = teams.id and u.active)`.as('members'),
    ])
    .orderBy('regions.name').orderBy('pdus.name').orderBy('teams.name')
    .execute();
  type Pdu = { id: number; code: string; name: string; teams: { id: number; code: string; name: string; active: boolean; members: number }[] };
  const regions: { id: number; name: string; pdus: Pdu[] }[] = [];
  for (const row of rows) {
    let region = regions.at(-1);
    if (region?.id !== row.region_id) regions.push(region = { id: row.region_id, name: row.region_name, pdus: [] });
    let pdu = region.pdus.at(-1);
    if (pdu?.id !== row.pdu_id) region.pdus.push(pdu = { id: row.pdu_id, code: row.pdu_code, name: row.pdu_name, teams: [] });
    if (row.team_id !== null) {
      pdu.teams.push({ id: row.team_id, code: row.team_code!, name: row.team_name!, active: row.team_active!, members: Number(row.members) });
    }
  }
  return regions;
}

export async function pduChoices(db: Db) {
  const rows = await db.selectFrom('pdus').innerJoin('regions', 'regions.id', 'pdus.region_id')
    .select(['pdus.id', 'pdus.name', 'regions.name as region_name'])
    .orderBy('regions.name').orderBy('pdus.name').execute();
  return rows.map((row) => ({ id: row.id, label: `${row.name} (${row.region_name})` }));
}

export async function findTeam(db: Db, id: number) {
  return db.selectFrom('teams').innerJoin('pdus', 'pdus.id', 'teams.pdu_id')
    .select(['teams.id', 'teams.code', 'teams.name', 'teams.active', 'pdus.name as pdu_name',
      sql<number>`(select count(*) from users u where u.team_id = teams.id and u.active)`.as('members')])
    .where('teams.id', '=', id)
    .executeTakeFirst();
}

export async function teamCodeTaken(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('teams').select('id').where(sql`upper(code)`, '=', code.toUpperCase()).executeTakeFirst());
}

export async function createTeam(db: Db, team: NewTeam): Promise<number> {
  const row = await db.insertInto('teams').values({ code: team.code, name: team.name, pdu_id: team.pduId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTeam(db: Db, id: number, change: { name: string; active: boolean }) {
  await db.updateTable('teams').set(change).where('id', '=', id).execute();
}

const TOKEN_LIST_LIMIT = 500;

export async function listTokens(db: Db) {
  return db.selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('users as c', 'c.id', 't.created_by')
    .select(['t.id', 't.label', 't.prefix', 't.created_at', 't.last_used_at', 't.revoked_at',
      'u.username', 'u.active as user_active', 'c.username as created_by'])
    .orderBy('t.revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('t.created_at', 'desc')
    .limit(TOKEN_LIST_LIMIT)
    .execute();
}

/** Active users a token can be issued to, by username. */
export async function tokenHolders(db: Db) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'service_account'])
    .where('active', '=', true)
    .orderBy('service_account', 'desc').orderBy(sql`lower(username)`)
    .execute();
}

export async function activeUserByName(db: Db, username: string) {
  return db.selectFrom('users').select(['id', 'username'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function findToken(db: Db, id: number) {
  return db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.label', 't.prefix', 't.revoked_at', 't.user_id', 'u.username'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Revokes a token; true if this call revoked it, false if it already was. */
export async function revokeToken(db: Db, id: number): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: sql`now()` })
    .where('id', '=', id).where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { RoleInput } from './role-form.ts';

export async function listRoles(db: Db) {
  return db
    .selectFrom('roles')
    .select([
      'code', 'name', 'description', 'case_scope',
      sql<string[]>`array(select permission from role_permissions p where p.role_code = roles.code order by permission)`.as('permissions'),
      sql<number>`(select count(*) from users u where u.role_code = roles.code and u.active)::int`.as('users'),
    ])
    .orderBy('name')
    .execute();
}

export async function findRole(db: Db, code: string) {
  return (await listRoles(db)).find((role) => role.code === code);
}

/** Creates or replaces a role and its permissions in one transaction. */
export async function saveRole(db: Db, role: RoleInput, creating: boolean) {
  await db.transaction().execute(async (trx) => {
    const row = { name: role.name, description: role.description, case_scope: role.caseScope };
    if (creating) await trx.insertInto('roles').values({ code: role.code, ...row }).execute();
    else await trx.updateTable('roles').set(row).where('code', '=', role.code).execute();
    await trx.deleteFrom('role_permissions').where('role_code', '=', role.code).execute();
    if (role.permissions.length) {
      await trx.insertInto('role_permissions').values(role.permissions.map((permission) => ({ role_code: role.code, permission }))).execute();
    }
  });
}

import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { HttpError } from '../platform/http/errors.ts';
import { CASE_SCOPES, PERMISSION_DESCRIPTIONS, validateRole } from './role-form.ts';
import { findRole, listRoles, saveRole } from './role-repository.ts';

type Values = Record<string, unknown>;

/** Roles are data: an administrator adds one (e.g. for a partner agency) without a code change. */
export async function roleRoutes(app: FastifyInstance, db: Db) {
  const guard = { onRequest: requires(PERMISSIONS.usersManage) };

  const form = (values: Values, creating: boolean, errors?: Record<string, string>) => {
    const chosen = new Set(Array.isArray(values.permissions) ? values.permissions.map(String) : values.permissions ? [String(values.permissions)] : []);
    return {
      pageTitle: creating ? 'Add a role' : `Role: ${values.name}`,
      creating,
      values,
      errors,
      scopes: CASE_SCOPES.map((scope) => ({ value: scope.value, text: scope.text, hint: { text: scope.hint }, checked: values.caseScope === scope.value })),
      permissions: Object.entries(PERMISSION_DESCRIPTIONS).map(([value, text]) => ({ value, text, hint: { text: value }, checked: chosen.has(value) })),
    };
  };

  const loadRole = async (code: string) => {
    const role = await findRole(db, code);
    if (!role) throw new HttpError(404, `There is no role with the code ${code}. Find it in the list of roles.`);
    return role;
  };

  app.get('/admin/roles', guard, async (request, reply) => {
    const saved = (request.query as { saved?: string }).saved;
    const roles = await listRoles(db);
    const scope = (value: string) => CASE_SCOPES.find((s) => s.value === value)?.text ?? value;
    return reply.page('org/views/roles.njk', { pageTitle: 'Roles', roles: roles.map((role) => ({ ...role, scope: scope(role.case_scope) })), flash: saved ? 'The role has been saved.' : undefined });
  });

  app.get('/admin/roles/new', guard, async (_request, reply) => reply.page('org/views/role.njk', form({ caseScope: 'region' }, true)));

  app.post('/admin/roles/new', guard, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const validated = validateRole(body, { creating: true });
    if (!validated.ok) return reply.code(400).page('org/views/role.njk', form(body, true, validated.errors));
    if (await findRole(db, validated.value.code)) {
      return reply.code(400).page('org/views/role.njk', form(body, true, { code: `A role with the code ${validated.value.code} already exists` }));
    }
    try {
      await saveRole(db, validated.value, true);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return reply.code(400).page('org/views/role.njk', form(body, true, { code: `A role with the code ${validated.value.code} already exists` }));
    }
    await audit(db, request, { action: 'role.create', detail: { ...validated.value } });
    return reply.redirect('/admin/roles?saved=1', 303);
  });

  app.get('/admin/roles/:code', guard, async (request, reply) => {
    const role = await loadRole((request.params as { code: string }).code);
    return reply.page('org/views/role.njk', form({ code: role.code, name: role.name, description: role.description, caseScope: role.case_scope, permissions: role.permissions }, false));
  });

  app.post('/admin/roles/:code', guard, async (request, reply) => {
    const role = await loadRole((request.params as { code: string }).code);
    const body = { ...((request.body ?? {}) as Values), code: role.code };
    const validated = validateRole(body, { creating: false });
    if (!validated.ok) return reply.code(400).page('org/views/role.njk', form(body, false, validated.errors));
    // Administrators cannot lock themselves out by taking user management away from their own role.
    if (request.user!.roleCode === role.code && !validated.value.permissions.includes(PERMISSIONS.usersManage)) {
      return reply.code(400).page('org/views/role.njk', form(body, false, { permissions: 'You cannot remove "Manage users and roles" from your own role' }));
    }
    await saveRole(db, validated.value, false);
    await audit(db, request, { action: 'role.update', detail: { ...validated.value, before: { caseScope: role.case_scope, permissions: role.permissions } } });
    return reply.redirect('/admin/roles?saved=1', 303);
  });
}

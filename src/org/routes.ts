import type { FastifyInstance } from 'fastify';
import { can, PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { roleRoutes } from './role-routes.ts';
import { teamRoutes } from './team-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { userRoutes } from './user-routes.ts';

/** The administration area: users, teams and API tokens, each behind its own permission. */
export async function adminRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/admin', { onRequest: requires() }, async (request, reply) => {
    const user = request.user!;
    const sections = [
      { href: '/admin/users', text: 'Users', hint: 'Add users, change their role and team, deactivate them', allowed: can(user, PERMISSIONS.usersManage) },
      { href: '/admin/roles', text: 'Roles', hint: 'What each role can do and which cases it reaches', allowed: can(user, PERMISSIONS.usersManage) },
      { href: '/admin/teams', text: 'Teams', hint: 'Teams within each probation delivery unit', allowed: can(user, PERMISSIONS.teamsManage) },
      { href: '/admin/tokens', text: 'API tokens', hint: 'Issue and revoke tokens for the API', allowed: can(user, PERMISSIONS.tokensManage) },
    ].filter((section) => section.allowed);
    if (!sections.length) throw new HttpError(403, 'Your role does not include any administration. Ask an administrator if you need it.');
    return reply.page('org/views/admin.njk', { pageTitle: 'Administration', sections, canManageAccess: can(user, PERMISSIONS.accessManage) });
  });

  await userRoutes(app, db);
  await roleRoutes(app, db);
  await teamRoutes(app, db);
  await tokenRoutes(app, db);
}

import type { FastifyInstance } from 'fastify';
import { adminSubject } from '../access/routes.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { formatDateTime } from '../platform/views/render.ts';
import { auditTrail } from './audit-log.ts';
import { audit } from './request-audit.ts';

const PAGE = 50;
const describe: Record<string, string> = {
  'case.read': 'Viewed the case',
  'case.read-refused': 'Was refused the case',
  'api.case.read': 'Read the case through the API',
  'api.case.read-refused': 'Was refused the case through the API',
  'person.create': 'Created the record',
  'access.read': 'Viewed the access list',
  'access.update': 'Changed the access list',
  'access.remove': 'Removed an access rule',
  'audit.read': 'Viewed the audit trail',
};

/** An administrator reads who did what to a case. Reading the trail is itself audited. */
export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/people/:crn/audit', { onRequest: requires(PERMISSIONS.auditRead) }, async (request, reply) => {
    const person = await adminSubject(db, (request.params as { crn: string }).crn);
    const before = Number((request.query as { before?: string }).before) || undefined;
    await audit(db, request, { action: 'audit.read', personId: person.id });
    const rows = await auditTrail(db, person.id, { limit: PAGE, ...(before ? { beforeId: before } : {}) });
    return reply.page('audit/views/trail.njk', {
      pageTitle: `Audit trail for ${person.crn}`,
      person,
      rows: rows.map((row) => [
        { text: formatDateTime(row.at) },
        { text: row.username ?? 'System' },
        { text: describe[row.action] ?? row.action },
        { text: row.detail ? JSON.stringify(row.detail) : '', classes: 'app-mono' },
        { text: row.request_id ?? '', classes: 'app-mono' },
      ]),
      older: rows.length === PAGE ? rows.at(-1)!.id : null,
    });
  });
}

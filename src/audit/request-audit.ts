import type { FastifyRequest } from 'fastify';
import type { Db } from '../database.ts';
import { writeAudit, type AuditEvent } from './audit-log.ts';

/** Audits an event as done by the request's user, from the request's id and address. */
export function audit(db: Db, request: FastifyRequest, event: AuditEvent): Promise<void> {
  return writeAudit(db, { userId: request.user?.id ?? null, username: request.user?.username ?? null, requestId: request.id, ip: request.ip }, event);
}

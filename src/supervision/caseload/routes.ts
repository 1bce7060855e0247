import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the caseload work (issue 5). */
export async function caseloadRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

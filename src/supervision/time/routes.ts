import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the time work (issue 5). */
export async function timeRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the transfers work (issue 6). */
export async function transferRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

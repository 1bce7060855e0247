import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the plans work (issue 5). */
export async function planRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

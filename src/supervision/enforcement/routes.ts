import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the enforcement work (issue 5). */
export async function enforcementRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

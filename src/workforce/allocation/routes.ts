import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the allocation work (issue 6). */
export async function allocationRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the contacts work (issue 5). */
export async function contactRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

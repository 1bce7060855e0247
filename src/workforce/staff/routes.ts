import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the staff work (issue 6). */
export async function staffRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

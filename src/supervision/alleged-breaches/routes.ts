import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the alleged-breaches work (issue 5). */
export async function allegedBreachRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

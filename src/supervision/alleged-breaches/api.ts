import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** API under /api/v1: filled in by the alleged-breaches work (issue 5). */
export async function allegedBreachApi(_app: FastifyInstance, _options: { db: Db }) {
}

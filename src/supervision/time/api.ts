import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** API under /api/v1: filled in by the time work (issue 5). */
export async function timeApi(_app: FastifyInstance, _options: { db: Db }) {
}

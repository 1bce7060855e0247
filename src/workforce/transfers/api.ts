import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** API under /api/v1: filled in by the transfers work (issue 6). */
export async function transferApi(_app: FastifyInstance, _options: { db: Db }) {
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** API under /api/v1: filled in by the staff work (issue 6). */
export async function staffApi(_app: FastifyInstance, _options: { db: Db }) {
}

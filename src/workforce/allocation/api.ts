import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** API under /api/v1: filled in by the allocation work (issue 6). */
export async function allocationApi(_app: FastifyInstance, _options: { db: Db }) {
}

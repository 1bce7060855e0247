import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the workload work (issue 6). */
export async function workloadRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

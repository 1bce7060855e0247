import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

/** Pages: filled in by the reminders work (issue 5). */
export async function reminderRoutes(_app: FastifyInstance, _options: { db: Db }) {
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

// Placeholder: this area's pages.
export async function roshRoutes(_app: FastifyInstance, _options: { db: Db }) {}

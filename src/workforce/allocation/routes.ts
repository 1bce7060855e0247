import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

export async function allocationRoutes(_app: FastifyInstance, _options: { db: Db }) {}

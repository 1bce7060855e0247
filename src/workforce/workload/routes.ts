import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

export async function workloadRoutes(_app: FastifyInstance, _options: { db: Db }) {}

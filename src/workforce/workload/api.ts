import type { FastifyInstance } from 'fastify';
import type { Db } from '../../database.ts';

export async function workloadApi(_app: FastifyInstance, _options: { db: Db }) {}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../database.ts';

// The case's risk and tier page: predictor scores with explanations, the tier with its reasons and history.
export async function assessmentRoutes(_app: FastifyInstance, _options: { db: Db }) {}

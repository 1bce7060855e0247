import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import client from 'prom-client';

export interface OperationsOptions { db: Kysely<any>; version: string; databaseKind: string }

/** Health, info and Prometheus metrics: what every service exposes to its operators. */
export async function operations(app: FastifyInstance, options: OperationsOptions) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const hide = { schema: { hide: true } };
  app.get('/health', hide, async (_request, reply) => {
    try {
      await sql`select 1`.execute(options.db);
      return { status: 'UP' };
    } catch {
      return reply.code(503).send({ status: 'DOWN' });
    }
  });
  app.get('/ping', hide, async () => ({ status: 'UP' }));
  app.get('/info', hide, async () => ({ name: 'throughline', version: options.version, database: options.databaseKind }));
  app.get('/metrics', hide, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}

import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers (content security policy, no sniffing, framing refused...). The middleware is
 * built once here: @fastify/helmet built it again on every request, parsing the policy each time, which the
 * profile of a case page showed as a measurable share of its CPU (docs/performance.md).
 */
export const securityHeaders = fp(async (app: FastifyInstance, options: HelmetOptions) => {
  const setHeaders = helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}, { name: 'security-headers' });

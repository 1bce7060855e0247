import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError, Redirect } from './errors.ts';

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

const titles: Record<number, string> = {
  400: 'There is a problem with your request',
  401: 'Sign in to continue',
  403: 'You do not have access',
  404: 'Page not found',
  413: 'What you sent is too large',
  415: 'That kind of content is not accepted',
  429: 'Too many requests',
};

/** Turns a Fastify schema validation error into a sentence a person can act on. */
function validationMessage(error: FastifyError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const item of error.validation ?? []) {
    const missing = (item.params as { missingProperty?: string }).missingProperty;
    const path = item.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = missing ?? (path || error.validationContext || 'request');
    fields[field] = missing ? `${missing} is required` : `${field} ${item.message ?? 'is not valid'}`;
  }
  return { message: Object.values(fields).join('; ') || error.message, fields };
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, message: string, fields?: Record<string, string>) {
  reply.code(status);
  if (isApi(request) || !request.headers.accept?.includes('html')) {
    return reply.send({ error: titles[status] ?? 'Error', message, ...(fields && Object.keys(fields).length ? { fields } : {}) });
  }
  try {
    return reply.page('error.njk', { pageTitle: titles[status] ?? 'Sorry, there is a problem with the service', status, message });
  } catch {
    return reply.type('text/plain; charset=utf-8').send(message);
  }
}

/** One place that decides what a failure looks like: 4xx with a clear message, 500 without details. */
export const errorHandling = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Redirect) return reply.redirect(error.location, error.statusCode);
    if (error instanceof HttpError) return send(request, reply, error.statusCode, error.message, error.fields);
    if (error.validation) {
      const { message, fields } = validationMessage(error);
      return send(request, reply, 400, message, fields);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return send(request, reply, status, error.message);
    request.log.error({ err: error }, 'request failed');
    return send(request, reply, 500, 'Sorry, there is a problem with the service. Try again later; what you saved before is safe.');
  });
  app.setNotFoundHandler((request, reply) => send(request, reply, 404, `There is nothing at ${request.url.split('?')[0]}. Check the address.`));
});

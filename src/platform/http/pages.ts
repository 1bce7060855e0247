import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type nunjucks from 'nunjucks';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a server-side page with the layout's shared context (user, navigation, CSRF token). */
    page(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

export interface PagesOptions {
  views: nunjucks.Environment;
  layoutContext: (request: FastifyRequest) => Record<string, unknown>;
}

/** Field errors in the shape GOV.UK's error summary wants, in the order of the form. */
export function errorList(errors: Record<string, string> | undefined) {
  return Object.entries(errors ?? {}).map(([field, text]) => ({ text, href: `#${field}` }));
}

export const pages = fp(async (app: FastifyInstance, options: PagesOptions) => {
  app.decorateReply('page', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const errors = context.errors as Record<string, string> | undefined;
    const html = options.views.render(template, {
      ...options.layoutContext(this.request),
      ...context,
      errors: errors && Object.keys(errors).length ? errors : undefined,
      errorList: errorList(errors),
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
});

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { can, type CurrentUser, type Permission } from './current-user.ts';
import { resumeSession, userForApiToken, type Session } from './repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    session: Session | null;
    /** The token a form must echo back: the session's, or before sign-in a per-browser cookie's. */
    csrfToken: string;
  }
}

export const SESSION_COOKIE = 'tl_session';
const ANON_CSRF_COOKIE = 'tl_csrf';

export interface AuthOptions { db: Db; secureCookies: boolean; sessionIdleMinutes: number }

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Resolves who is asking: a bearer token on the API, a session cookie on pages. Pages then have every
 * state-changing form checked against the CSRF token; the API is exempt because it takes no cookies.
 */
export const auth = fp(async (app: FastifyInstance, options: AuthOptions) => {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('csrfToken', '');

  // Secure when configured, or when the request came over TLS (directly or through a proxy).
  const cookieOptions = (request: FastifyRequest) =>
    ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies || request.protocol === 'https' });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/')) return;
    if (isApi(request)) {
      const header = request.headers.authorization;
      const match = header?.match(/^Bearer\s+(\S+)$/i);
      if (match) request.user = await userForApiToken(options.db, match[1]!);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      request.session = await resumeSession(options.db, cookie, options.sessionIdleMinutes);
      if (request.session) {
        request.user = request.session.user;
        request.csrfToken = request.session.csrfToken;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (!request.session) {
      let token = request.cookies[ANON_CSRF_COOKIE];
      if (!token || !/^[\w-]{43}$/.test(token)) {
        token = randomBytes(32).toString('base64url');
        reply.setCookie(ANON_CSRF_COOKIE, token, cookieOptions(request));
      }
      request.csrfToken = token;
    }
  });

  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || isApi(request)) return;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof sent !== 'string' || !request.csrfToken || !sameToken(sent, request.csrfToken)) {
      throw new HttpError(403, 'This form has expired or was not sent from this service. Go back, refresh the page and try again.');
    }
  });
});

/** A route guard: signed in (else the sign-in page, or 401 on the API) and holding the permission (else 403). */
export function requires(permission?: Permission) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.user) {
      if (isApi(request)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Unauthorized', message: 'Send a valid API token as "Authorization: Bearer <token>"' });
      }
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/sign-in${returnTo}`);
    }
    if (permission && !can(request.user, permission)) {
      throw new HttpError(403, 'Your role does not allow you to do this. Ask an administrator if you need it.');
    }
  };
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../database.ts';
import { HttpError, Redirect } from '../platform/http/errors.ts';
import { can, type CurrentUser, type Permission } from './current-user.ts';
import { resumeSession, sha256, userForApiToken, type Session } from './repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    session: Session | null;
    /** The token a form must echo back: the session's, or before sign-in a per-browser cookie's. */
    csrfToken: string;
    /** Set while the session is taken on trust from this process's memory, until checked (sessionChecked). */
    sessionCheck: SessionCheck | null;
  }
  interface FastifyInstance {
    /** Forgets a session this process keeps (on signing out, so the next page looks it up afresh). */
    forgetSession(idHash: Buffer): void;
  }
  interface FastifyContextConfig {
    /** The route's page checks the session in its own statement (a GET that reads before it shows anything). */
    checksSession?: boolean;
  }
}

export interface SessionCheck { idHash: Buffer; idleMinutes: number }

export const SESSION_COOKIE = 'tl_session';
const ANON_CSRF_COOKIE = 'tl_csrf';

export interface AuthOptions { db: Db; secureCookies: boolean; sessionIdleMinutes: number }

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

/** Sessions this process has resumed, by the hash of their cookie: at most this many kept. */
const KEPT_SESSIONS = 50_000;

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
  app.decorateRequest('sessionCheck', null);

  // A page that checks the session in its own statement (checksSession) starts from the session as this
  // process last found it, so the page is one round trip rather than two; if the check finds any change,
  // the browser asks again and the session is looked up afresh. Every other request looks it up first.
  const kept = new Map<string, Session>();
  const resume = async (cookie: string) => {
    const session = await resumeSession(options.db, cookie, options.sessionIdleMinutes);
    const key = session?.idHash.toString('base64') ?? sha256(cookie).toString('base64');
    if (!session) kept.delete(key);
    else {
      if (kept.size >= KEPT_SESSIONS) kept.clear();
      kept.set(key, session);
    }
    return session;
  };
  app.decorate('forgetSession', (idHash: Buffer) => void kept.delete(idHash.toString('base64')));

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
      const known = request.method === 'GET' && request.routeOptions.config.checksSession ? kept.get(sha256(cookie).toString('base64')) : undefined;
      if (known) request.sessionCheck = { idHash: known.idHash, idleMinutes: options.sessionIdleMinutes };
      request.session = known ?? await resume(cookie);
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

  // A page that was to check the session but did not (an error page, or a path that read nothing) is checked
  // here, before anything is sent.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.sessionCheck) return payload;
    const fresh = await resume(request.cookies[SESSION_COOKIE]!);
    if (fresh?.who === request.session?.who) return payload;
    if (payload instanceof Readable) payload.destroy();
    reply.removeHeader('content-type');
    if (fresh) reply.code(303).header('location', request.url);
    else reply.code(302).header('location', signInFor(request)).clearCookie(SESSION_COOKIE, { path: '/' });
    return '';
  });

  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || isApi(request)) return;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof sent !== 'string' || !request.csrfToken || !sameToken(sent, request.csrfToken)) {
      throw new HttpError(403, 'This form has expired or was not sent from this service. Go back, refresh the page and try again.');
    }
  });
});

/**
 * For a page that checks the session in its own statement: the session to check (sessionWho), or null when
 * it was looked up afresh for this request and needs no check.
 */
export const sessionToCheck = (request: FastifyRequest): SessionCheck | null => request.sessionCheck;

/**
 * The page's statement found the session as `who` (sessionWho); undefined when it found no row to carry
 * it, and the check is left to the end of the request. Unchanged, the request goes on; gone (signed out,
 * idle, deactivated), the browser goes to sign in; changed (the user's role, region or permissions), it
 * is sent to ask again, and that request looks the session up afresh. Nothing is shown or audited first.
 */
export function sessionChecked(request: FastifyRequest, who: string | null | undefined): void {
  const check = request.sessionCheck;
  if (!check || who === undefined) return;
  if (who === request.session?.who) {
    request.sessionCheck = null;
    return;
  }
  if (who === null) {
    // Signed out, idle or deactivated: to the sign-in page, as a request without a session would be.
    request.server.forgetSession(check.idHash);
    request.sessionCheck = null;
    throw new Redirect(signInFor(request), 302);
  }
  throw new Redirect(request.url);
}

const signInFor = (request: FastifyRequest) => `/sign-in${request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''}`;

/** A route guard: signed in (else the sign-in page, or 401 on the API) and holding the permission (else 403). */
export function requires(permission?: Permission) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.user) {
      if (isApi(request)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Unauthorized', message: 'Send a valid API token as "Authorization: Bearer <token>"' });
      }
      return reply.redirect(signInFor(request));
    }
    if (permission && !can(request.user, permission)) {
      throw new HttpError(403, 'Your role does not allow you to do this. Ask an administrator if you need it.');
    }
  };
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../database.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { verifyPassword } from './passwords.ts';
import { SESSION_COOKIE } from './plugin.ts';
import { createSession, endSession, findUserForSignIn } from './repository.ts';
import { SignInThrottle } from './throttle.ts';

const safeReturnTo = (value: unknown): string =>
  typeof value === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : '/';

export interface SignInOptions { db: Db; secureCookies: boolean; throttle?: SignInThrottle }

export async function signInRoutes(app: FastifyInstance, options: SignInOptions) {
  const throttle = options.throttle ?? new SignInThrottle();
  const { db } = options;

  app.get('/sign-in', async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const { returnTo } = request.query as { returnTo?: string };
    return reply.page('auth/views/sign-in.njk', { pageTitle: 'Sign in', returnTo: safeReturnTo(returnTo), values: {} });
  });

  app.post('/sign-in', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const returnTo = safeReturnTo(body.returnTo);
    const show = (status: number, errors: Record<string, string>) =>
      reply.code(status).page('auth/views/sign-in.njk', { pageTitle: 'Sign in', returnTo, values: { username }, errors });

    const errors: Record<string, string> = {};
    if (!username) errors.username = 'Enter your username';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length) return show(400, errors);

    const wait = throttle.waitMinutes(username, request.ip);
    if (wait > 0) {
      return show(429, { username: `Too many failed sign-in attempts. Wait ${wait} minute${wait === 1 ? '' : 's'} and try again.` });
    }
    const user = await findUserForSignIn(db, username);
    const ok = !!user && user.active && !user.service_account && (await verifyPassword(user.password_hash, password));
    if (!ok || !user) {
      throttle.fail(username, request.ip);
      await writeAudit(db, { userId: user?.id ?? null, username, requestId: request.id, ip: request.ip }, { action: 'user.sign-in-failed' });
      return show(401, { username: 'The username or password is not right' });
    }
    throttle.succeed(username);
    const session = await createSession(db, user.id);
    await writeAudit(db, { userId: user.id, username: user.username, requestId: request.id, ip: request.ip }, { action: 'user.sign-in' });
    reply.setCookie(SESSION_COOKIE, session.cookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies || request.protocol === 'https' });
    return reply.redirect(returnTo, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.session) {
      await endSession(db, request.session.idHash);
      app.forgetSession(request.session.idHash);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });
}

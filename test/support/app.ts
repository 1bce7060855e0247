import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/repository.ts';
import { SignInThrottle } from '../../src/auth/throttle.ts';
import { DEMO_PASSWORD } from '../../src/demo/organisation.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface Browser {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Signs in as a demo user through the real sign-in form and returns a cookie-carrying client. */
  signIn(username: string, password?: string): Promise<Browser>;
  /** A client that has not signed in (it holds the anonymous CSRF cookie). */
  anonymous(): Promise<Browser>;
  api(method: 'GET' | 'POST' | 'PUT', url: string, token: string | null, body?: unknown): Promise<LightMyRequestResponse>;
  /** Issues an API token for a demo user, as an administrator would. */
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

const cookieValue = (response: LightMyRequestResponse, name: string) =>
  response.cookies.find((cookie) => cookie.name === name)?.value;

export const csrfFrom = (html: string): string => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';

export async function createTestApp(options: { people?: number; throttle?: SignInThrottle; logStream?: NodeJS.WritableStream } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ people: options.people ?? 300 });
  const app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    logLevel: options.logStream ? 'info' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
    throttle: options.throttle ?? new SignInThrottle(1000),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await app.ready();

  const client = (cookie: string, csrf: string): Browser => ({
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } }),
    post: (url, form) =>
      app.inject({
        method: 'POST', url,
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        // Repeated fields (checkboxes) are sent as the browser sends them: one pair per value.
        payload: new URLSearchParams(Object.entries({ _csrf: csrf, ...form }).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v]))).toString(),
      }),
  });

  const anonymous = async () => {
    const page = await app.inject({ method: 'GET', url: '/sign-in', headers: { accept: 'text/html' } });
    const token = cookieValue(page, 'tl_csrf') ?? '';
    return client(`tl_csrf=${token}`, token);
  };

  return {
    app,
    database,
    anonymous,
    async signIn(username, password = DEMO_PASSWORD) {
      const anon = await anonymous();
      const response = await anon.post('/sign-in', { username, password });
      const session = cookieValue(response, 'tl_session');
      if (response.statusCode !== 303 || !session) throw new Error(`sign-in as ${username} failed: ${response.statusCode}`);
      const cookie = `tl_session=${session}`;
      const home = await app.inject({ method: 'GET', url: '/search', headers: { cookie, accept: 'text/html' } });
      return client(cookie, csrfFrom(home.body));
    },
    api: (method, url, token, body) =>
      app.inject({
        method, url,
        headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    async tokenFor(username) {
      const user = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      return (await createApiToken(database.db, { userId: user.id, label: 'test', createdBy: null })).token;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

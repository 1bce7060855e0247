import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type Browser, type TestApp } from './support/app.ts';

/** Every route, fed nonsense: the answer is always a 2xx/3xx/4xx with a message, never a 500. */
describe('bad input never crashes a route', () => {
  let t: TestApp;
  // An administrator and a team manager between them hold every permission a page or endpoint asks for.
  const users = ['admin', 'sam.spo'];
  const browsers = new Map<string, Browser>();
  const tokens = new Map<string, string>();
  const routes: { method: string; url: string }[] = [];
  const params = ['A000000', 'x', '%20', '99999999999999999999', "';--", '1'];
  before(async () => {
    t = await createTestApp({ people: 20 });
    collectRoutes(t.app, routes);
    for (const user of users) {
      browsers.set(user, await t.signIn(user));
      tokens.set(user, await t.tokenFor(user));
    }
    // A real CRN reaches past the lookups into each route's own validation.
    const person = await t.database.db.selectFrom('people').select('crn')
      .where('id', 'not in', t.database.db.selectFrom('case_access_rules').select('person_id')).orderBy('id').limit(1).executeTakeFirstOrThrow();
    params.push(person.crn);
  });
  after(() => t.close());

  const nonsense: Record<string, string | string[]>[] = [
    {},
    { firstName: ['a', 'b'], lastName: 'x'.repeat(5000), kind: 'nope', id: '-1', username: '%00', permissions: ['x', 'y'], decision: 'maybe', practitionerId: 'x' },
    { 'dateOfBirth-day': '99', 'dateOfBirth-month': 'zz', 'dateOfBirth-year': '-5', teamId: '1e309', roleCode: '<script>', caseScope: '', hours: '-3', points: '1e400' },
  ];

  it('page routes', async () => {
    assert.ok(routes.length > 25, `found ${routes.length} routes`);
    for (const [user, browser] of browsers) {
      for (const route of routes.filter((r) => !r.url.startsWith('/api/'))) {
        for (const param of params) {
          const url = route.url.replace(/:\w+/g, encodeURIComponent(param)).replace('*', 'x');
          if (route.method === 'GET') {
            const response = await browser.get(`${url}?q=${encodeURIComponent(param)}&before=abc&saved=1&team=${encodeURIComponent(param)}`);
            assert.ok(response.statusCode < 500, `${user} GET ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
            assert.notEqual(response.headers.location, '/sign-in', 'the session survives');
          } else {
            for (const body of nonsense) {
              const response = await browser.post(url, body);
              assert.ok(response.statusCode < 500, `${user} POST ${url} ${JSON.stringify(body).slice(0, 80)}: ${response.statusCode} ${response.body.slice(0, 200)}`);
            }
          }
        }
      }
    }
  });

  it('API routes', async () => {
    for (const [user, token] of tokens) {
      for (const route of routes.filter((r) => r.url.startsWith('/api/'))) {
        for (const param of params) {
          const url = route.url.replace(/:\w+/g, encodeURIComponent(param));
          const bodies: unknown[] = route.method === 'GET' ? [undefined] : [{}, [], 'text', { firstName: 1, dateOfBirth: [], address: 'x', decision: 'maybe', practitionerId: -1 }, null];
          for (const body of bodies) {
            const response = await t.api(route.method as 'GET' | 'POST' | 'PUT', `${url}?q=${encodeURIComponent(param)}&limit=-1&team=${encodeURIComponent(param)}`, token, body);
            assert.ok(response.statusCode < 500, `${user} ${route.method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
            assert.ok(response.statusCode < 400 || typeof response.json().message === 'string', `${route.method} ${url} explains its ${response.statusCode}`);
          }
        }
      }
    }
  });
});

/** Flattens Fastify's route tree ("people/:crn (GET, HEAD)" under its parent, by indentation) into paths. */
function collectRoutes(app: FastifyInstance, into: { method: string; url: string }[]) {
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = line.match(/^([\s│├└─]*)(\S+) \(([A-Z, ]+)\)/);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const segment = match[2]!;
    const parent = stack[depth - 1] ?? '';
    const path = depth === 0 ? segment : segment.startsWith('/') ? parent + segment : `${parent === '/' ? '' : parent}/${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of match[3]!.split(', ')) {
      // Signing out would end the session the rest of the test uses.
      if (['GET', 'POST', 'PUT'].includes(method) && path !== '/*' && path !== '/sign-out') into.push({ method, url: path });
    }
  }
}

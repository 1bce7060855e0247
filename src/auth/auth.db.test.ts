import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { createTestApp, csrfFrom, type TestApp } from '../../test/support/app.ts';
import { SignInThrottle } from './throttle.ts';

describe('signing in, sessions, CSRF and security headers', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ throttle: new SignInThrottle(5) });
  });
  after(() => t.close());

  it('sends a visitor who is not signed in to the sign-in page, and the API answers 401', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/cases', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 302);
    assert.equal(page.headers.location, '/sign-in?returnTo=%2Fcases');
    const api = await t.api('GET', '/api/v1/people?q=smith', null);
    assert.equal(api.statusCode, 401);
    assert.match(api.json().message, /Bearer/);
  });

  it('signs in with the right password only, with clear errors', async () => {
    const anon = await t.anonymous();
    const empty = await anon.post('/sign-in', { username: '', password: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your username/);
    const wrong = await anon.post('/sign-in', { username: 'kim.pso', password: 'not the password' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /username or password is not right/);
    assert.match(wrong.body, /value="kim.pso"/);
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get('/cases')).statusCode, 200);
  });

  it('sets session cookies httpOnly and SameSite=Lax', async () => {
    const anon = await t.anonymous();
    const response = await anon.post('/sign-in', { username: 'dan.po', password: 'throughline-demo' });
    const cookie = response.cookies.find((c) => c.name === 'tl_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.secure, undefined, 'plain HTTP on a developer machine');
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
    const csrf = page.cookies.find((c) => c.name === 'tl_csrf')!.value;
    const overTls = await t.app.inject({
      method: 'POST', url: '/sign-in',
      headers: { 'x-forwarded-proto': 'https', cookie: `tl_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${csrf}&username=dan.po&password=throughline-demo`,
    });
    assert.equal(overTls.cookies.find((c) => c.name === 'tl_session')!.secure, true, 'behind TLS the session cookie is Secure');
  });

  it('throttles sign-in after repeated failures', async () => {
    const anon = await t.anonymous();
    for (let i = 0; i < 5; i++) assert.equal((await anon.post('/sign-in', { username: 'ruth.pso', password: `wrong-${i}` })).statusCode, 401);
    const blocked = await anon.post('/sign-in', { username: 'ruth.pso', password: 'throughline-demo' });
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /Too many failed sign-in attempts/);
  });

  it('rejects a form without the right CSRF token', async () => {
    const jo = await t.signIn('jo.po');
    const missing = await t.app.inject({ method: 'POST', url: '/people/new', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'firstName=A' });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /form has expired/);
    const wrong = await t.app.inject({ method: 'POST', url: '/people/new', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${'x'.repeat(43)}&firstName=A` });
    assert.equal(wrong.statusCode, 403);
    const anon = await t.anonymous();
    const signInWithout = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=jo.po&password=throughline-demo' });
    assert.equal(signInWithout.statusCode, 403);
  });

  it('ends an idle session and signs out', async () => {
    const jo = await t.signIn('jo.po');
    const page = await jo.get('/cases');
    assert.equal(page.statusCode, 200);
    assert.equal(csrfFrom(page.body), jo.csrf);
    const out = await jo.post('/sign-out', {});
    assert.equal(out.statusCode, 303);
    assert.equal((await jo.get('/cases')).statusCode, 302);

    const sam = await t.signIn('sam.spo');
    await sql`update sessions set last_seen_at = now() - interval '31 minutes'`.execute(t.database.db);
    assert.equal((await sam.get('/cases')).statusCode, 302, 'found idle in My cases\' own statement');
  });

  it('checks a session this process keeps in the statement of a case page, and asks again when anything changed', async () => {
    const jo = await t.signIn('jo.po');
    const crn = (await jo.get('/cases')).body.match(/href="\/people\/([A-Z]\d{6})"/)![1]!;
    const casePage = `/people/${crn}`;
    const seen = async (path: string) => (await jo.get(path)).statusCode;
    assert.equal(await seen(casePage), 200);
    assert.equal(await seen(casePage), 200, 'served from the kept session, checked in the page statement');

    // The role's reach changes while the session is kept: the page is asked for again and then refused.
    const { region_id: home } = await sql<{ region_id: number }>`select region_id from users where username = 'jo.po'`.execute(t.database.db).then((r) => r.rows[0]!);
    await sql`update users set region_id = (select min(id) from regions where id <> ${home}) where username = 'jo.po'`.execute(t.database.db);
    const changed = await jo.get(casePage);
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, casePage);
    assert.equal(await seen(casePage), 403, 'looked up afresh, the case is outside the new region');
    await sql`update users set region_id = ${home} where username = 'jo.po'`.execute(t.database.db);
    assert.equal(await seen(casePage), 303);
    assert.equal(await seen(casePage), 200);

    // Idle, deactivated or signed out elsewhere: sent to sign in, before anything is shown.
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = 'jo.po')`.execute(t.database.db);
    const idle = await jo.get(casePage);
    assert.deepEqual([idle.statusCode, idle.headers.location], [302, `/sign-in?returnTo=${encodeURIComponent(casePage)}`]);
    assert.doesNotMatch(idle.body, new RegExp(crn));
    assert.equal(await seen(casePage), 302);

    const jo2 = await t.signIn('jo.po');
    assert.equal((await jo2.get(casePage)).statusCode, 200);
    await sql`delete from sessions where user_id = (select id from users where username = 'jo.po')`.execute(t.database.db);
    const missing = await jo2.get('/people/Z999999');
    assert.equal(missing.statusCode, 302, 'a page with nothing to show is checked before it is sent');
    assert.match(String(missing.headers['set-cookie']), /tl_session=;/, 'and the cookie cleared');

    // Search checks it in its own statement too, found or not.
    const jo3 = await t.signIn('jo.po');
    assert.equal((await jo3.get(`/search?q=${crn}`)).statusCode, 200);
    assert.match((await jo3.get(`/search?q=${crn}`)).body, new RegExp(crn));
    await sql`update users set active = false where username = 'jo.po'`.execute(t.database.db);
    try {
      assert.equal((await jo3.get(`/search?q=${crn}`)).statusCode, 302, 'deactivated');
    } finally {
      await sql`update users set active = true where username = 'jo.po'`.execute(t.database.db);
    }
    const jo4 = await t.signIn('jo.po');
    assert.equal((await jo4.get('/search?q=Zzyzzyx')).statusCode, 200);
    await sql`delete from sessions where user_id = (select id from users where username = 'jo.po')`.execute(t.database.db);
    assert.equal((await jo4.get('/search?q=Zzyzzyx')).statusCode, 302, 'no rows: checked before it is sent');
  });

  it('refuses a role without the permission with a clear 403', async () => {
    const jo = await t.signIn('jo.po');
    const admin = await jo.get('/people/A000001/audit');
    assert.equal(admin.statusCode, 403);
    assert.match(admin.body, /Your role does not allow/);
  });

  it('sends security headers with a strict Content-Security-Policy, and pages carry no inline script', async () => {
    const jo = await t.signIn('jo.po');
    const page = await jo.get('/cases');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['x-frame-options'], 'SAMEORIGIN');
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script is an external file');
  });
});

describe('logs', () => {
  it('never hold passwords, tokens or case content', async () => {
    let logs = '';
    const logStream = new Writable({ write: (chunk, _encoding, done) => { logs += String(chunk); done(); } });
    const t = await createTestApp({ people: 20, logStream });
    try {
      const jo = await t.signIn('jo.po');
      await (await t.anonymous()).post('/sign-in', { username: 'jo.po', password: 'a-wrong-secret-password' });
      await jo.get('/search?q=Zebedee+Quillfeather');
      await jo.post('/people/new', { firstName: 'Zebedee', lastName: 'Quillfeather', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '1990', sex: 'male', pnc: '2008/1234567R' });
      await t.api('GET', '/api/v1/people?q=Quillfeather', 'tl_a-secret-token-value');
      assert.ok(logs.includes('/search'), 'requests are logged');
      for (const secret of ['throughline-demo', 'a-wrong-secret-password', 'Quillfeather', 'Zebedee', '1234567R', 'a-secret-token-value', 'tl_session']) {
        assert.ok(!logs.includes(secret), `logs include ${secret}`);
      }
    } finally {
      await t.close();
    }
  });
});

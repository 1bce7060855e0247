import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type Browser, type TestApp } from '../../test/support/app.ts';

describe('the administration area', () => {
  let t: TestApp;
  let admin: Browser;
  const db = () => t.database.db;
  const ids = async () => {
    const team = await db().selectFrom('teams').select('id').where('code', '=', 'NE-NCL-C').executeTakeFirstOrThrow();
    return { teamId: String(team.id) };
  };
  const userId = async (username: string) =>
    (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const lastAudit = (action: string) =>
    db().selectFrom('audit_log').select(['username', 'detail']).where('action', '=', action).orderBy('id', 'desc').executeTakeFirstOrThrow();

  before(async () => {
    t = await createTestApp({ people: 50 });
    admin = await t.signIn('admin');
  });
  after(() => t.close());

  it('shows the sections an administrator may use', async () => {
    const page = await admin.get('/admin');
    assert.equal(page.statusCode, 200);
    for (const href of ['/admin/users', '/admin/teams', '/admin/tokens']) assert.match(page.body, new RegExp(`href="${href}"`));
  });

  it('refuses the area to a user without administration, and sends the signed-out to sign in', async () => {
    const jo = await t.signIn('jo.po');
    for (const url of ['/admin', '/admin/users', '/admin/users/new', '/admin/teams', '/admin/tokens']) {
      assert.equal((await jo.get(url)).statusCode, 403, url);
    }
    assert.equal((await jo.post('/admin/users/new', { username: 'sneaky', displayName: 'S', roleCode: 'admin', agencyCode: 'probation', password: 'x'.repeat(12) })).statusCode, 403);
    assert.equal((await jo.post('/admin/tokens', { username: 'jo.po', label: 'mine' })).statusCode, 403);
    const anonymous = await t.anonymous();
    const redirect = await anonymous.get('/admin/users');
    assert.equal(redirect.statusCode, 302);
    assert.match(String(redirect.headers.location), /^\/sign-in/);
  });

  it('creates a user who can then sign in, and audits it without the password', async () => {
    const { teamId } = await ids();
    const response = await admin.post('/admin/users/new', {
      username: 'ada.l', displayName: 'Ada Lovelace', email: 'ada@probation.example', roleCode: 'practitioner',
      agencyCode: 'probation', teamId, grade: 'PO', password: 'a long enough password',
    });
    assert.equal(response.statusCode, 303);
    const id = await userId('ada.l');
    assert.equal(response.headers.location, `/admin/users/${id}?saved=created`);
    const saved = await db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(saved.team_id, Number(teamId));
    assert.notEqual(saved.region_id, null, 'the region comes from the team');
    assert.match(saved.password_hash ?? '', /^\$argon2id\$/);
    const entry = await lastAudit('user.create');
    assert.equal(entry.username, 'admin');
    assert.doesNotMatch(JSON.stringify(entry.detail), /long enough|argon2/);
    await t.signIn('ada.l', 'a long enough password');
    assert.match((await admin.get('/admin/users?q=lovelace')).body, /ada\.l/);
  });

  it('refuses a username that is taken, whatever its case, keeping what was typed but not the password', async () => {
    const { teamId } = await ids();
    const response = await admin.post('/admin/users/new', {
      username: 'JO.PO', displayName: 'Another Jo', roleCode: 'practitioner', agencyCode: 'probation', teamId, password: 'a long enough password',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /The username JO\.PO is already taken/);
    assert.match(response.body, /value="Another Jo"/);
    assert.doesNotMatch(response.body, /a long enough password/);
  });

  it('gives form errors for bad input and unknown codes', async () => {
    const response = await admin.post('/admin/users/new', { username: 'x', roleCode: 'wizard', agencyCode: 'mi6', teamId: '999999', grade: 'CEO', email: 'nope' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    for (const message of ['between 3 and 50', 'Enter the user&#39;s full name', 'Select a role from the list', 'Select an agency from the list', 'Select a team from the list', 'Select a grade from the list', 'correct format', 'Enter a password']) {
      assert.ok(response.body.includes(message), message);
    }
    assert.equal((await admin.post('/admin/users/new', {})).statusCode, 400);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const url of ['/admin/users/abc', '/admin/users/999999', '/admin/users/99999999999', '/admin/teams/x', '/admin/teams/999999']) {
      const response = await admin.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.body, /There is no (user|team) with id/);
    }
    assert.equal((await admin.post('/admin/users/999999', { active: 'yes' })).statusCode, 404);
    assert.equal((await admin.post('/admin/tokens/nope/revoke', {})).statusCode, 404);
  });

  it('edits a user and signs them out at once when deactivated', async () => {
    const ruth = await t.signIn('ruth.pso');
    assert.equal((await ruth.get('/cases')).statusCode, 200);
    const id = await userId('ruth.pso');
    const form = await admin.get(`/admin/users/${id}`);
    assert.equal(form.statusCode, 200);
    const { teamId } = await ids();
    const response = await admin.post(`/admin/users/${id}`, {
      displayName: 'Ruth Bell', email: 'ruth.pso@probation.example', roleCode: 'practitioner', agencyCode: 'probation', teamId, grade: 'PO', active: 'no',
    });
    assert.equal(response.statusCode, 303);
    const sessions = await db().selectFrom('sessions').select(sql<number>`count(*)`.as('n')).where('user_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(Number(sessions.n), 0);
    assert.equal((await ruth.get('/cases')).statusCode, 302, 'her open session no longer works');
    const entry = await lastAudit('user.update');
    const detail = entry.detail as { changed: Record<string, { from: unknown; to: unknown }> };
    assert.deepEqual(detail.changed.active, { from: true, to: false });
    assert.deepEqual(detail.changed.grade, { from: 'PSO', to: 'PO' });
    assert.ok(detail.changed.teamId, 'moved from Newcastle West to Newcastle Central');
    await assert.rejects(t.signIn('ruth.pso'), /sign-in as ruth.pso failed/);
  });

  it('records a password change without the password', async () => {
    const id = await userId('kim.pso');
    const current = await db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const response = await admin.post(`/admin/users/${id}`, {
      displayName: current.display_name, roleCode: current.role_code, agencyCode: current.agency_code, teamId: String(current.team_id),
      grade: current.grade ?? '', email: current.email ?? '', active: 'yes', password: 'kims new password',
    });
    assert.equal(response.statusCode, 303);
    const entry = await lastAudit('user.update');
    assert.deepEqual((entry.detail as { passwordChanged?: boolean }).passwordChanged, true);
    assert.doesNotMatch(JSON.stringify(entry.detail), /kims new password/);
    await t.signIn('kim.pso', 'kims new password');
  });

  it('stops administrators deactivating themselves or removing their own users:manage', async () => {
    const id = await userId('admin');
    const base = { displayName: 'Alex Admin', roleCode: 'admin', agencyCode: 'probation', active: 'yes' };
    const deactivate = await admin.post(`/admin/users/${id}`, { ...base, active: 'no' });
    assert.equal(deactivate.statusCode, 400);
    assert.match(deactivate.body, /You cannot deactivate your own account/);
    const demote = await admin.post(`/admin/users/${id}`, { ...base, roleCode: 'practitioner', regionId: '1' });
    assert.equal(demote.statusCode, 400);
    assert.match(demote.body, /You cannot remove your own permission to manage users/);
  });

  it('creates, renames and deactivates a team, refusing a duplicate code', async () => {
    const pdu = await db().selectFrom('pdus').select('id').where('code', '=', 'NE-NCL').executeTakeFirstOrThrow();
    const created = await admin.post('/admin/teams', { code: 'ne-ncl-e', name: 'Newcastle East', pduId: String(pdu.id) });
    assert.equal(created.statusCode, 303);
    const team = await db().selectFrom('teams').selectAll().where('code', '=', 'NE-NCL-E').executeTakeFirstOrThrow();
    assert.equal((await lastAudit('team.create')).username, 'admin');
    const duplicate = await admin.post('/admin/teams', { code: 'NE-NCL-E', name: 'Again', pduId: String(pdu.id) });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /A team with the code NE-NCL-E already exists/);
    assert.match(duplicate.body, /value="Again"/);
    assert.equal((await admin.post('/admin/teams', { code: 'NE-X', name: 'X', pduId: '999999' })).statusCode, 400);

    assert.equal((await admin.post(`/admin/teams/${team.id}`, { name: 'Newcastle East and Gateshead', active: 'no' })).statusCode, 303);
    const updated = await db().selectFrom('teams').selectAll().where('id', '=', team.id).executeTakeFirstOrThrow();
    assert.equal(updated.name, 'Newcastle East and Gateshead');
    assert.equal(updated.active, false);
    assert.deepEqual((await lastAudit('team.update')).detail, {
      teamId: team.id, code: 'NE-NCL-E',
      changed: { name: { from: 'Newcastle East', to: 'Newcastle East and Gateshead' }, active: { from: true, to: false } },
    });
    const list = await admin.get('/admin/teams');
    assert.match(list.body, /Newcastle East and Gateshead/);
    assert.match(list.body, /Newcastle Central/);
  });

  it('issues a token shown once that works on the API until it is revoked', async () => {
    const issued = await admin.post('/admin/tokens', { username: 'jo.po', label: 'Test client' });
    assert.equal(issued.statusCode, 200);
    assert.equal(issued.headers['cache-control'], 'no-store');
    assert.match(issued.body, /will not be shown again/);
    const token = issued.body.match(/value="(tl_[\w-]+)"/)?.[1];
    assert.ok(token, 'the token is on the page');
    assert.equal(issued.body.split(token).length, 2, 'exactly once');

    const search = await t.api('GET', '/api/v1/people?q=smith', token);
    assert.equal(search.statusCode, 200);
    assert.ok(Array.isArray(search.json().results));

    const entry = await lastAudit('token.create');
    assert.doesNotMatch(JSON.stringify(entry.detail), new RegExp(token));
    const list = await admin.get('/admin/tokens');
    assert.ok(!list.body.includes(token), 'the list shows only the prefix');
    assert.ok(list.body.includes(token.slice(0, 8)));

    const row = await db().selectFrom('api_tokens').select('id').where('label', '=', 'Test client').executeTakeFirstOrThrow();
    const revoked = await admin.post(`/admin/tokens/${row.id}/revoke`, {});
    assert.equal(revoked.statusCode, 303);
    assert.equal((await lastAudit('token.revoke')).username, 'admin');
    assert.equal((await t.api('GET', '/api/v1/people?q=smith', token)).statusCode, 401);
  });

  it('refuses a token for an unknown or deactivated user, or without a label', async () => {
    const unknown = await admin.post('/admin/tokens', { username: 'nobody', label: 'x' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /There is no active user called nobody/);
    assert.equal((await admin.post('/admin/tokens', { username: 'ruth.pso', label: 'x' })).statusCode, 400, 'ruth.pso was deactivated above');
    const missing = await admin.post('/admin/tokens', { username: 'jo.po' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter a label/);
  });
});

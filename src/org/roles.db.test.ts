import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { hashPassword } from '../auth/passwords.ts';

describe('roles as data', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ people: 30 });
  });
  after(() => t.close());

  it('lets an administrator add a role whose users get exactly its permissions', async () => {
    const admin = await t.signIn('admin');
    assert.equal((await admin.get('/admin/roles')).statusCode, 200);
    const bad = await admin.post('/admin/roles/new', { code: 'x', name: '', caseScope: 'region' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the role/);
    const created = await admin.post('/admin/roles/new', { code: 'case-auditor', name: 'Case auditor', caseScope: 'national', permissions: 'audit:read' });
    assert.equal(created.statusCode, 303);
    const again = await admin.post('/admin/roles/new', { code: 'case-auditor', name: 'Again', caseScope: 'national' });
    assert.match(again.body, /already exists/);

    const region = await t.database.db.selectFrom('regions').select('id').where('code', '=', 'NE').executeTakeFirstOrThrow();
    await t.database.db.insertInto('users').values({
      username: 'auditor', display_name: 'A Uditor', email: null, password_hash: await hashPassword('throughline-demo'),
      role_code: 'case-auditor', agency_code: 'probation', region_id: region.id, team_id: null, grade: null,
    }).execute();
    const auditor = await t.signIn('auditor');
    const crn = (await t.database.db.selectFrom('people').select('crn').orderBy('id').offset(10).limit(1).executeTakeFirstOrThrow()).crn; // past the demo's restricted cases
    assert.equal((await auditor.get(`/people/${crn}/audit`)).statusCode, 200);
    assert.equal((await auditor.get(`/people/${crn}`)).statusCode, 403, 'no case:read, so no case pages');

    const edited = await admin.post('/admin/roles/case-auditor', { name: 'Case auditor', caseScope: 'national', permissions: ['audit:read', 'case:read'] });
    assert.equal(edited.statusCode, 303);
    // The auditor's session was kept with the old role: the case page finds it changed and has the browser ask
    // again, and that request looks the session up afresh.
    const asked = await auditor.get(`/people/${crn}`);
    assert.deepEqual([asked.statusCode, asked.headers.location], [303, `/people/${crn}`]);
    assert.equal((await auditor.get(`/people/${crn}`)).statusCode, 200, 'the change applies at once');
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['role.create', 'role.update']).execute();
    assert.equal(audited.length, 2);
  });

  it('stops an administrator removing user management from their own role, and 404s unknown roles', async () => {
    const admin = await t.signIn('admin');
    const lockout = await admin.post('/admin/roles/admin', { name: 'Administrator', caseScope: 'national', permissions: 'case:read' });
    assert.equal(lockout.statusCode, 400);
    assert.match(lockout.body, /cannot remove/);
    assert.equal((await admin.get('/admin/roles/no-such-role')).statusCode, 404);
    assert.equal((await (await t.signIn('jo.po')).get('/admin/roles')).statusCode, 403);
  });

  it('offers every permission a role holds, so saving the form as it stands changes nothing', async () => {
    const admin = await t.signIn('admin');
    const grants = () => t.database.db.selectFrom('role_permissions').select('permission')
      .where('role_code', '=', 'senior-probation-officer').orderBy('permission').execute();
    const before = (await grants()).map((g) => g.permission);
    const page = (await admin.get('/admin/roles/senior-probation-officer')).body;
    const checked = [...page.matchAll(/<input[^>]*name="permissions"[^>]*value="([^"]+)"[^>]*checked/g)].map((m) => m[1]!).sort();
    assert.deepEqual(checked, before, 'every grant is shown ticked');
    const saved = await admin.post('/admin/roles/senior-probation-officer', { name: 'Senior probation officer', caseScope: 'region', permissions: checked });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    assert.deepEqual((await grants()).map((g) => g.permission), before);
  });
});

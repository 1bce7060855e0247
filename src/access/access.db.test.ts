import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

/** The demo data restricts the first three people to lee.po and sam.spo, and excludes jo.po from the next three. */
describe('the access list', () => {
  let t: TestApp;
  let restrictedCrn: string;
  let excludedCrn: string;
  let openCrn: string;
  const tokenFor = (username: string) => t.tokenFor(username);

  before(async () => {
    t = await createTestApp();
    const people = await t.database.db.selectFrom('people').select(['id', 'crn']).orderBy('id').limit(7).execute();
    restrictedCrn = people[0]!.crn;
    excludedCrn = people[3]!.crn;
    openCrn = people[6]!.crn;
  });
  after(() => t.close());

  it('refuses an excluded user the case page with the list\'s message, and audits the refusal', async () => {
    const jo = await t.signIn('jo.po');
    const page = await jo.get(`/people/${excludedCrn}`);
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /excluded from this case because of a conflict of interest/);
    const refused = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'case.read-refused').where('username', '=', 'jo.po').execute();
    assert.equal(refused.length, 1);
    assert.equal((await jo.get(`/people/${openCrn}`)).statusCode, 200);
  });

  it('refuses an excluded user the case on the API', async () => {
    const token = await tokenFor('jo.po');
    const response = await t.api('GET', `/api/v1/people/${excludedCrn}`, token);
    assert.equal(response.statusCode, 403);
    assert.match(response.json().message, /excluded/);
  });

  it('shows a refused case in search only as its CRN and "Restricted"', async () => {
    const person = await t.database.db.selectFrom('people').select(['last_name', 'first_name']).where('crn', '=', excludedCrn).executeTakeFirstOrThrow();
    const token = await tokenFor('jo.po');
    const api = await t.api('GET', `/api/v1/people?q=${encodeURIComponent(excludedCrn)}`, token);
    assert.equal(api.statusCode, 200);
    assert.deepEqual(api.json().results, [{ crn: excludedCrn, restricted: true }]);

    const jo = await t.signIn('jo.po');
    const page = await jo.get(`/search?q=${encodeURIComponent(`${person.first_name} ${person.last_name}`)}`);
    const row = page.body.split('<tr').find((tr) => tr.includes(excludedCrn))!;
    assert.match(row, /Restricted/);
    assert.doesNotMatch(row, new RegExp(person.last_name));
  });

  it('lets only listed users see a restricted case', async () => {
    for (const listed of ['lee.po', 'sam.spo']) assert.equal((await (await t.signIn(listed)).get(`/people/${restrictedCrn}`)).statusCode, 200, listed);
    for (const other of ['jo.po', 'kim.pso', 'admin']) {
      const response = await (await t.signIn(other)).get(`/people/${restrictedCrn}`);
      assert.equal(response.statusCode, 403, other);
      assert.match(response.body, /This case is restricted/);
    }
    const lee = await t.signIn('lee.po');
    assert.match((await lee.get(`/people/${restrictedCrn}`)).body, /Restricted case/);
  });

  it('stops applying a rule after its end date', async () => {
    const db = t.database.db;
    const id = (await db.selectFrom('people').select('id').where('crn', '=', excludedCrn).executeTakeFirstOrThrow()).id;
    await db.updateTable('case_access_rules').set({ ends_on: sql<string>`current_date - 1` }).where('person_id', '=', id).execute();
    assert.equal((await (await t.signIn('jo.po')).get(`/people/${excludedCrn}`)).statusCode, 200);
    await db.updateTable('case_access_rules').set({ ends_on: sql<string>`current_date` }).where('person_id', '=', id).execute();
    assert.equal((await (await t.signIn('jo.po')).get(`/people/${excludedCrn}`)).statusCode, 403, 'a rule ending today still applies today');
  });

  it('keeps practitioners to their own region', async () => {
    const db = t.database.db;
    const london = await db.selectFrom('regions').select('id').where('code', '=', 'LN').executeTakeFirstOrThrow();
    const person = await db.selectFrom('people').select('id').where('crn', '=', openCrn).executeTakeFirstOrThrow();
    await db.updateTable('people').set({ region_id: london.id }).where('id', '=', person.id).execute();
    try {
      const jo = await t.signIn('jo.po');
      assert.equal((await jo.get(`/people/${openCrn}`)).statusCode, 403);
      assert.match((await jo.get(`/search?q=${openCrn}`)).body, /No results/);
      const named = await db.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.doesNotMatch((await jo.get(`/search?q=${encodeURIComponent(`${named.first_name} ${named.last_name}`)}`)).body, new RegExp(openCrn));
      const admin = await t.signIn('admin');
      assert.equal((await admin.get(`/people/${openCrn}`)).statusCode, 200, 'the admin role is national');
      assert.match((await admin.get(`/search?q=${openCrn}`)).body, new RegExp(`/people/${openCrn}`), 'and searches nationally');
      assert.match((await admin.get(`/search?q=${encodeURIComponent(`${named.first_name} ${named.last_name}`)}`)).body, new RegExp(`/people/${openCrn}`));
    } finally {
      const northEast = await db.selectFrom('regions').select('id').where('code', '=', 'NE').executeTakeFirstOrThrow();
      await db.updateTable('people').set({ region_id: northEast.id }).where('id', '=', person.id).execute();
    }
  });

  it('lets an administrator add, change and remove rules, with clear errors for bad input', async () => {
    const admin = await t.signIn('admin');
    const page = await admin.get(`/people/${openCrn}/access`);
    assert.equal(page.statusCode, 200);

    const bad = await admin.post(`/people/${openCrn}/access`, { kind: 'exclusion', usernames: 'jo.po nobody.here', message: '', endsOn: '31/02/2027' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the message shown/);
    assert.match(bad.body, /real date/);
    assert.match(bad.body, /jo\.po nobody\.here/, 'what was typed is kept');

    const unknown = await admin.post(`/people/${openCrn}/access`, { kind: 'exclusion', usernames: 'jo.po nobody.here', message: 'No' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /There is no user called nobody.here/);

    const saved = await admin.post(`/people/${openCrn}/access`, { kind: 'exclusion', usernames: 'jo.po', message: 'Not you', endsOn: '' });
    assert.equal(saved.statusCode, 303);
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/people/${openCrn}`)).statusCode, 403);

    assert.equal((await admin.post(`/people/${openCrn}/access`, { action: 'remove', kind: 'exclusion' })).statusCode, 303);
    assert.equal((await jo.get(`/people/${openCrn}`)).statusCode, 200);
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['access.update', 'access.remove']).execute();
    assert.equal(actions.length, 2);
  });

  it('refuses the access list page to anyone without the permission', async () => {
    assert.equal((await (await t.signIn('sam.spo')).get(`/people/${openCrn}/access`)).statusCode, 403);
  });
});

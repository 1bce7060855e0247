import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

describe('risk flags (registrations)', () => {
  let t: TestApp;
  let crn: string;
  let personId: number;
  before(async () => {
    t = await createTestApp({ people: 30 });
    const person = await t.database.db.selectFrom('people').select(['id', 'crn']).orderBy('id').offset(12).limit(1).executeTakeFirstOrThrow();
    crn = person.crn;
    personId = person.id;
  });
  after(() => t.close());

  it('adds a flag that shows on every case page, with clear errors for bad input', async () => {
    const jo = await t.signIn('jo.po');
    const bad = await jo.post(`/people/${crn}/flags`, { typeCode: 'mappa', notes: '', registeredOn: '2099-01-01' });
    assert.equal(bad.statusCode, 400);
    for (const message of ['Select the MAPPA level', 'Enter notes', 'cannot be in the future']) assert.match(bad.body, new RegExp(message));

    const added = await jo.post(`/people/${crn}/flags`, { typeCode: 'mappa', level: 'Level 2', notes: 'Category 1, level 2 agreed at MAPPA meeting' });
    assert.equal(added.statusCode, 303);
    const overview = await jo.get(`/people/${crn}`);
    assert.match(overview.body, /Risk flags/);
    assert.match(overview.body, /govuk-tag--red">MAPPA: Level 2/);
    const flags = await jo.get(`/people/${crn}/flags`);
    assert.match(flags.body, /Category 1, level 2 agreed/);
    const row = await t.database.db.selectFrom('registrations').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    assert.equal(row.next_review_on, (await sql<{ d: string }>`select (current_date + interval '6 months')::date::text as d`.execute(t.database.db)).rows[0]!.d);
  });

  it('marks an overdue review, records a review and removes a flag with a reason, all audited', async () => {
    const jo = await t.signIn('jo.po');
    const db = t.database.db;
    const flag = await db.selectFrom('registrations').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow();
    await db.updateTable('registrations').set({ next_review_on: sql<string>`current_date - 3` }).where('id', '=', flag.id).execute();
    assert.match((await jo.get(`/people/${crn}`)).body, /Review overdue/);

    const noNotes = await jo.post(`/people/${crn}/flags/${flag.id}/review`, { notes: '' });
    assert.equal(noNotes.statusCode, 400);
    assert.match(noNotes.body, /Enter what the review considered/);
    assert.equal((await jo.post(`/people/${crn}/flags/${flag.id}/review`, { notes: 'Still managed at level 2' })).statusCode, 303);
    assert.doesNotMatch((await jo.get(`/people/${crn}`)).body, /Review overdue/);

    assert.equal((await jo.post(`/people/${crn}/flags/${flag.id}/remove`, { reason: '' })).statusCode, 400);
    assert.equal((await jo.post(`/people/${crn}/flags/${flag.id}/remove`, { reason: 'MAPPA management ended' })).statusCode, 303);
    const page = await jo.get(`/people/${crn}/flags`);
    assert.match(page.body, /Removed flags/);
    assert.match(page.body, /MAPPA management ended/);
    assert.equal((await jo.post(`/people/${crn}/flags/${flag.id}/remove`, { reason: 'again' })).statusCode, 404, 'an ended flag cannot be removed twice');
    const api = await t.api('GET', `/api/v1/people/${crn}/registrations`, await t.tokenFor('jo.po'));
    assert.equal(api.statusCode, 200);
    assert.deepEqual(api.json().registrations.map((r: { type: string; active: boolean; deregistrationReason: string }) => [r.type, r.active, r.deregistrationReason]), [['mappa', false, 'MAPPA management ended']]);
    const actions = await db.selectFrom('audit_log').select('action').where('person_id', '=', personId).where('action', 'like', 'registration.%').orderBy('id').execute();
    assert.deepEqual(actions.map((a) => a.action), ['registration.create', 'registration.review', 'registration.remove']);
  });

  it('follows the access list and the permissions', async () => {
    const restricted = await t.database.db.selectFrom('people').select('crn').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/people/${restricted.crn}/flags`)).statusCode, 403);
    assert.equal((await jo.post(`/people/${restricted.crn}/flags`, { typeCode: 'weapons', notes: 'x' })).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${restricted.crn}/registrations`, await t.tokenFor('jo.po'))).statusCode, 403);
    const court = await t.signIn('chris.court');
    assert.equal((await court.get(`/people/${crn}/flags`)).statusCode, 200);
    assert.equal((await court.post(`/people/${crn}/flags`, { typeCode: 'weapons', notes: 'x' })).statusCode, 403, 'court officers read flags but do not manage them');
  });
});

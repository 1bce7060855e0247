import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

/** The tier follows its inputs: a change on the case recalculates it, keeps it, and tells the right people. */
describe('risk and tier on a case', () => {
  let t: TestApp;
  let kimCase: { id: number; crn: string };
  before(async () => {
    t = await createTestApp({ people: 200 });
    const db = t.database.db;
    kimCase = await db.selectFrom('people as p').innerJoin('case_allocations as a', 'a.person_id', 'p.id').innerJoin('users as u', 'u.id', 'a.practitioner_id')
      .select(['p.id', 'p.crn']).where('u.username', '=', 'kim.pso').where('a.ended_at', 'is', null).orderBy('p.id').limit(1).executeTakeFirstOrThrow();
  });
  after(() => t.close());

  it('shows the risk page with the tier, predictors and what they still need', async () => {
    const kim = await t.signIn('kim.pso');
    const page = await kim.get(`/people/${kimCase.crn}/risk`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Risk and tier/);
    assert.match(page.body, /OGRS3/);
    assert.match(page.body, /OVP/);
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', kimCase.id).where('action', '=', 'case.risk.read').execute();
    assert.equal(audited.length, 1);
  });

  it('a MAPPA level 2 flag moves the tier to protect A, notifies the holder and manager, and asks for re-allocation of a PSO-held case', async () => {
    const kim = await t.signIn('kim.pso');
    assert.equal((await kim.post('/notifications/read', {})).statusCode, 303, 'start from an empty inbox (the demo leaves notices)');
    const db = t.database.db;
    const before = await db.selectFrom('tier_calculations').select('tier').where('person_id', '=', kimCase.id).orderBy('id', 'desc').executeTakeFirst();
    assert.equal((await kim.post(`/people/${kimCase.crn}/flags`, { typeCode: 'mappa', level: 'Level 2', notes: 'Level 2 agreed at MAPPA meeting' })).statusCode, 303);
    const latest = await db.selectFrom('tier_calculations').selectAll().where('person_id', '=', kimCase.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(latest.protect_level, 'A');
    assert.equal(latest.reason, 'Risk flag added');
    assert.equal(latest.previous_tier, before?.tier ?? null);
    assert.match(JSON.stringify(latest.result), /MAPPA level 2: 150 points/);

    const page = await kim.get(`/people/${kimCase.crn}/risk`);
    assert.match(page.body, new RegExp(`Tier <strong class="govuk-tag govuk-tag--blue app-tier-tag">${latest.tier}</strong>`));
    assert.match(page.body, /MAPPA level 2: 150 points/);
    assert.match(page.body, /Risk flag &quot;MAPPA: Level 2&quot; registered/);
    assert.match((await kim.get(`/people/${kimCase.crn}`)).body, new RegExp(`Tier <strong class="govuk-tag govuk-tag--blue">${latest.tier}</strong>`), 'the tier is on every case page');

    const notified = await db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['u.username', 'n.message'])
      .where('n.person_id', '=', kimCase.id).orderBy('u.username').execute();
    assert.deepEqual(notified.map((n) => n.username), ['kim.pso', 'sam.spo']);
    assert.match(notified[0]!.message, new RegExp(`to ${latest.tier} for ${kimCase.crn}: Risk flag added`));
    const list = await kim.get('/notifications');
    assert.match(list.body, /Notifications \(1\)/);
    assert.equal((await kim.post('/notifications/read', {})).statusCode, 303);
    assert.doesNotMatch((await kim.get('/notifications')).body, /Notifications \(1\)/);

    // Adding the same kind of information again changes nothing: no new calculation, no new notice.
    const count = async () => Number((await db.selectFrom('tier_calculations').select((eb) => eb.fn.countAll<string>().as('n')).where('person_id', '=', kimCase.id).executeTakeFirstOrThrow()).n);
    const calculations = await count();
    const flag = await db.selectFrom('registrations').select('id').where('person_id', '=', kimCase.id).where('type_code', '=', 'mappa').executeTakeFirstOrThrow();
    assert.equal((await kim.post(`/people/${kimCase.crn}/flags/${flag.id}/review`, { notes: 'Still level 2' })).statusCode, 303);
    assert.equal(await count(), calculations, 'a review that changes no input keeps the tier as it was');

    const sam = await t.signIn('sam.spo');
    const queue = await sam.get('/reallocations');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(kimCase.crn));
    assert.match(queue.body, /held by Kim Robinson \(PSO\)/);
    const review = await db.selectFrom('reallocation_reviews').select('id').where('person_id', '=', kimCase.id).executeTakeFirstOrThrow();
    const bad = await sam.post(`/reallocations/${review.id}`, { decision: 'kept', note: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Give the reason the case stays/);
    assert.equal((await sam.post(`/reallocations/${review.id}`, { decision: 'kept', note: 'Kim is supervised closely; moving at the next allocation meeting' })).statusCode, 303);
    assert.doesNotMatch((await sam.get('/reallocations')).body, new RegExp(kimCase.crn));
    assert.equal((await sam.post(`/reallocations/${review.id}`, { decision: 'kept', note: 'again' })).statusCode, 404);
    assert.equal((await kim.get('/reallocations')).statusCode, 403, 'only managers review re-allocation');

    const api = await t.api('GET', `/api/v1/people/${kimCase.crn}/tier`, await t.tokenFor('kim.pso'));
    assert.equal(api.statusCode, 200);
    const body = api.json();
    assert.equal(body.current.tier, latest.tier);
    assert.equal(body.current.protect.level, 'A');
    assert.equal(body.current.inputs.mappaLevel, 2);
    assert.match(body.current.sources.mappaLevel, /MAPPA/);
    assert.equal(body.history[0].reason, 'Risk flag added');
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(spec.paths['/api/v1/people/{crn}/tier'], 'the tier endpoint is in the OpenAPI document');
  });

  it('records the criminal history with clear errors, keeping what was typed', async () => {
    const kim = await t.signIn('kim.pso');
    const form = await kim.get(`/people/${kimCase.crn}/risk/history`);
    assert.equal(form.statusCode, 200);
    const bad = await kim.post(`/people/${kimCase.crn}/risk/history`, { previousSanctions: '4', previousConvictions: '9', violentSanctions: '', 'firstSanctionDate-day': '31', 'firstSanctionDate-month': '2', 'firstSanctionDate-year': '2015' });
    assert.equal(bad.statusCode, 400);
    for (const message of ['cannot be more than previous sanctions', 'Enter the number of sanctions for violent offences', 'must be a real date']) assert.match(bad.body, new RegExp(message));
    assert.match(bad.body, /name="previousConvictions" type="text" value="9"/);
    const ok = await kim.post(`/people/${kimCase.crn}/risk/history`, { previousSanctions: '4', previousConvictions: '3', violentSanctions: '1', 'firstSanctionDate-day': '2', 'firstSanctionDate-month': '3', 'firstSanctionDate-year': '2015' });
    assert.equal(ok.statusCode, 303);
    const saved = await t.database.db.selectFrom('criminal_histories').selectAll().where('person_id', '=', kimCase.id).executeTakeFirstOrThrow();
    assert.deepEqual([saved.previous_sanctions, saved.previous_convictions, saved.violent_sanctions, saved.first_sanction_date], [4, 3, 1, '2015-03-02']);
    const page = await kim.get(`/people/${kimCase.crn}/risk`);
    assert.match(page.body, /Recorded\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*\d+ \w+ \d{4} by Kim Robinson/);
  });

  it('tells no one the access list refuses, and the queue shows a refused case only by its CRN', async () => {
    const db = t.database.db;
    // A case of a PSO in Sam's team (Newcastle Central) whose tier is not already protect A, so MAPPA level 3
    // changes it and asks for re-allocation.
    const other = await db.selectFrom('people as p').innerJoin('case_allocations as a', 'a.person_id', 'p.id').innerJoin('users as u', 'u.id', 'a.practitioner_id')
      .innerJoin('teams as tm', 'tm.id', 'a.team_id')
      .select(['p.id', 'p.crn', 'u.username']).where('tm.code', '=', 'NE-NCL-C').where('u.grade', '=', 'PSO').where('p.id', '!=', kimCase.id).where('a.ended_at', 'is', null)
      .where('p.id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where((eb) => eb(eb.selectFrom('tier_calculations as tc').select('tc.protect_level').whereRef('tc.person_id', '=', 'p.id').orderBy('tc.id', 'desc').limit(1), 'is distinct from', 'A'))
      .orderBy('p.id').limit(1).executeTakeFirstOrThrow();
    const sam = await db.selectFrom('users').select('id').where('username', '=', 'sam.spo').executeTakeFirstOrThrow();
    await db.insertInto('case_access_rules').values({ person_id: other.id, kind: 'exclusion', message: 'Sam knows this person.', ends_on: null, created_by: null }).execute();
    await db.insertInto('case_access_users').values({ person_id: other.id, kind: 'exclusion', user_id: sam.id }).execute();
    const holder = await t.signIn(other.username);
    const since = Number((await db.selectFrom('notifications').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
    assert.equal((await holder.post(`/people/${other.crn}/flags`, { typeCode: 'mappa', level: 'Level 3', notes: 'Level 3 agreed' })).statusCode, 303);
    const notified = await db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('u.username').where('n.person_id', '=', other.id).where('n.id', '>', since).execute();
    assert.deepEqual(notified.map((n) => n.username), [other.username], 'the excluded manager is not told');
    const queue = (await (await t.signIn('sam.spo')).get('/reallocations')).body;
    assert.match(queue, new RegExp(`Restricted case \\(${other.crn}\\)`));
    assert.doesNotMatch(queue, /Level 3 agreed/);
  });

  it('holds the access rules: refused cases, read-only roles and the API', async () => {
    const db = t.database.db;
    const [restricted] = await db.selectFrom('people').select('crn').orderBy('id').limit(1).execute();
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/people/${restricted!.crn}/risk`)).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${restricted!.crn}/tier`, await t.tokenFor('jo.po'))).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${kimCase.crn}/tier`, null)).statusCode, 401);
    assert.equal((await t.api('GET', '/api/v1/people/X1/tier', await t.tokenFor('jo.po'))).statusCode, 404);
    const court = await t.signIn('chris.court');
    assert.equal((await court.get(`/people/${kimCase.crn}/risk`)).statusCode, 200);
    assert.equal((await court.post(`/people/${kimCase.crn}/risk/history`, { previousSanctions: '1' })).statusCode, 403, 'court officers read risk but do not assess');
  });
});

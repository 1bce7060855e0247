import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

// A partner reports through the API and sees only the decision; probation decides on the page.
describe('alleged breaches from providers and partners', () => {
  let t: TestApp;
  let partner: string;
  let police: string;
  let person: { id: number; crn: string; date_of_birth: string; last_name: string };
  const report = (over: Record<string, unknown> = {}) => ({
    crn: person.crn, dateOfBirth: person.date_of_birth, reference: 'T-100', failureDate: daysAgo(2), kind: 'missed_appointment',
    activity: 'unpaid_work', activityDetail: 'Saturday placement', description: 'Did not attend and did not call.', contactName: 'Dana Whitfield', ...over,
  });

  before(async () => {
    t = await createTestApp({ people: 120 });
    partner = await t.tokenFor('tyneside.crs');
    police = await t.tokenFor('ne.iom');
    const jo = await t.database.db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    person = await t.database.db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['p.id', 'p.crn', 'p.date_of_birth', 'p.last_name']).where('a.practitioner_id', '=', jo.id).where('a.ended_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('case_access_rules as x').select('x.id').whereRef('x.person_id', '=', 'p.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('alleged_breaches as b').select('b.id').whereRef('b.person_id', '=', 'p.id'))))
      .orderBy('p.id').executeTakeFirstOrThrow();
  });
  after(async () => { await t.close(); });

  let id: number;

  it('takes a report (201), a repeat with the same reference (200, same id), and refuses different details under that reference (409)', async () => {
    const created = await t.api('POST', '/api/v1/alleged-breaches', partner, report());
    assert.equal(created.statusCode, 201, created.body);
    id = created.json().id;
    assert.deepEqual(created.json(), { id, status: 'reported' });
    const again = await t.api('POST', '/api/v1/alleged-breaches', partner, report());
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), { id, status: 'reported' });
    const clash = await t.api('POST', '/api/v1/alleged-breaches', partner, report({ description: 'Something else' }));
    assert.equal(clash.statusCode, 409);
    assert.match(clash.json().message, new RegExp(`alleged breach ${id}`));
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', person.id).where('action', 'like', 'api.alleged-breach.%').execute();
    assert.deepEqual(audited.map((a) => a.action).sort(), ['api.alleged-breach.report', 'api.alleged-breach.report-repeated']);
  });

  it('gives a 400 with a message for every bad field', async () => {
    const bad = await t.api('POST', '/api/v1/alleged-breaches', partner, { crn: 'X1', failureDate: 'yesterday', kind: 'late', activity: 7, description: '' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().fields).sort(), ['activity', 'contactName', 'crn', 'dateOfBirth', 'description', 'failureDate', 'kind', 'reference']);
    assert.equal((await t.api('POST', '/api/v1/alleged-breaches', partner, [1, 2])).statusCode, 400);
  });

  it('answers an unknown CRN and a wrong date of birth or surname alike, revealing nothing', async () => {
    const unknown = await t.api('POST', '/api/v1/alleged-breaches', partner, report({ crn: 'Z999999', reference: 'T-101' }));
    const wrongDob = await t.api('POST', '/api/v1/alleged-breaches', partner, report({ dateOfBirth: '1901-01-01', reference: 'T-102' }));
    const wrongName = await t.api('POST', '/api/v1/alleged-breaches', partner, report({ dateOfBirth: undefined, surname: 'Nobody-Such', reference: 'T-103' }));
    for (const response of [unknown, wrongDob, wrongName]) assert.equal(response.statusCode, 404);
    assert.equal(unknown.body, wrongDob.body);
    assert.equal(unknown.body, wrongName.body);
    assert.doesNotMatch(wrongDob.body, new RegExp(`${person.last_name}|${person.date_of_birth}`));
    const bySurname = await t.api('POST', '/api/v1/alleged-breaches', partner, report({ dateOfBirth: undefined, surname: person.last_name.toUpperCase(), reference: 'T-104', failureDate: daysAgo(3) }));
    assert.equal(bySurname.statusCode, 201);
  });

  it('keeps partners out of cases and out of other agencies\' reports', async () => {
    assert.equal((await t.api('GET', `/api/v1/people/${person.crn}`, partner)).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/alleged-breaches/${id}`, police)).statusCode, 404);
    assert.equal((await t.api('GET', '/api/v1/alleged-breaches?status=reported', police)).json().reports.some((r: { id: number }) => r.id === id), false);
    assert.equal((await t.api('GET', `/api/v1/alleged-breaches/${id}`, null)).statusCode, 401);
    // A practitioner's token cannot report.
    assert.equal((await t.api('POST', '/api/v1/alleged-breaches', await t.tokenFor('jo.po'), report({ reference: 'T-105' }))).statusCode, 403);
  });

  it('lands in the practitioner\'s queue with a notification, and the partner\'s page is closed to the partner', async () => {
    const notice = await t.database.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['u.username', 'n.link'])
      .where('n.kind', '=', 'alleged-breach').where('n.link', '=', `/alleged-breaches/${id}`).execute();
    assert.deepEqual(notice.map((n) => n.username), ['jo.po']);
    const jo = await t.signIn('jo.po');
    const queue = await jo.get('/alleged-breaches');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(`href="/alleged-breaches/${id}"`));
    const page = await jo.get(`/alleged-breaches/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Did not attend and did not call/);
    assert.match(page.body, /Recent contacts/);
    // Another team's manager does not see it in their queue.
    const priya = await t.signIn('priya.spo');
    assert.doesNotMatch((await priya.get('/alleged-breaches')).body, new RegExp(`/alleged-breaches/${id}"`));
  });

  it('tells the team\'s managers when no one holds the case', async () => {
    // A Newcastle Central case waiting for a practitioner.
    const unallocated = await t.database.db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').innerJoin('teams as tm', 'tm.id', 'a.team_id')
      .select(['a.id', 'p.crn', 'p.date_of_birth']).where('a.ended_at', 'is', null).where('tm.code', '=', 'NE-NCL-C').where('p.id', '<>', person.id)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('case_access_rules as x').select('x.id').whereRef('x.person_id', '=', 'p.id'))))
      .orderBy('p.id', 'desc').executeTakeFirstOrThrow();
    await t.database.db.updateTable('case_allocations').set({ practitioner_id: null }).where('id', '=', unallocated.id).execute();
    const created = await t.api('POST', '/api/v1/alleged-breaches', police, report({ crn: unallocated.crn, dateOfBirth: unallocated.date_of_birth, reference: 'IOM-1', activity: 'other_agency', kind: 'behaviour' }));
    assert.equal(created.statusCode, 201);
    const told = await t.database.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('u.username')
      .where('n.link', '=', `/alleged-breaches/${created.json().id}`).execute();
    assert.ok(told.length > 0);
    assert.ok(told.some((u) => u.username === 'sam.spo'));
    assert.ok(told.every((u) => u.username.endsWith('.spo')), JSON.stringify(told));
    const sam = await t.signIn('sam.spo');
    assert.match((await sam.get('/alleged-breaches')).body, new RegExp(`/alleged-breaches/${created.json().id}"`));
  });

  it('accepting records the failure as a contact; the partner then sees the decision and their note, nothing of the case', async () => {
    const jo = await t.signIn('jo.po');
    const missing = await jo.post(`/alleged-breaches/${id}`, { decision: '', reason: '', partnerNote: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select whether you accept this as a failure to comply/);
    const accepted = await jo.post(`/alleged-breaches/${id}`, { decision: 'accept', reason: 'Checked with the supervisor by phone', partnerNote: 'Accepted: we will act on it.' });
    assert.equal(accepted.statusCode, 303, accepted.body);
    const row = await t.database.db.selectFrom('alleged_breaches').select(['status', 'contact_id']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'accepted');
    const contact = await t.database.db.selectFrom('current_contacts').select(['person_id', 'type_code', 'outcome', 'counts_for_compliance']).where('contact_id', '=', row.contact_id!).executeTakeFirstOrThrow();
    assert.deepEqual(contact, { person_id: person.id, type_code: 'unpaid_work', outcome: 'unacceptable_absence', counts_for_compliance: true });
    const seen = await t.api('GET', `/api/v1/alleged-breaches/${id}`, partner);
    assert.equal(seen.statusCode, 200);
    const body = seen.json();
    assert.deepEqual(Object.keys(body).sort(), ['decision', 'id', 'reference', 'reportedAt', 'status']);
    assert.deepEqual(Object.keys(body.decision).sort(), ['decidedOn', 'note', 'outcome']);
    assert.equal(body.status, 'accepted');
    assert.equal(body.decision.note, 'Accepted: we will act on it.');
    assert.doesNotMatch(seen.body, new RegExp(`${person.crn}|${person.last_name}|Checked with the supervisor`));
    const list = await t.api('GET', '/api/v1/alleged-breaches?status=accepted', partner);
    assert.deepEqual(list.json().reports.map((r: { id: number }) => r.id), [id]);
    assert.equal((await t.api('GET', '/api/v1/alleged-breaches?status=nonsense', partner)).statusCode, 400);
    // Decided once only.
    assert.equal((await jo.post(`/alleged-breaches/${id}`, { decision: 'reject', reason: 'Changed my mind' })).statusCode, 409);
  });

  it('not accepting needs a reason, and records no contact', async () => {
    const other = (await t.api('GET', '/api/v1/alleged-breaches?status=reported', partner)).json().reports.find((r: { reference: string }) => r.reference === 'T-104');
    const jo = await t.signIn('jo.po');
    const noReason = await jo.post(`/alleged-breaches/${other.id}`, { decision: 'reject', reason: '', partnerNote: 'Not accepted' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason you do not accept it/);
    assert.match(noReason.body, /value="Not accepted"|>Not accepted</);
    const rejected = await jo.post(`/alleged-breaches/${other.id}`, { decision: 'reject', reason: 'Fit note seen', partnerNote: 'The absence was explained.' });
    assert.equal(rejected.statusCode, 303);
    const row = await t.database.db.selectFrom('alleged_breaches').select(['status', 'contact_id', 'decision_reason']).where('id', '=', other.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'not_accepted', contact_id: null, decision_reason: 'Fit note seen' });
    const seen = (await t.api('GET', `/api/v1/alleged-breaches/${other.id}`, partner)).json();
    assert.deepEqual(seen.decision.outcome, 'not_accepted');
    assert.equal(seen.decision.note, 'The absence was explained.');
  });

  it('refuses a practitioner the access list shuts out, and answers nonsense ids with 404', async () => {
    const excluded = await t.database.db.selectFrom('case_access_users as u').innerJoin('users', 'users.id', 'u.user_id').innerJoin('people as p', 'p.id', 'u.person_id')
      .select(['p.crn', 'p.date_of_birth']).where('users.username', '=', 'jo.po').where('u.kind', '=', 'exclusion').orderBy('p.id').executeTakeFirstOrThrow();
    const created = await t.api('POST', '/api/v1/alleged-breaches', partner, report({ crn: excluded.crn, dateOfBirth: excluded.date_of_birth, reference: 'T-200' }));
    assert.equal(created.statusCode, 201);
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/alleged-breaches/${created.json().id}`)).statusCode, 403);
    assert.equal((await jo.post(`/alleged-breaches/${created.json().id}`, { decision: 'accept' })).statusCode, 403);
    assert.equal((await jo.get('/alleged-breaches/abc')).statusCode, 404);
    assert.equal((await jo.get('/alleged-breaches/99999999')).statusCode, 404);
    assert.equal((await t.api('GET', '/api/v1/alleged-breaches/abc', partner)).statusCode, 400);
  });

  it('answers nonsense with a 4xx, never a 500', async () => {
    const odd = [{}, { crn: { $ne: 1 } }, { crn: ['A1'], dateOfBirth: 12, reference: 'x'.repeat(500), description: 'x'.repeat(100_000) }, { ...report(), kind: null }, { ...report(), failureDate: '9999-99-99' }];
    for (const body of odd) {
      const response = await t.api('POST', '/api/v1/alleged-breaches', partner, body);
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${response.statusCode} for ${JSON.stringify(body).slice(0, 80)}`);
    }
    const jo = await t.signIn('jo.po');
    for (const form of [{}, { decision: 'maybe' }, { decision: 'reject', reason: 'x'.repeat(5000) }, { decision: 'accept', partnerNote: 'x'.repeat(5000) }] as Record<string, string>[]) {
      const response = await jo.post(`/alleged-breaches/${id}`, form);
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${response.statusCode} for ${JSON.stringify(form).slice(0, 80)}`);
    }
    assert.equal((await jo.post('/alleged-breaches/-1', { decision: 'accept' })).statusCode, 404);
  });

  it('is in the OpenAPI document with its tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/api/v1/alleged-breaches'].post.tags.includes('alleged-breaches'));
    assert.ok(doc.paths['/api/v1/alleged-breaches/{id}'].get.responses['200']);
  });
});

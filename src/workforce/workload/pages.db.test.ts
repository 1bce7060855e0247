import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { capacityOf } from './service.ts';

describe('workload pages and API', () => {
  let t: TestApp;
  const today = new Date().toISOString().slice(0, 10);
  const idOf = async (username: string) => (await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  before(async () => { t = await createTestApp({ people: 60 }); });
  after(async () => { await t.close(); });

  it('shows a team with the chart and table, a PDU with its teams, and refuses an unknown team', async () => {
    const sam = await t.signIn('sam.spo');
    const team = await sam.get('/workload');
    assert.equal(team.statusCode, 200);
    assert.match(team.body, /Workload in Newcastle Central/);
    assert.match(team.body, /<svg[^>]+role="img"/);
    assert.match(team.body, /<title id="chart-title">/);
    assert.match(team.body, /id="practitioners"[\s\S]*Jo Armstrong/);
    const pdu = await sam.get('/workload?pdu=NE-NCL');
    assert.equal(pdu.statusCode, 200);
    assert.match(pdu.body, /id="teams"[\s\S]*Newcastle Central[\s\S]*Newcastle West/);
    assert.equal((await sam.get('/workload?team=NOPE')).statusCode, 400);
    const api = await t.api('GET', '/api/v1/workload/capacity?pdu=NE-NCL', await t.tokenFor('sam.spo'));
    assert.equal(api.statusCode, 200, api.body);
    assert.ok(api.json().practitioners.some((p: { name: string }) => p.name === 'Ruth Bell'));
    assert.equal((await t.api('GET', '/api/v1/workload/capacity?team=NOPE', await t.tokenFor('sam.spo'))).statusCode, 400);
    assert.equal((await t.api('GET', '/api/v1/workload/capacity', null)).statusCode, 401);
  });

  it('lets a practitioner see only their own figures, and not edit weights', async () => {
    const jo = await t.signIn('jo.po');
    const own = await jo.get('/workload');
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Your workload/);
    assert.doesNotMatch(own.body, /Lee Charlton/);
    assert.equal((await jo.get(`/workload/practitioners/${await idOf('lee.po')}`)).statusCode, 403);
    assert.equal((await jo.get(`/workload/practitioners/${await idOf('jo.po')}`)).statusCode, 200);
    assert.equal((await jo.get('/workload/weights')).statusCode, 200);
    assert.equal((await jo.post('/workload/weights/tasks', { 'task-parole_report': '1', reason: 'x' })).statusCode, 403);
    const token = await t.tokenFor('jo.po');
    assert.equal((await t.api('PUT', '/api/v1/workload/weights', token, { reason: 'x', tasks: [{ task: 'parole_report', points: 1 }] })).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/workload/practitioners/${await idOf('lee.po')}`, token)).statusCode, 403);
    assert.equal((await t.signIn('chris.court').then((c) => c.get('/workload'))).statusCode, 403);
  });

  it('explains a practitioner\'s capacity, showing only the CRN of a case the access list refuses, and audits the view', async () => {
    const db = t.database.db;
    const jo = await idOf('jo.po');
    const held = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').select(['p.id', 'p.crn', 'p.last_name'])
      .where('a.practitioner_id', '=', jo).where('a.ended_at', 'is', null).orderBy('p.id').limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('case_access_rules').where('person_id', '=', held.id).execute();
    await db.insertInto('case_access_rules').values({ person_id: held.id, kind: 'restriction', message: 'Restricted for a test' }).execute();
    await db.insertInto('case_access_users').values({ person_id: held.id, kind: 'restriction', user_id: jo }).execute();
    const sam = await t.signIn('sam.spo');
    const page = await sam.get(`/workload/practitioners/${jo}`);
    assert.equal(page.statusCode, 200);
    const row = page.body.match(new RegExp(`<tr class="govuk-table__row" data-crn="${held.crn}">[\\s\\S]*?</tr>`))?.[0] ?? '';
    assert.match(row, /Restricted/);
    assert.doesNotMatch(row, new RegExp(held.last_name));
    assert.match(page.body, /id='points-formula'>floor\(2,176 × /);
    const audited = await db.selectFrom('audit_log').select('action').where('action', '=', 'workload.read').execute();
    assert.ok(audited.length > 0);
    const api = await t.api('GET', `/api/v1/workload/practitioners/${jo}`, await t.tokenFor('sam.spo'));
    assert.equal(api.statusCode, 200, api.body);
    const item = api.json().items.find((i: { crn: string }) => i.crn === held.crn);
    assert.deepEqual([item.restricted, item.label, item.tier], [true, 'Restricted', null]);
  });

  it('adds a work item that counts while open, and closes it', async () => {
    const sam = await t.signIn('sam.spo');
    const lee = await idOf('lee.po');
    const before = (await capacityOf(t.database.db, [lee], today)).get(lee)!;
    const bad = await sam.post(`/workload/practitioners/${lee}/work-items`, { task: '', crn: 'nope', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select the kind of work/);
    assert.match(bad.body, /Enter a CRN like X123456/);
    assert.match(bad.body, /must be a real date/);
    assert.match(bad.body, /value="nope"/);
    const added = await sam.post(`/workload/practitioners/${lee}/work-items`, { task: 'parole_report', description: 'Oral hearing', 'dueOn-day': '1', 'dueOn-month': '3', 'dueOn-year': '2027' });
    assert.equal(added.statusCode, 303, added.body);
    const withItem = (await capacityOf(t.database.db, [lee], today)).get(lee)!;
    assert.equal(withItem.totalPoints, before.totalPoints + 120);
    assert.equal(withItem.workItemCount, before.workItemCount + 1);
    const item = await t.database.db.selectFrom('workload_work_items').select('id').where('user_id', '=', lee).where('closed_on', 'is', null).executeTakeFirstOrThrow();
    assert.equal((await sam.post(`/workload/practitioners/${lee}/work-items/${item.id}/close`, {})).statusCode, 303);
    assert.equal((await capacityOf(t.database.db, [lee], today)).get(lee)!.totalPoints, before.totalPoints);
    assert.equal((await sam.post(`/workload/practitioners/${lee}/work-items/${item.id}/close`, {})).statusCode, 404);
  });

  it('refuses bad weights with messages and kept values, on the forms and the API', async () => {
    const sam = await t.signIn('sam.spo');
    const cases = await sam.post('/workload/weights/cases', { 'case-community-A3': 'abc', reason: '' });
    assert.equal(cases.statusCode, 400);
    assert.match(cases.body, /Community A3 must be a whole number from 0 to 10,000/);
    assert.match(cases.body, /Enter the reason for the change/);
    assert.match(cases.body, /value="abc"/);
    for (const [table, field] of [['tasks', 'task-parole_report'], ['grades', 'grade-PO-hours'], ['settings', 'setting-protected_caseload_percent']] as const) {
      const r = await sam.post(`/workload/weights/${table}`, { [field]: '-5', reason: 'Testing' });
      assert.equal(r.statusCode, 400, table);
      assert.match(r.body, /govuk-error-summary[\s\S]*must be/, table);
    }
    assert.equal((await sam.post('/workload/weights/nope', {})).statusCode, 404);
    const token = await t.tokenFor('sam.spo');
    const api = await t.api('PUT', '/api/v1/workload/weights', token, { reason: 'x', settings: [{ key: 'protected_caseload_percent', value: 150 }], tasks: [{ task: 'nope', points: 1 }] });
    assert.equal(api.statusCode, 400);
    assert.match(api.body, /from 0 to 100/);
    assert.match(api.body, /no task weights row/);
    assert.equal((await t.api('PUT', '/api/v1/workload/weights', token, { reason: 'x' })).statusCode, 400);
    assert.equal((await t.api('PUT', '/api/v1/workload/weights', token, { tasks: [] })).statusCode, 400);
  });

  it('changes a practitioner\'s capacity and the calculate API when a weight changes, and keeps the history', async () => {
    const sam = await t.signIn('sam.spo');
    const jo = await idOf('jo.po');
    const before = (await capacityOf(t.database.db, [jo], today)).get(jo)!;
    const token = await t.tokenFor('sam.spo');
    const calc = () => t.api('POST', '/api/v1/workload/calculate', token, { grade: 'PO', contractedHours: 37, paroleReports: 1 }).then((r) => r.json());
    assert.deepEqual(await calc(), { totalPoints: 120, availablePoints: 2176, capacityPercent: 5.5 });
    const form = await sam.get('/workload/weights');
    const values = Object.fromEntries([...form.body.matchAll(/id="(grade-[^"]+)" name="[^"]+" type="text" inputmode="\w+" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    assert.equal(values['grade-PO-points'], '2176');
    const saved = await sam.post('/workload/weights/grades', { ...values, 'grade-PO-points': '2000', reason: 'Regional agreement 2027' });
    assert.equal(saved.statusCode, 303, saved.body);
    const after = (await capacityOf(t.database.db, [jo], today)).get(jo)!;
    assert.ok(after.availablePoints < before.availablePoints);
    assert.equal(after.explanation.pointsFormula.startsWith('floor(2,000 × '), true);
    assert.deepEqual(await calc(), { totalPoints: 120, availablePoints: 2000, capacityPercent: 6 });
    const page = await sam.get('/workload/weights');
    assert.match(page.body, /id="history"[\s\S]*Grade targets: PO:points[\s\S]*2176[\s\S]*2000[\s\S]*Regional agreement 2027/);
    const put = await t.api('PUT', '/api/v1/workload/weights', token, { reason: 'Back to HMPPS', grades: [{ grade: 'PO', points: 2176 }], tasks: [{ task: 'parole_report', points: 130 }] });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(await calc(), { totalPoints: 130, availablePoints: 2176, capacityPercent: 6 });
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'workload.weights.update').execute();
    assert.equal(audited.length, 2);
  });
});

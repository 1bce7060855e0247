import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

const REGIONS = ['NE', 'NW', 'YH', 'GM', 'EM', 'WM', 'EE', 'LN', 'KSS', 'SW', 'SC', 'WA'];

describe('staff and organisation', () => {
  let t: TestApp;
  const idOf = async (username: string) => (await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  before(async () => { t = await createTestApp({ people: 30 }); });
  after(async () => { await t.close(); });

  it('ships PDUs for all 12 regions, keeping the demo codes', async () => {
    const rows = await t.database.db.selectFrom('pdus as p').innerJoin('regions as r', 'r.id', 'p.region_id')
      .select(['r.code as region', 'p.code', 'p.name']).execute();
    for (const region of REGIONS) assert.ok(rows.some((r) => r.region === region), `no PDU in ${region}`);
    assert.ok(rows.length >= 100, `only ${rows.length} PDUs`);
    assert.deepEqual(rows.filter((r) => r.code === 'NE-NCL' || r.code === 'NE-DUR').map((r) => r.name).sort(), ['County Durham and Darlington', 'Newcastle upon Tyne']);
    assert.ok(rows.every((r) => r.code.startsWith(`${r.region}-`)));
  });

  it('lists the SPO\'s team with hours, specialisms, office, protected caseloads and absences', async () => {
    const sam = await t.signIn('sam.spo');
    const page = await sam.get('/staff');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Staff: Newcastle Central/);
    assert.match(page.body, /Amira Hussain/);
    assert.match(page.body, /22.5/);
    assert.match(page.body, /Pilgrim Street/);
    assert.match(page.body, /On leave until/); // Lee, on leave now
    const west = await sam.get('/staff?show=team:NE-NCL-W');
    assert.match(west.body, /Protected caseload until/); // Ellie, qualified 4 months ago
    assert.match(west.body, /Protected caseload \(newly qualified\)/);
    const pdu = await sam.get('/staff?pdu=NE-DUR');
    assert.match(pdu.body, /Off sick until/); // Ian, long-term sickness
    assert.match(pdu.body, /Trade union duties/);
    assert.equal((await sam.get('/staff?team=NOPE')).statusCode, 404);
  });

  it('refuses another region\'s team, and a practitioner\'s edit, but shows them their own profile', async () => {
    const db = t.database.db;
    const nw = await db.selectFrom('pdus').select('id').where('code', '=', 'NW-CUM').executeTakeFirstOrThrow();
    await db.insertInto('teams').values({ pdu_id: nw.id, code: 'NW-CUM-T1', name: 'Carlisle 1' }).execute();
    const sam = await t.signIn('sam.spo');
    assert.equal((await sam.get('/staff?team=NW-CUM-T1')).statusCode, 403);
    const admin = await t.signIn('admin');
    assert.equal((await admin.get('/staff?team=NW-CUM-T1')).statusCode, 200);

    const jo = await t.signIn('jo.po');
    const joId = await idOf('jo.po');
    const own = await jo.get(`/staff/${joId}`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Jo Armstrong/);
    assert.doesNotMatch(own.body, /\/edit"/);
    assert.equal((await jo.get(`/staff/${joId}/edit`)).statusCode, 403);
    assert.equal((await jo.post(`/staff/${joId}/absences`, { kind: 'leave', startsOn: '2026-01-01', endsOn: '2026-01-02' })).statusCode, 403);
    assert.equal((await sam.get('/staff/999999')).statusCode, 404);
    assert.equal((await sam.get('/staff/abc')).statusCode, 404);
  });

  it('edits a profile, keeping typed values on errors, and updates the grade', async () => {
    const sam = await t.signIn('sam.spo');
    const kimId = await idOf('kim.pso');
    const form = await sam.get(`/staff/${kimId}/edit`);
    assert.equal(form.statusCode, 200);
    const office = form.body.match(/<option value="(\d+)"[^>]*>Westgate Road/)?.[1];
    assert.ok(office);
    const bad = await sam.post(`/staff/${kimId}/edit`, { grade: 'PSO', contractedHours: '22.25', specialisms: ['women'], baseOffice: office! });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /at most one decimal place/);
    assert.match(bad.body, /value="22.25"/);
    assert.match(bad.body, /value="women" checked/);
    const ok = await sam.post(`/staff/${kimId}/edit`, { grade: 'PQiP', contractedHours: '22.5', specialisms: ['women', 'young_adults'], qualifications: 'pqf_l5', baseOffice: office! });
    assert.equal(ok.statusCode, 303);
    const profile = await sam.get(`/staff/${kimId}`);
    assert.match(profile.body, /22.5/);
    assert.match(profile.body, /Women; Young adults/);
    assert.match(profile.body, /Westgate Road/);
    const user = await t.database.db.selectFrom('users').select('grade').where('id', '=', kimId).executeTakeFirstOrThrow();
    assert.equal(user.grade, 'PQiP');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'staff.profile.update').execute();
    assert.ok(audit.length >= 1);
  });

  it('adds, shows and ends absences and reductions', async () => {
    const sam = await t.signIn('sam.spo');
    const joId = await idOf('jo.po');
    const bad = await sam.post(`/staff/${joId}/absences`, { kind: 'leave', 'startsOn-day': '10', 'startsOn-month': '12', 'startsOn-year': '2099', 'endsOn-day': '1', 'endsOn-month': '12', 'endsOn-year': '2099' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /same as or after the first day/);
    assert.match(bad.body, /value="10"/);
    const added = await sam.post(`/staff/${joId}/absences`, { kind: 'training', 'startsOn-day': '1', 'startsOn-month': '12', 'startsOn-year': '2099', 'endsOn-day': '3', 'endsOn-month': '12', 'endsOn-year': '2099' });
    assert.equal(added.statusCode, 303);
    let profile = await sam.get(`/staff/${joId}`);
    assert.match(profile.body, /1 December 2099 to 3 December 2099/);

    const tooMany = await sam.post(`/staff/${joId}/reductions`, { hours: '40', reasonCode: 'training', 'startsOn-day': '1', 'startsOn-month': '1', 'startsOn-year': '2025' });
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.body, /more than 0 to 37/);
    assert.match(tooMany.body, /value="40"/);
    const reduced = await sam.post(`/staff/${joId}/reductions`, { hours: '3.5', reasonCode: 'other', detail: 'Mentoring two PSOs', 'startsOn-day': '1', 'startsOn-month': '1', 'startsOn-year': '2025' });
    assert.equal(reduced.statusCode, 303);
    profile = await sam.get(`/staff/${joId}`);
    assert.match(profile.body, /Mentoring two PSOs/);
    const reductionId = profile.body.match(/\/reductions\/(\d+)\/end/)?.[1];
    const ended = await sam.post(`/staff/${joId}/reductions/${reductionId}/end`, {});
    assert.equal(ended.statusCode, 303);
    const row = await t.database.db.selectFrom('workload_reductions').select(['ends_on', 'reason', 'reason_code']).where('id', '=', Number(reductionId)).executeTakeFirstOrThrow();
    assert.equal(row.ends_on, new Date().toISOString().slice(0, 10));
    assert.equal(row.reason, 'Other');
    assert.equal((await sam.post(`/staff/${joId}/reductions/${reductionId}/end`, {})).statusCode, 409);
  });

  it('serves the API: shapes, 400s per field, 401, 403 by region', async () => {
    const token = await t.tokenFor('sam.spo');
    const list = await t.api('GET', '/api/v1/staff?team=NE-NCL-W', token);
    assert.equal(list.statusCode, 200, list.body);
    const ellie = list.json().staff.find((s: { username: string }) => s.username === 'ellie.po');
    assert.equal(ellie.grade, 'PO');
    assert.ok(ellie.protectedCaseloadUntil);
    assert.equal(ellie.activeReductions[0].reasonCode, 'protected_caseload');
    assert.equal((await t.api('GET', '/api/v1/staff', token)).statusCode, 400);
    assert.equal((await t.api('GET', '/api/v1/staff?team=NE-NCL-W', null)).statusCode, 401);
    assert.equal((await t.api('GET', '/api/v1/staff?team=NW-CUM-T1', token)).statusCode, 403);

    const leeId = await idOf('lee.po');
    const one = await t.api('GET', `/api/v1/staff/${leeId}`, token);
    assert.equal(one.statusCode, 200);
    assert.match(one.json().absentNow, /^On leave until/);
    assert.ok(one.json().absences.length >= 1);

    const bad = await t.api('POST', `/api/v1/staff/${leeId}/absences`, token, { kind: 'holiday', startsOn: '2026-12-10', endsOn: '2026-12-01' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().fields).sort(), ['endsOn', 'kind']);
    const created = await t.api('POST', `/api/v1/staff/${leeId}/absences`, token, { kind: 'sickness', startsOn: '2099-02-01', endsOn: '2099-02-03' });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().kind, 'sickness');
    const reduction = await t.api('POST', `/api/v1/staff/${leeId}/reductions`, token, { hours: 7.5, reasonCode: 'trade_union', startsOn: '2099-01-01' });
    assert.equal(reduction.statusCode, 201, reduction.body);
    assert.equal(reduction.json().reason, 'Trade union duties');
    const badReduction = await t.api('POST', `/api/v1/staff/${leeId}/reductions`, token, { hours: 0, reasonCode: 'x', startsOn: 'soon' });
    assert.equal(badReduction.statusCode, 400);
    assert.deepEqual(Object.keys(badReduction.json().fields).sort(), ['hours', 'reasonCode', 'startsOn']);

    const practitioner = await t.tokenFor('jo.po');
    assert.equal((await t.api('POST', `/api/v1/staff/${leeId}/absences`, practitioner, { kind: 'leave', startsOn: '2099-01-01', endsOn: '2099-01-02' })).statusCode, 403);
    const regions = await t.api('GET', '/api/v1/organisation/regions', practitioner);
    assert.equal(regions.statusCode, 200);
    assert.equal(regions.json().regions.length, 12);
    const ne = regions.json().regions.find((r: { code: string }) => r.code === 'NE');
    const ncl = ne.pdus.find((p: { code: string }) => p.code === 'NE-NCL');
    assert.ok(ncl.offices.some((o: { name: string }) => o.name === 'Pilgrim Street'));
    assert.ok(ncl.teams.some((team: { name: string; office: string }) => team.name === 'Newcastle Central' && team.office === 'Pilgrim Street'));
    const openapi = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = openapi.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    assert.deepEqual(paths['/api/v1/staff/{id}/reductions']?.post?.tags, ['staff']);
    assert.ok(paths['/api/v1/organisation/regions']?.get);
  });

  it('shows the organisation to any signed-in user', async () => {
    const kim = await t.signIn('chris.court');
    const page = await kim.get('/organisation');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Newcastle upon Tyne/);
    assert.match(page.body, /Cwm Taf Morgannwg/);
    assert.match(page.body, /Team: Newcastle Central \(at Pilgrim Street\)/);
  });
});

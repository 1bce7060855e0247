import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { addDays } from '../../platform/http/dates.ts';
import { forecastsAt, joinQueues, leaveQueuesForSentence, pduForPerson } from './service.ts';

const today = new Date().toISOString().slice(0, 10);
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * Joining and leaving queues through the service moves the next person's forecast; the API and the
 * managers' pages show it. A PDU of its own (no demo capacity or queue) keeps the dates exact.
 */
describe('start-date forecast with the database', () => {
  let t: TestApp;
  let pdu: { id: number; code: string };
  let requirements: { id: number; person_id: number; sentence_id: number }[];
  const db = () => t.database.db;

  before(async () => {
    t = await createTestApp({ people: 60 });
    const region = await db().selectFrom('regions').select('id').where('code', '=', 'NE').executeTakeFirstOrThrow();
    pdu = await db().insertInto('pdus').values({ region_id: region.id, code: 'NE-TST', name: 'Test Valley' }).returning(['id', 'code']).executeTakeFirstOrThrow();
    // One unpaid work induction place a week, on the weekday after today: the first is tomorrow.
    await db().insertInto('delivery_capacity').values({ pdu_id: pdu.id, requirement_type: 'unpaid_work', weekday: isoWeekday(addDays(today, 1)), places: 1, lead_days: 0 }).execute();
    // Requirements of different sentences, none in a queue yet; the first three cases are restricted to Sam and Lee.
    requirements = await db().selectFrom('requirements as r').innerJoin('sentences as s', 's.id', 'r.sentence_id')
      .select(['r.id', 'r.person_id', 'r.sentence_id']).distinctOn('r.sentence_id')
      .where('s.status', '=', 'active').where('r.id', 'not in', db().selectFrom('requirement_queue').select('requirement_id'))
      .orderBy('r.sentence_id').orderBy('r.person_id').limit(6).execute();
    const restricted = await db().selectFrom('case_access_rules').select('person_id').where('kind', '=', 'restriction').orderBy('person_id').limit(1).executeTakeFirstOrThrow();
    const theirs = await db().selectFrom('requirements').select(['id', 'person_id', 'sentence_id']).where('person_id', '=', restricted.person_id).limit(1).executeTakeFirstOrThrow();
    await db().deleteFrom('requirement_queue').where('requirement_id', '=', theirs.id).execute();
    requirements[0] = theirs;
  });
  after(() => t.close());

  const upw = async () => (await forecastsAt(db(), pdu.id, today, ['unpaid_work'])).get('unpaid_work')!;
  const item = (i: number, type = 'unpaid_work', programme: string | null = null) =>
    ({ personId: requirements[i]!.person_id, requirementId: requirements[i]!.id, requirementType: type, programme, pduId: pdu.id, joinedOn: addDays(today, -3 + i) });

  it('joining moves the next person back a week each; leaving brings them forward', async () => {
    const empty = await upw();
    assert.equal(empty.earliestStartOn, addDays(today, 1));
    assert.equal(empty.position, 1);
    assert.equal(empty.waiting, 0);

    await joinQueues(db(), [item(0), item(1), item(2)]);
    const three = await upw();
    // 1 place a week from tomorrow: the three ahead take tomorrow, +7 and +14; a new order gets +21.
    assert.equal(three.waiting, 3);
    assert.equal(three.position, 4);
    assert.equal(three.earliestStartOn, addDays(today, 22));
    assert.equal(three.beyondLimit, true, '22 days is past 10 working days');
    assert.match(three.limitExplanation ?? '', /within 10 working days/);

    await joinQueues(db(), [item(0)]);
    assert.equal((await upw()).waiting, 3, 'joining twice is a no-op');

    await leaveQueuesForSentence(db(), requirements[1]!.sentence_id, 'Order revoked', today);
    const two = await upw();
    assert.equal(two.waiting, 2);
    assert.equal(two.earliestStartOn, addDays(today, 15));
    const left = await db().selectFrom('requirement_queue').select(['left_on', 'left_kind', 'left_reason']).where('requirement_id', '=', requirements[1]!.id).executeTakeFirstOrThrow();
    assert.deepEqual(left, { left_on: today, left_kind: 'order_ended', left_reason: 'Order revoked' });
  });

  it('requirements with no queue do not join; keys not delivered say so; programmes by group', async () => {
    await joinQueues(db(), [item(3, 'curfew')]);
    assert.equal(await db().selectFrom('requirement_queue').select('id').where('requirement_id', '=', requirements[3]!.id).executeTakeFirst(), undefined);
    const all = await forecastsAt(db(), pdu.id, today);
    assert.ok(all.has('accredited_programme:TSP') && all.has('curfew') && !all.has('accredited_programme'));
    assert.equal(all.get('curfew')!.explanation, 'Not delivered in Test Valley');
    assert.equal(all.get('accredited_programme:TSP')!.available, false);

    const capacity = await db().insertInto('delivery_capacity').values({ pdu_id: pdu.id, requirement_type: 'accredited_programme', programme_code: 'TSP', lead_days: 0 }).returning('id').executeTakeFirstOrThrow();
    await db().insertInto('programme_groups').values({ capacity_id: capacity.id, starts_on: addDays(today, 20), places: 2 }).execute();
    await joinQueues(db(), [item(4, 'accredited_programme', 'TSP'), item(5, 'accredited_programme', 'TSP')]);
    const full = (await forecastsAt(db(), pdu.id, today, ['accredited_programme:TSP', 'accredited_programme'])).get('accredited_programme:TSP')!;
    assert.equal(full.status, 'no_group_scheduled', 'the only group is full');
    assert.equal(full.position, 3);
    await db().insertInto('programme_groups').values({ capacity_id: capacity.id, starts_on: addDays(today, 48), places: 6 }).execute();
    const next = await forecastsAt(db(), pdu.id, today, ['accredited_programme:TSP', 'accredited_programme']);
    assert.equal(next.get('accredited_programme:TSP')!.earliestStartOn, addDays(today, 48));
    assert.match(next.get('accredited_programme:TSP')!.explanation, /^3rd in the queue \(2 people waiting\) for the Thinking Skills Programme group starting .*; place 1 of its 6$/);
    assert.equal(next.get('accredited_programme')!.earliestStartOn, addDays(today, 48), 'the soonest programme');
  });

  it('a person\'s PDU is their team\'s', async () => {
    const found = await pduForPerson(db(), requirements[0]!.person_id);
    assert.ok(found && ['NE-NCL', 'NE-DUR'].includes(found.code));
    assert.equal(await pduForPerson(db(), -1), null);
  });

  it('the API returns the forecast, and 400s explain what is wrong', async () => {
    const token = await t.tokenFor('chris.court');
    const ok = await t.api('GET', '/api/v1/forecast?pdu=NE-TST&requirement=unpaid_work', token);
    assert.equal(ok.statusCode, 200, ok.body);
    const body = ok.json();
    assert.equal(body.pdu, 'NE-TST');
    assert.equal(body.earliestStartOn, addDays(today, 15));
    assert.equal(body.position, 3);
    assert.equal(body.waiting, 2);
    assert.equal(body.beyondLimit, true);
    assert.ok(Array.isArray(body.reasons) && body.reasons.length >= 3);
    const programme = await t.api('GET', '/api/v1/forecast?pdu=NE-TST&requirement=accredited_programme:TSP', token);
    assert.equal(programme.json().earliestStartOn, addDays(today, 48));
    for (const [url, message] of [
      ['/api/v1/forecast', /Give pdu and requirement/],
      ['/api/v1/forecast?pdu=NE-TST', /Give requirement/],
      ['/api/v1/forecast?pdu=XX&requirement=unpaid_work', /no PDU with the code "XX"/],
      ['/api/v1/forecast?pdu=NE-TST&requirement=juggling', /"juggling" is not a requirement/],
      ['/api/v1/forecast?pdu=NE-TST&requirement=accredited_programme:NOPE', /is not a requirement/],
    ] as const) {
      const response = await t.api('GET', url, token);
      assert.equal(response.statusCode, 400, url);
      assert.match(response.json().message, message);
    }
    assert.equal((await t.api('GET', '/api/v1/forecast?pdu=NE-TST&requirement=unpaid_work', null)).statusCode, 401);
    const openapi = (await t.api('GET', '/api/v1/openapi.json', null)).json();
    assert.ok(openapi.paths['/api/v1/forecast'], 'in the OpenAPI document');
  });

  it('manager pages need capacity:manage', async () => {
    const jo = await t.signIn('jo.po');
    for (const url of ['/delivery', '/delivery/NE-TST/unpaid_work', '/delivery/NE-TST/unpaid_work/capacity']) assert.equal((await jo.get(url)).statusCode, 403, url);
    assert.equal((await jo.post('/delivery/NE-TST/unpaid_work/capacity', { places: '5' })).statusCode, 403);
    const sam = await t.signIn('sam.spo');
    const page = await sam.get('/delivery');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Delivery capacity in Newcastle upon Tyne'), 'the manager\'s own PDU by default');
    assert.ok(/href="\/delivery"[^>]*>[\s\S]{0,200}Delivery capacity/.test(page.body), 'in the navigation');
    assert.equal((await sam.get('/delivery?pdu=NOPE')).statusCode, 404);
    assert.equal((await sam.get('/delivery/NE-TST/juggling')).statusCode, 404);
  });

  it('a manager changes capacity, marks a start and removes someone, each audited; restricted cases show only the CRN', async () => {
    const mark = await t.signIn('mark.spo');
    const queue = await mark.get('/delivery/NE-TST/unpaid_work');
    assert.equal(queue.statusCode, 200);
    const restricted = await db().selectFrom('people').select('crn').where('id', '=', requirements[0]!.person_id).executeTakeFirstOrThrow();
    assert.match(queue.body, new RegExp(`Restricted case \\(${restricted.crn}\\)`), 'Mark is not on the access list');
    const sam = await t.signIn('sam.spo');
    assert.doesNotMatch((await sam.get('/delivery/NE-TST/unpaid_work')).body, /Restricted case/, 'Sam is');

    const bad = await mark.post('/delivery/NE-TST/unpaid_work/capacity', { weekday: '9', places: 'lots', leadDays: '-1' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    for (const m of ['Select the day of the week', 'must be a whole number from 0 to 10000', 'from 0 to 365']) assert.match(bad.body, new RegExp(m));
    const saved = await mark.post('/delivery/NE-TST/unpaid_work/capacity', { weekday: String(isoWeekday(addDays(today, 1))), places: '2', leadDays: '0', provider: 'Community Payback Test' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    // 2 a week, 2 waiting: both take tomorrow; a new order is in the next week.
    assert.equal((await upw()).earliestStartOn, addDays(today, 8));

    const entries = await db().selectFrom('requirement_queue').select(['id', 'person_id']).where('pdu_id', '=', pdu.id).where('requirement_type', '=', 'unpaid_work').where('left_on', 'is', null).orderBy('joined_on').orderBy('id').execute();
    const first = entries[0]!;
    const entry = await mark.get(`/delivery/NE-TST/unpaid_work/queue/${first.id}`);
    assert.equal(entry.statusCode, 200);
    assert.match(entry.body, /1st of 2 waiting/);
    const future = addDays(today, 3).split('-');
    const early = await mark.post(`/delivery/NE-TST/unpaid_work/queue/${first.id}/start`, { 'startedOn-day': future[2]!, 'startedOn-month': future[1]!, 'startedOn-year': future[0]! });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /must be today or in the past/);
    const [y, m, d] = today.split('-');
    assert.equal((await mark.post(`/delivery/NE-TST/unpaid_work/queue/${first.id}/start`, { 'startedOn-day': d!, 'startedOn-month': m!, 'startedOn-year': y! })).statusCode, 303);
    assert.equal((await upw()).waiting, 1);

    const second = entries[1]!;
    const noReason = await mark.post(`/delivery/NE-TST/unpaid_work/queue/${second.id}/remove`, { kind: 'transferred' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the reason/);
    assert.equal((await mark.post(`/delivery/NE-TST/unpaid_work/queue/${second.id}/remove`, { kind: 'transferred', reason: 'Moved to Gateshead' })).statusCode, 303);
    assert.equal((await upw()).waiting, 0);
    assert.equal((await mark.get(`/delivery/NE-TST/unpaid_work/queue/${second.id}`)).statusCode, 404, 'no longer in the queue');

    const actions = (await db().selectFrom('audit_log').select(['action', 'person_id']).where('action', 'in', ['capacity.update', 'queue.start', 'queue.leave']).execute());
    assert.deepEqual(actions.map((a) => a.action).sort(), ['capacity.update', 'queue.leave', 'queue.start']);
    assert.deepEqual(actions.filter((a) => a.action !== 'capacity.update').map((a) => a.person_id).sort(), [first.person_id, second.person_id].sort());
  });

  it('the demo has capacity for every requirement at both PDUs; Durham shows what it does not deliver', async () => {
    for (const code of ['NE-NCL', 'NE-DUR']) {
      const { id } = await db().selectFrom('pdus').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const rows = await db().selectFrom('delivery_capacity').select('requirement_type').distinct().where('pdu_id', '=', id).execute();
      assert.ok(rows.length >= 11, `${code}: ${rows.length} requirement types`);
    }
    const mark = await t.signIn('mark.spo');
    const page = await mark.get('/delivery');
    assert.match(page.body, /County Durham and Darlington/);
    assert.match(page.body, /Not delivered/, 'attendance centre is not delivered in Durham');
    assert.match(page.body, /No places: capacity is zero|Not available/, 'mental health treatment has no places');
  });
});

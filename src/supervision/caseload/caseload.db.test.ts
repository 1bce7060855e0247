import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type Browser, type TestApp } from '../../../test/support/app.ts';

/** The table row that holds a CRN, as HTML. */
const rowOf = (html: string, crn: string) => html.split('<tr').find((row) => row.includes(`>${crn}<`)) ?? '';
const tableCrns = (html: string) => [...(html.split('id="my-cases"')[1] ?? '').matchAll(/<td class="govuk-table__cell">([A-Z]\d{6})<\/td>/g)].map((m) => m[1]);

describe('caseload: my cases, the case timeline and contact levels', () => {
  let t: TestApp;
  let jo: Browser;
  let sam: Browser;
  let joToken: string;
  let joId: number;
  const ids: Record<'a' | 'b' | 'c' | 'r', { id: number; crn: string; name: string }> = {} as never;

  const contact = (personId: number, type: string, startsAt: Date, extra: Record<string, unknown> = {}) =>
    t.database.db.insertInto('contacts').values({
      person_id: personId, type_code: type, practitioner_id: joId, starts_at: startsAt, duration_minutes: 30, counts_for_compliance: type !== 'case_note',
      direct_engagement: true, change: 'recorded', recorded_by: joId, outcome: null, location: null, requirement_id: null, outcome_evidence: null,
      notes: null, change_reason: null, supersedes_id: null, ...extra,
    }).execute();

  before(async () => {
    t = await createTestApp({ people: 300 });
    jo = await t.signIn('jo.po');
    sam = await t.signIn('sam.spo');
    joToken = await t.tokenFor('jo.po');
    const db = t.database.db;
    joId = (await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow()).id;
    // Four allocated cases with no enforcement of their own, so the statuses below are ours: jo's where the
    // demo data (made relative to today) gives jo enough, otherwise moved to jo from a colleague in the region.
    const joRegion = (await db.selectFrom('users').select('region_id').where('id', '=', joId).executeTakeFirstOrThrow()).region_id!;
    const quiet = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['p.id', 'p.crn', 'p.first_name', 'p.last_name'])
      .where('p.region_id', '=', joRegion).where('a.practitioner_id', 'is not', null).where('a.ended_at', 'is', null)
      .where(sql<boolean>`not exists (select 1 from enforcement_actions e where e.person_id = p.id)`)
      .where(sql<boolean>`not exists (select 1 from enforcement_decisions e where e.person_id = p.id)`)
      .where(sql<boolean>`not exists (select 1 from warning_letters e where e.person_id = p.id)`)
      .where(sql<boolean>`not exists (select 1 from case_access_rules r where r.person_id = p.id)`)
      .where(sql<boolean>`not exists (select 1 from contact_level_overrides o where o.person_id = p.id)`)
      .orderBy(sql`a.practitioner_id = ${joId}`, 'desc').orderBy('p.id').limit(4).execute();
    assert.equal(quiet.length, 4, 'the region needs four quiet cases');
    await db.updateTable('case_allocations').set({ practitioner_id: joId }).where('person_id', 'in', quiet.map((q) => q.id)).where('ended_at', 'is', null).execute();
    (['a', 'b', 'c', 'r'] as const).forEach((key, i) => { ids[key] = { id: Number(quiet[i]!.id), crn: quiet[i]!.crn, name: `${quiet[i]!.first_name} ${quiet[i]!.last_name}` }; });
    // a: an appointment in a few minutes, seen yesterday, a sensitive note; b: an overdue plan action; c: breach action due; r: restricted.
    await contact(ids.a.id, 'home_visit', new Date(Date.now() + 10 * 60_000), { change: 'booked' });
    await contact(ids.a.id, 'office', new Date(Date.now() - 86_400_000), { outcome: 'attended_complied', change: 'outcome' });
    await contact(ids.a.id, 'case_note', new Date(Date.now() - 2 * 86_400_000), { notes: 'Secret disclosure text', sensitive: true });
    for (let i = 0; i < 60; i++) await contact(ids.a.id, 'case_note', new Date(Date.UTC(2001, 0, 1 + i, 10)), { notes: `Old note ${i}` });
    const plan = await db.insertInto('sentence_plans').values({ person_id: ids.b.id, review_due_on: '2030-01-01', created_by: joId } as never).returning('id').executeTakeFirstOrThrow();
    const objective = await db.insertInto('plan_objectives').values({ person_id: ids.b.id, plan_id: plan.id, need_section: 'accommodation', objective: 'Find settled housing', persons_words: 'A place of my own' } as never).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('plan_actions').values({ person_id: ids.b.id, objective_id: objective.id, action: 'Apply to the council', owner: 'person', target_on: '2020-01-01' } as never).execute();
    await db.insertInto('enforcement_actions').values({ person_id: ids.c.id, failure_on: '2024-01-02', kind: 'breach', reason: 'Second unacceptable absence within 12 months of a warning', due_on: '2099-01-16' } as never).execute();
    await db.insertInto('case_access_rules').values({ person_id: ids.r.id, kind: 'restriction', message: 'Restricted: ask the team manager.' } as never).execute();
  });
  after(() => t.close());

  it('shows each case with its next appointment, contact, plan actions and enforcement, in a few queries', async () => {
    const started = Date.now();
    const page = await jo.get('/cases');
    assert.equal(page.statusCode, 200);
    assert.ok(Date.now() - started < 5000, 'My cases should answer quickly');
    const a = rowOf(page.body, ids.a.crn);
    assert.match(a, /Home visit/);
    assert.match(a, /On track/);
    const overdue = await t.database.db.selectFrom('plan_actions').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', ids.b.id).where('status', '=', 'open').where('target_on', '<', new Date().toISOString().slice(0, 10)).executeTakeFirstOrThrow();
    assert.ok(Number(overdue.n) >= 1);
    assert.match(rowOf(page.body, ids.b.crn), new RegExp(`plan">${Number(overdue.n)}<span`));
    assert.match(rowOf(page.body, ids.c.crn), /Breach action due/);
    assert.match(rowOf(page.body, ids.c.crn), /Lay by 16 January 2099/);
    const restricted = rowOf(page.body, ids.r.crn);
    assert.match(restricted, /Restricted/);
    assert.doesNotMatch(page.body, new RegExp(ids.r.name));
  });

  it('sorts by each column, both ways, with aria-sort', async () => {
    const page = await jo.get('/cases?sort=crn&order=desc');
    const crns = tableCrns(page.body);
    assert.ok(crns.length > 5);
    assert.deepEqual(crns, [...crns].sort().reverse());
    assert.match(page.body, /aria-sort="descending"[^>]*>\s*<a[^>]*order=asc[^>]*>CRN/);
    for (const sort of ['name', 'tier', 'rosh', 'appointment', 'contact', 'actions', 'enforcement']) {
      const sorted = await jo.get(`/cases?sort=${sort}&order=asc`);
      assert.equal(sorted.statusCode, 200, sort);
    }
    const bySoonest = tableCrns((await jo.get('/cases?sort=appointment&order=asc')).body);
    assert.equal(bySoonest[0], ids.a.crn);
    assert.equal((await jo.get('/cases?sort=nonsense&order=sideways&tier=Z')).statusCode, 200);
  });

  it('filters by enforcement status, tier, RoSH and overdue contact, keeping the sort', async () => {
    const page = await jo.get('/cases?sort=crn&order=asc&enforcement=breach_due');
    const crns = tableCrns(page.body);
    assert.ok(crns.includes(ids.c.crn));
    assert.ok(!crns.includes(ids.a.crn));
    assert.ok(!crns.includes(ids.r.crn), 'a restricted case matches no filter');
    assert.match(page.body, /Clear filters/);
    const tier = await t.database.db.selectFrom('tier_calculations').select('tier').where('person_id', '=', ids.a.id).orderBy('id', 'desc').executeTakeFirst();
    if (tier) assert.ok(tableCrns((await jo.get(`/cases?tier=${tier.tier[0]}`)).body).includes(ids.a.crn));
    const overdue = tableCrns((await jo.get('/cases?contact=overdue')).body);
    assert.ok(!overdue.includes(ids.a.crn), 'seen yesterday: not overdue');
    assert.equal((await jo.get('/cases?rosh=very_high')).statusCode, 200);
  });

  it('shows the timeline newest first, filtered by kind and date, 50 a page', async () => {
    const page = await jo.get(`/people/${ids.a.crn}/timeline`);
    assert.equal(page.statusCode, 200);
    const office = page.body.indexOf('Office appointment');
    const note = page.body.indexOf('Secret disclosure text');
    assert.ok(office > 0 && note > office, 'newest first');
    const onlyTier = await jo.get(`/people/${ids.a.crn}/timeline?kinds=tier`);
    assert.doesNotMatch(onlyTier.body, /Office appointment/);
    const old = await jo.get(`/people/${ids.a.crn}/timeline?kinds=contacts&from=1/1/2001&to=31/12/2001`);
    assert.equal(old.body.match(/app-timeline__entry/g)?.length, 50);
    assert.match(old.body, /Old note 59/);
    const next = old.body.match(/href="([^"]+before=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next, 'a link to older entries');
    const second = await jo.get(next!);
    assert.equal(second.body.match(/app-timeline__entry/g)?.length, 10);
    assert.match(second.body, /Old note 0/);
    assert.doesNotMatch(second.body, /Old note 10</);
    const bad = await jo.get(`/people/${ids.a.crn}/timeline?from=31/02/2024&kinds=nonsense`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
  });

  it('hides a sensitive note from a role without contacts:sensitive (API)', async () => {
    const court = await t.tokenFor('chris.court');
    const response = await t.api('GET', `/api/v1/people/${ids.a.crn}/timeline?kinds=contacts`, court);
    assert.equal(response.statusCode, 200, response.body);
    assert.doesNotMatch(response.body, /Secret disclosure text/);
    assert.match(response.body, /Sensitive note: hidden/);
    const mine = await t.api('GET', `/api/v1/people/${ids.a.crn}/timeline?kinds=contacts`, joToken);
    assert.match(mine.body, /Secret disclosure text/);
  });

  it('timeline API: shape, paging cursor and 400s', async () => {
    const first = (await t.api('GET', `/api/v1/people/${ids.a.crn}/timeline?kinds=contacts&from=2001-01-01&to=2001-12-31`, joToken)).json();
    assert.equal(first.entries.length, 50);
    assert.deepEqual(Object.keys(first.entries[0]).sort(), ['at', 'dateOnly', 'kind', 'lines', 'tag', 'title']);
    assert.ok(first.nextBefore);
    const second = (await t.api('GET', `/api/v1/people/${ids.a.crn}/timeline?kinds=contacts&from=2001-01-01&to=2001-12-31&before=${encodeURIComponent(first.nextBefore)}`, joToken)).json();
    assert.equal(second.entries.length, 10);
    assert.equal(second.nextBefore, null);
    for (const query of ['kinds=nonsense', 'from=2024-02-31', 'from=2024-05-01&to=2024-04-01', 'before=yesterday']) {
      const response = await t.api('GET', `/api/v1/people/${ids.a.crn}/timeline?${query}`, joToken);
      assert.equal(response.statusCode, 400, query);
      assert.ok(response.json().message, query);
    }
    assert.equal((await t.api('GET', `/api/v1/people/${ids.r.crn}/timeline`, joToken)).statusCode, 403);
    assert.equal((await t.api('GET', '/api/v1/people/X999999/timeline', joToken)).statusCode, 404);
  });

  it('a contact level for a case needs a reason, and keeps its history', async () => {
    const url = `/people/${ids.a.crn}/contact-level`;
    const page = await jo.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /last seen/);
    const missing = await jo.post(url, { frequencyDays: '7', reason: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Give the reason/);
    assert.match(missing.body, /value="7"/);
    assert.equal((await jo.post(url, { frequencyDays: 'weekly', reason: 'x' })).statusCode, 400);
    assert.equal((await jo.post(url, { frequencyDays: '7', reason: 'Recent relapse' })).statusCode, 303);
    assert.equal((await jo.post(url, { frequencyDays: '10', reason: 'Settling down' })).statusCode, 303);
    const after = await jo.get(url);
    assert.match(after.body, /every 10 days \(set for this case: Settling down\)/);
    const rows = await t.database.db.selectFrom('contact_level_overrides').selectAll().where('person_id', '=', ids.a.id).where('reason', 'in', ['Recent relapse', 'Settling down']).orderBy('id').execute();
    assert.equal(rows.length, 2);
    assert.ok(rows[0]!.ended_at && !rows[1]!.ended_at);
    assert.equal((await jo.post(`${url}/default`, { endReason: '' })).statusCode, 400);
    assert.equal((await jo.post(`${url}/default`, { endReason: 'Concern passed' })).statusCode, 303);
    const timeline = await jo.get(`/people/${ids.a.crn}/timeline?kinds=contact_level`);
    assert.match(timeline.body, /Contact level set: every 7 days/);
    const court = await t.signIn('chris.court');
    assert.equal((await court.post(url, { frequencyDays: '7', reason: 'x' })).statusCode, 403);
  });

  it('contact level API: shape, reasons and 400s', async () => {
    const url = `/api/v1/people/${ids.b.crn}/contact-level`;
    const got = await t.api('GET', url, joToken);
    assert.equal(got.statusCode, 200);
    for (const key of ['frequencyDays', 'source', 'status', 'nextDueOn', 'explanation', 'history']) assert.ok(key in got.json(), key);
    assert.equal((await t.api('PUT', url, joToken, { frequencyDays: 0, reason: 'x' })).statusCode, 400);
    assert.equal((await t.api('PUT', url, joToken, { frequencyDays: 7, reason: '  ' })).statusCode, 400);
    assert.equal((await t.api('PUT', url, joToken, { frequencyDays: 7 })).statusCode, 400);
    assert.equal((await t.api('PUT', url, joToken, { frequencyDays: null, reason: 'x' })).statusCode, 400, 'nothing to end');
    const set = await t.api('PUT', url, joToken, { frequencyDays: 7, reason: 'Recent relapse' });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual([set.json().source, set.json().frequencyDays, set.json().history.length], ['override', 7, 1]);
    const backResponse = await t.api('PUT', url, joToken, { frequencyDays: null, reason: 'Stable again' });
    assert.equal(backResponse.statusCode, 200, backResponse.body);
    const back = backResponse.json();
    assert.notEqual(back.source, 'override');
    assert.equal(back.history[0].endReason, 'Stable again');
    assert.equal((await t.api('PUT', `/api/v1/people/${ids.r.crn}/contact-level`, joToken, { frequencyDays: 7, reason: 'x' })).statusCode, 403);
  });

  it('managers edit the defaults with a reason; history kept; practitioners cannot', async () => {
    const page = await sam.get('/contact-levels');
    assert.match(page.body, /national standards no longer fix/);
    const missing = await sam.post('/contact-levels', { 'days-B': '10', reason: '' });
    assert.equal(missing.statusCode, 400);
    assert.equal((await sam.post('/contact-levels', { 'days-B': '10', newKey: 'Q7', newDays: '5', reason: 'x' })).statusCode, 400);
    assert.equal((await sam.post('/contact-levels', { 'days-A': '7', 'days-B': '10', 'days-C': '28', 'days-D': '42', newKey: 'b2', newDays: '12', reason: 'Team review of caseload risks' })).statusCode, 303);
    const defaults = await t.database.db.selectFrom('contact_level_defaults').select(['key', 'frequency_days']).orderBy('key').execute();
    assert.deepEqual(defaults.map((d) => `${d.key}:${d.frequency_days}`), ['A:7', 'B:10', 'B2:12', 'C:28', 'D:42']);
    const changes = await t.database.db.selectFrom('contact_level_default_changes').selectAll().execute();
    assert.equal(changes.length, 2);
    assert.equal((await jo.post('/contact-levels', { 'days-B': '3', reason: 'x' })).statusCode, 403);
    const samToken = await t.tokenFor('sam.spo');
    assert.equal((await t.api('PUT', '/api/v1/contact-levels', joToken, { changes: [{ key: 'B', frequencyDays: 3 }], reason: 'x' })).statusCode, 403);
    assert.equal((await t.api('PUT', '/api/v1/contact-levels', samToken, { changes: [{ key: 'E9', frequencyDays: 3 }], reason: 'x' })).statusCode, 400);
    assert.equal((await t.api('PUT', '/api/v1/contact-levels', samToken, { changes: [{ key: 'A', frequencyDays: null }], reason: 'x' })).statusCode, 400);
    const removed = await t.api('PUT', '/api/v1/contact-levels', samToken, { changes: [{ key: 'B2', frequencyDays: null }], reason: 'Back to the protect level' });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.ok(!removed.json().defaults.some((d: { key: string }) => d.key === 'B2'));
    assert.equal((await t.api('GET', '/api/v1/contact-levels', joToken)).statusCode, 200);
  });
});

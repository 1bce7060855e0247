import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import type { CurrentUser } from '../../auth/current-user.ts';
import { pointsForCase } from '../workload/service.ts';
import { openAllocationRequest, rankForCase } from './service.ts';

// The data model of migration 0013: the rules are data, and the decision table refuses an override
// without a reason and a second open request for the same person.
describe('allocation tables', () => {
  let t: TestDatabase;
  before(async () => { t = await createTestDatabase({ people: 3 }); });
  after(async () => { await t.close(); });

  it('seeds the RoSH grade rules: high and very high need a qualified PO', async () => {
    const rules = await t.db.selectFrom('allocation_grade_rules').selectAll().orderBy('rosh_level').execute();
    const byLevel = Object.fromEntries(rules.map((r) => [r.rosh_level, r.grades]));
    assert.deepEqual(byLevel.high, ['SPO', 'PO']);
    assert.deepEqual(byLevel.very_high, ['SPO', 'PO']);
    assert.ok(byLevel.low!.includes('PSO'));
  });

  it('keeps one open request per person and requires a reason to override the recommendation', async () => {
    const person = await t.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    const team = await t.db.selectFrom('teams').select('id').orderBy('id').executeTakeFirstOrThrow();
    const users = await t.db.selectFrom('users').select('id').orderBy('id').limit(2).execute();
    await t.db.deleteFrom('allocation_decisions').where('person_id', '=', person.id).execute();
    await t.db.deleteFrom('allocation_requests').where('person_id', '=', person.id).execute();
    const request = await t.db.insertInto('allocation_requests')
      .values({ person_id: person.id, team_id: team.id, source: 'court' }).returning('id').executeTakeFirstOrThrow();
    await assert.rejects(t.db.insertInto('allocation_requests').values({ person_id: person.id, team_id: team.id, source: 'custody' }).execute());
    const decision = { person_id: person.id, request_id: request.id, practitioner_id: users[1]!.id, recommended_practitioner_id: users[0]!.id, ranking: JSON.stringify({ eligible: [] }) };
    await assert.rejects(t.db.insertInto('allocation_decisions').values(decision).execute());
    await t.db.insertInto('allocation_decisions').values({ ...decision, override_reason: 'Knows the family' }).execute();
    await t.db.updateTable('allocation_requests').set({ status: 'allocated', decided_at: sql<Date>`now()` }).where('id', '=', request.id).execute();
    const row = await t.db.selectFrom('allocation_decisions').select(['override_reason', 'over_capacity_confirmed']).where('request_id', '=', request.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { override_reason: 'Knows the family', over_capacity_confirmed: false });
  });
});

/** The queue, the ranking from real data, decisions through the pages and the API, access and arrivals. */
describe('allocation queue and decisions', () => {
  let t: TestApp;
  let team: { id: number; code: string };
  const ids: Record<string, number> = {};
  const today = new Date().toISOString().slice(0, 10);
  const year = new Date().getUTCFullYear() - 1;

  before(async () => {
    t = await createTestApp({ people: 300 });
    team = await t.database.db.selectFrom('teams').select(['id', 'code']).where('code', '=', 'NE-NCL-C').executeTakeFirstOrThrow();
    for (const u of await t.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
  });
  after(async () => { await t.close(); });

  /** A case of Newcastle Central (no access list) put in its queue, not yet used by another test. */
  const used = new Set<number>();
  async function queued(weighs = false) {
    const db = t.database.db;
    const rows = await db.selectFrom('case_allocations as a').innerJoin('people', 'people.id', 'a.person_id')
      .select(['a.person_id', 'people.crn']).where('a.team_id', '=', team.id).where('a.ended_at', 'is', null)
      .where('a.person_id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('a.person_id', 'not in', db.selectFrom('allocation_requests').select('person_id'))
      .where('a.person_id', 'not in', [0, ...used]).orderBy('a.person_id').limit(40).execute();
    let row = rows[0]!;
    for (const r of weighs ? rows : []) if ((await pointsForCase(db, r.person_id, today)).points > 20) { row = r; break; }
    used.add(row.person_id);
    const requestId = (await openAllocationRequest(db, row.person_id, team.id, 'court'))!;
    return { requestId, personId: row.person_id, crn: row.crn };
  }
  const sam = () => ({ id: ids['sam.spo']! } as CurrentUser);

  it('ranks from real data: continuity, the PSR author, specialism, and grade ineligibility for high RoSH', async () => {
    const db = t.database.db;
    const c = await queued();
    const event = await db.selectFrom('events').select('id').where('person_id', '=', c.personId).executeTakeFirst()
      ?? await db.insertInto('events').values({ person_id: c.personId, event_number: 99, conviction_date: `${year}-01-01`, court: 'Newcastle Crown Court' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('case_allocations').values({ person_id: c.personId, team_id: team.id, practitioner_id: ids['jo.po']!, started_at: new Date('2023-02-01'), ended_at: new Date('2024-05-01') }).execute();
    await db.insertInto('pre_sentence_reports').values({ person_id: c.personId, event_id: event.id, team_id: team.id, report_type: 'standard', court: 'Newcastle Crown Court',
      hearing_on: `${year}-02-01`, due_on: `${year}-01-25`, status: 'complete', assigned_to: ids['lee.po']!, requested_by: ids['chris.court']! }).execute();
    await db.insertInto('registrations').values({ person_id: c.personId, type_code: 'domestic_abuse_perpetrator', notes: '', registered_on: `${year}-01-01` }).execute();
    await db.insertInto('staff_profiles').values({ user_id: ids['amira.po']!, specialisms: ['domestic_abuse'] })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ specialisms: ['domestic_abuse'] })).execute();
    await db.updateTable('rosh_assessments').set({ superseded: true }).where('person_id', '=', c.personId).execute();
    const text = 'Recorded for the allocation test';
    await db.insertInto('rosh_assessments').values({ person_id: c.personId, version: 90, risk_to_children: 'low', risk_to_public: 'high', risk_to_known_adult: 'medium', risk_to_staff: 'low',
      overall: 'high', nature_of_risk: text, who_is_at_risk: text, when_risk_greatest: text, increases_risk: text, reduces_risk: text, completed_on: today, review_due_on: today }).execute();

    const ranked = await rankForCase(db, c.personId, team.id, sam(), today);
    const reasonsOf = (name: string) => ranked.ranking.eligible.find((e) => e.userId === ids[name])?.reasons ?? [];
    assert.ok(reasonsOf('jo.po').includes('Supervised this person 2023–2024'), JSON.stringify(reasonsOf('jo.po')));
    assert.ok(reasonsOf('lee.po').includes('Wrote the pre-sentence report'));
    assert.ok(reasonsOf('amira.po').includes('Domestic abuse specialism matches'));
    assert.equal(reasonsOf('jo.po')[0], 'Qualified PO: required for high RoSH');
    // The case's tier may rule out a PSO too; the RoSH rule must be among the reasons.
    assert.ok(ranked.ranking.ineligible.find((e) => e.userId === ids['kim.pso'])?.reasons.includes('PSO: High RoSH cases need a qualified probation officer'));
    assert.ok(!ranked.ranking.eligible.some((e) => e.userId === ids['chris.court']), 'court officers are not candidates');
    assert.match(ranked.pointsExplanation, /^(Tier [A-D][0-3]S? \w+ case.*: \d+ points|No tier)/);
  });

  it('lists the team queue and allocates the recommendation in one click; a second decision is refused with 409', async () => {
    const c = await queued();
    const browser = await t.signIn('sam.spo');
    const queue = await browser.get('/allocations');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(c.crn));
    const page = await browser.get(`/allocations/${c.requestId}`);
    assert.equal(page.statusCode, 200, page.body);
    const rec = Number(page.body.match(/name="recommendedId" value="(\d+)"/)![1]);
    assert.match(page.body, /Allocate to [A-Z]/);
    assert.match(page.body, /Capacity \d+\.\d% → \d+\.\d%/);
    const done = await browser.post(`/allocations/${c.requestId}`, { practitionerId: String(rec), recommendedId: String(rec) });
    assert.equal(done.statusCode, 303, done.body);
    const banner = await browser.get(done.headers.location as string);
    assert.match(banner.body, new RegExp(`${c.crn} has been allocated to`));
    const open = await t.database.db.selectFrom('case_allocations').select(['practitioner_id']).where('person_id', '=', c.personId).where('ended_at', 'is', null).execute();
    assert.deepEqual(open, [{ practitioner_id: rec }]);
    const notice = await t.database.db.selectFrom('notifications').select('message').where('person_id', '=', c.personId).where('user_id', '=', rec).where('kind', '=', 'allocation').executeTakeFirst();
    assert.match(notice!.message, /has been allocated to you by Sam Robson/);
    const again = await browser.post(`/allocations/${c.requestId}`, { practitionerId: String(rec), recommendedId: String(rec) });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already been allocated by Sam Robson/);
    const tab = await browser.get(`/people/${c.crn}/allocation`);
    assert.equal(tab.statusCode, 200);
    assert.match(tab.body, /Decided by/);
    assert.match(tab.body, /The ranking as shown when this was decided/);
  });

  it('requires a reason to choose another practitioner', async () => {
    const c = await queued();
    const browser = await t.signIn('sam.spo');
    const ranked = await rankForCase(t.database.db, c.personId, team.id, sam(), today);
    const rec = ranked.ranking.recommendedUserId!;
    const other = ranked.ranking.eligible[1]!.userId;
    const missing = await browser.post(`/allocations/${c.requestId}`, { practitionerId: String(other), recommendedId: String(rec), overrideReason: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /govuk-error-summary/);
    assert.match(missing.body, /Give the reason for choosing a practitioner other than the recommendation/);
    const ok = await browser.post(`/allocations/${c.requestId}`, { practitionerId: String(other), recommendedId: String(rec), overrideReason: 'Speaks the person\'s first language' });
    assert.equal(ok.statusCode, 303, ok.body);
    const d = await t.database.db.selectFrom('allocation_decisions').select(['practitioner_id', 'recommended_practitioner_id', 'override_reason']).where('request_id', '=', c.requestId).executeTakeFirstOrThrow();
    assert.deepEqual(d, { practitioner_id: other, recommended_practitioner_id: rec, override_reason: 'Speaks the person\'s first language' });
  });

  it('asks for confirmation over capacity, records it and reports it', async () => {
    const c = await queued(true);
    const db = t.database.db;
    // Kim's hours are almost all reduced: any case takes her over 100%.
    const hours = Number((await db.selectFrom('staff_profiles').select('contracted_hours').where('user_id', '=', ids['kim.pso']!).executeTakeFirst())?.contracted_hours ?? 37);
    await db.insertInto('workload_reductions').values({ user_id: ids['kim.pso']!, hours: hours - 0.5, reason: 'Union duties (test)', starts_on: `${year}-01-01` }).execute();
    await db.updateTable('rosh_assessments').set({ superseded: true }).where('person_id', '=', c.personId).execute();
    const ranked = await rankForCase(db, c.personId, team.id, sam(), today);
    const kim = ranked.ranking.eligible.find((e) => e.userId === ids['kim.pso']);
    assert.ok(kim, JSON.stringify(ranked.ranking.ineligible));
    if (ranked.pointsAdded === 0) return assert.fail('the case should weigh something');
    assert.equal(kim.overCapacity, true);
    const browser = await t.signIn('sam.spo');
    const form = { practitionerId: String(kim.userId), recommendedId: String(ranked.ranking.recommendedUserId), overrideReason: 'Only one who can visit on Saturdays' };
    const ask = await browser.post(`/allocations/${c.requestId}`, form);
    assert.equal(ask.statusCode, 409);
    assert.match(ask.body, /This will increase Kim Robinson(&#39;|')s workload from \d+\.\d% to \d+\.\d%\. Allocate anyway\?/);
    const token = await t.tokenFor('sam.spo');
    const api = await t.api('POST', `/api/v1/allocations/${c.requestId}/decision`, token, { practitionerId: kim.userId, overrideReason: form.overrideReason });
    assert.equal(api.statusCode, 409);
    assert.match(api.json().message, /Allocate anyway/);
    const confirmed = await browser.post(`/allocations/${c.requestId}`, { ...form, confirmOverCapacity: 'yes' });
    assert.equal(confirmed.statusCode, 303, confirmed.body);
    const d = await db.selectFrom('allocation_decisions').select('over_capacity_confirmed').where('request_id', '=', c.requestId).executeTakeFirstOrThrow();
    assert.equal(d.over_capacity_confirmed, true);
    const report = await browser.get('/allocations/over-capacity');
    assert.equal(report.statusCode, 200);
    assert.match(report.body, new RegExp(`Kim Robinson[\\s\\S]*${c.crn}[\\s\\S]*Only one who can visit on Saturdays`));
    await db.deleteFrom('workload_reductions').where('reason', '=', 'Union duties (test)').execute();
  });

  it('the API: queue, ranking, decision 400/201/409 and history', async () => {
    const c = await queued();
    const token = await t.tokenFor('sam.spo');
    const q = await t.api('GET', '/api/v1/allocations?team=NE-NCL-C', token);
    assert.equal(q.statusCode, 200);
    assert.ok(q.json().cases.some((x: { crn: string }) => x.crn === c.crn));
    assert.equal((await t.api('GET', '/api/v1/allocations?team=XX-NOPE', token)).statusCode, 404);
    const one = await t.api('GET', `/api/v1/allocations/${c.requestId}`, token);
    assert.equal(one.statusCode, 200);
    const ranking = one.json().ranking;
    assert.ok(ranking.eligible[0].reasons.length > 0);
    assert.equal(typeof one.json().case.pointsExplanation, 'string');
    const other = ranking.eligible[1].userId;
    const url = `/api/v1/allocations/${c.requestId}/decision`;
    const noReason = await t.api('POST', url, token, { practitionerId: other });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /Give the reason/);
    assert.equal((await t.api('POST', url, token, { practitionerId: 'x' })).statusCode, 400);
    const ok = await t.api('POST', url, token, { practitionerId: ranking.recommendedUserId });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().practitionerId, ranking.recommendedUserId);
    assert.equal((await t.api('POST', url, token, { practitionerId: ranking.recommendedUserId })).statusCode, 409);
    const history = await t.api('GET', `/api/v1/people/${c.crn}/allocations`, token);
    assert.equal(history.statusCode, 200);
    assert.equal(history.json().history[0].practitionerId, ranking.recommendedUserId);
    assert.equal(history.json().history[0].decision.recommended !== null, true);
    assert.equal(history.json().openRequest, null);
  });

  it('access: practitioners are refused; a case the access list refuses shows only its CRN', async () => {
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get('/allocations')).statusCode, 403);
    assert.equal((await t.api('GET', '/api/v1/allocations', await t.tokenFor('jo.po'))).statusCode, 403);
    const c = await queued();
    const db = t.database.db;
    await db.insertInto('case_access_rules').values({ person_id: c.personId, kind: 'exclusion', message: 'Conflict of interest (test)', created_by: ids.admin! }).execute();
    await db.insertInto('case_access_users').values({ person_id: c.personId, kind: 'exclusion', user_id: ids['sam.spo']! }).execute();
    const name = await db.selectFrom('people').select('last_name').where('id', '=', c.personId).executeTakeFirstOrThrow();
    const browser = await t.signIn('sam.spo');
    const queue = await browser.get('/allocations');
    const row = queue.body.split('<tr').find((r) => r.includes(c.crn))!;
    assert.match(row, /Restricted/);
    assert.ok(!row.includes(name.last_name));
    assert.equal((await browser.get(`/allocations/${c.requestId}`)).statusCode, 403);
    const api = await t.api('GET', '/api/v1/allocations?team=NE-NCL-C', await t.tokenFor('sam.spo'));
    const entry = api.json().cases.find((x: { crn: string }) => x.crn === c.crn);
    assert.deepEqual([entry.restricted, entry.name, entry.tier], [true, null, null]);
    assert.equal((await t.api('GET', `/api/v1/allocations/${c.requestId}`, await t.tokenFor('sam.spo'))).statusCode, 403);
    const refused = await db.selectFrom('audit_log').select('action').where('person_id', '=', c.personId).where('action', '=', 'allocation.read-refused').execute();
    assert.equal(refused.length, 1);
  });

  it('a sentence recorded opens a request in the team of a case no one holds, and not for a held case', async () => {
    const db = t.database.db;
    const held = await db.selectFrom('case_allocations as a').select(['a.person_id', 'a.team_id']).where('a.ended_at', 'is', null)
      .where('a.practitioner_id', 'is not', null).where('a.person_id', 'not in', db.selectFrom('allocation_requests').select('person_id').where('status', '=', 'awaiting'))
      .where('a.person_id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .orderBy('a.person_id', 'desc').limit(2).execute();
    const token = await t.tokenFor('chris.court');
    const event = { mainOffence: { code: 'ROB-ROB', offenceDate: `${year}-01-05` }, convictionDate: `${year}-02-01`, court: 'Newcastle Crown Court' };
    const sentence = async (personId: number) => {
      const crn = (await db.selectFrom('people').select('crn').where('id', '=', personId).executeTakeFirstOrThrow()).crn;
      const created = await t.api('POST', `/api/v1/people/${crn}/events`, token, { ...event, outcome: 'adjourned', nextHearingOn: `${year}-03-01` });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await awaiting(personId)).length, 0, 'not before sentence');
      const number = created.json().eventNumber ?? created.json().event?.eventNumber;
      const saved = await t.api('POST', `/api/v1/people/${crn}/events/${number}/sentence`, token, { type: 'custody', sentencedOn: `${year}-03-01`, lengthMonths: 12 });
      assert.equal(saved.statusCode, 201, saved.body);
    };
    const awaiting = (personId: number) => db.selectFrom('allocation_requests').select(['team_id', 'source']).where('person_id', '=', personId).where('status', '=', 'awaiting').execute();

    // Held: the new order stays with the practitioner who supervises the person.
    await sentence(held[0]!.person_id);
    assert.deepEqual(await awaiting(held[0]!.person_id), []);
    // No one holds it (the practitioner's spell ended): it arrives in the team's queue, from custody.
    const unheld = held[1]!;
    await db.updateTable('case_allocations').set({ practitioner_id: null }).where('person_id', '=', unheld.person_id).where('ended_at', 'is', null).execute();
    await sentence(unheld.person_id);
    assert.deepEqual(await awaiting(unheld.person_id), [{ team_id: unheld.team_id, source: 'custody' }]);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type Browser, type TestApp } from '../../../test/support/app.ts';

/** Transfers through the pages and the API: states, who decides, what moves with the case, bulk, access. */
describe('transfers', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const teams: Record<string, number> = {};
  const used = new Set<number>();
  let sam: Browser;
  let priya: Browser;

  before(async () => {
    t = await createTestApp({ people: 300 });
    for (const u of await t.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    for (const x of await t.database.db.selectFrom('teams').select(['id', 'code']).execute()) teams[x.code] = x.id;
    for (const r of await t.database.db.selectFrom('case_transfers').select('person_id').execute()) used.add(r.person_id);
    sam = await t.signIn('sam.spo');
    priya = await t.signIn('priya.spo');
  });
  after(async () => { await t.close(); });

  const db = () => t.database.db;

  /** A case held by a practitioner of Newcastle Central, no access list, nothing waiting, not used by another test. */
  async function centralCase(practitioner?: string) {
    const rows = await db().selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['p.id', 'p.crn', 'a.practitioner_id'])
      .where('a.ended_at', 'is', null).where('a.team_id', '=', teams['NE-NCL-C']!).where('a.practitioner_id', 'is not', null)
      .$if(!!practitioner, (q) => q.where('a.practitioner_id', '=', ids[practitioner!]!))
      .where('p.id', 'not in', db().selectFrom('case_access_rules').select('person_id'))
      .where('p.id', 'not in', db().selectFrom('allocation_requests').select('person_id').where('status', '=', 'awaiting'))
      .orderBy('p.id').execute();
    const row = rows.find((r) => !used.has(r.id));
    assert.ok(row, 'a free case');
    used.add(row.id);
    return row;
  }

  const counts = async (personId: number) => {
    const n = async (table: 'events' | 'sentences' | 'registrations' | 'pre_sentence_reports' | 'tier_calculations' | 'rosh_assessments') =>
      Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('person_id', '=', personId).executeTakeFirstOrThrow()).n);
    return { events: await n('events'), sentences: await n('sentences'), registrations: await n('registrations'), reports: await n('pre_sentence_reports'), tiers: await n('tier_calculations'), rosh: await n('rosh_assessments') };
  };

  async function request(browser: Browser, crn: string, form: Record<string, string>) {
    return browser.post(`/people/${crn}/transfers`, form);
  }
  const idFrom = (location: string | undefined) => Number(/\/transfers\/(\d+)/.exec(location ?? '')?.[1]);

  it('requests a transfer to another team: form errors keep the values, the case stays where it is', async () => {
    const c = await centralCase();
    const form = await sam.get(`/people/${c.crn}/transfers/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Newcastle West/);
    assert.match(form.body, /<optgroup label="North East: /);
    const bad = await request(sam, c.crn, { destination: 'team', toTeamId: String(teams['NE-NCL-W']), reason: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the reason for the transfer/);
    assert.match(bad.body, /Select what happens to their appointments/);
    assert.match(bad.body, new RegExp(`<option value="${teams['NE-NCL-W']}" selected>`));
    const ok = await request(sam, c.crn, { destination: 'team', toTeamId: String(teams['NE-NCL-W']), reason: 'Moved to Benwell', appointments: 'reassign' });
    assert.equal(ok.statusCode, 303);
    const id = idFrom(ok.headers.location as string);
    const row = await db().selectFrom('case_transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'requested');
    assert.equal(row.from_practitioner_id, c.practitioner_id);
    const holding = await db().selectFrom('case_allocations').select(['practitioner_id', 'team_id']).where('person_id', '=', c.id).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    assert.deepEqual(holding, { practitioner_id: c.practitioner_id, team_id: teams['NE-NCL-C'] });
    // Priya's team hears of it; a second open transfer is refused.
    assert.ok(await db().selectFrom('notifications').select('id').where('user_id', '=', ids['priya.spo']!).where('kind', '=', 'transfer-requested').where('person_id', '=', c.id).executeTakeFirst());
    const second = await request(sam, c.crn, { destination: 'team', toTeamId: String(teams['NE-DUR-C']), reason: 'x', appointments: 'keep' });
    assert.equal(second.statusCode, 409);
    const token = await t.tokenFor('sam.spo');
    const api = await t.api('POST', `/api/v1/people/${c.crn}/transfers`, token, { toTeamId: teams['NE-DUR-C'], reason: 'x', appointments: 'keep' });
    assert.equal(api.statusCode, 409);
    assert.match(api.json().message, /already waiting/);
    await assert.rejects(db().insertInto('case_transfers').values({ person_id: c.id, from_team_id: teams['NE-NCL-C']!, to_team_id: teams['NE-DUR-C']!, reason: 'x', appointments: 'keep', requested_by: ids['sam.spo']! }).execute());
  });

  it('who may request: the holding practitioner yes, another team\'s manager or practitioner no', async () => {
    const c = await centralCase('jo.po');
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/people/${c.crn}/transfers/new`)).statusCode, 200);
    assert.equal((await priya.get(`/people/${c.crn}/transfers/new`)).statusCode, 403);
    const lee = await t.signIn('lee.po');
    assert.equal((await lee.get(`/people/${c.crn}/transfers/new`)).statusCode, 403);
    const ok = await request(jo, c.crn, { destination: 'practitioner', practitionerId: String(ids['lee.po']), reason: 'Lee knows the family', appointments: 'keep' });
    assert.equal(ok.statusCode, 303);
    // Within a team the receiving manager is the team's own: jo cannot accept, sam can.
    const id = idFrom(ok.headers.location as string);
    assert.equal((await jo.post(`/transfers/${id}/decision`, { decision: 'accept' })).statusCode, 403);
  });

  it('rejection needs a reason, notifies the requester, and is final', async () => {
    const c = await centralCase();
    const id = idFrom((await request(sam, c.crn, { destination: 'team', toTeamId: String(teams['NE-NCL-W']), reason: 'Moved', appointments: 'keep' })).headers.location as string);
    assert.equal((await sam.post(`/transfers/${id}/decision`, { decision: 'reject', reason: 'No' })).statusCode, 403, 'the sending manager cannot reject');
    const noReason = await priya.post(`/transfers/${id}/decision`, { decision: 'reject', reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the reason for rejecting/);
    const done = await priya.post(`/transfers/${id}/decision`, { decision: 'reject', reason: 'Gateshead address: West does not cover it' });
    assert.equal(done.statusCode, 303);
    const row = await db().selectFrom('case_transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'rejected');
    assert.equal(row.decided_by, ids['priya.spo']);
    assert.ok(await db().selectFrom('notifications').select('id').where('user_id', '=', ids['sam.spo']!).where('kind', '=', 'transfer-rejected').where('person_id', '=', c.id).executeTakeFirst());
    assert.equal((await priya.post(`/transfers/${id}/decision`, { decision: 'accept' })).statusCode, 409);
    // The database refuses a rejection without a reason, or a decision without its date.
    const other = await centralCase();
    await assert.rejects(db().insertInto('case_transfers').values({ person_id: other.id, from_team_id: teams['NE-NCL-C']!, to_team_id: teams['NE-NCL-W']!, reason: 'x', appointments: 'keep', requested_by: ids['sam.spo']!, status: 'rejected', decided_at: new Date(), decided_by: ids['priya.spo']! }).execute());
    await assert.rejects(db().insertInto('case_transfers').values({ person_id: other.id, from_team_id: teams['NE-NCL-C']!, to_team_id: teams['NE-NCL-W']!, reason: 'x', appointments: 'keep', requested_by: ids['sam.spo']!, status: 'cancelled' }).execute());
    used.delete(other.id);
  });

  it('cancel: by the requester, not by the receiving manager', async () => {
    const c = await centralCase();
    const id = idFrom((await request(sam, c.crn, { destination: 'team', toTeamId: String(teams['NE-NCL-W']), reason: 'Moved', appointments: 'keep' })).headers.location as string);
    assert.equal((await priya.post(`/transfers/${id}/decision`, { decision: 'cancel' })).statusCode, 403);
    assert.equal((await sam.post(`/transfers/${id}/decision`, { decision: 'cancel' })).statusCode, 303);
    assert.equal((await db().selectFrom('case_transfers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'cancelled');
  });

  it('accepting allocates in the same step; everything stays with the case, nothing is duplicated', async () => {
    const c = await centralCase();
    const before = await counts(c.id);
    const spellsBefore = await db().selectFrom('case_allocations').selectAll().where('person_id', '=', c.id).orderBy('id').execute();
    const id = idFrom((await request(sam, c.crn, { destination: 'team', toTeamId: String(teams['NE-NCL-W']), toPractitionerId: String(ids['dan.po']), reason: 'Moved to Fenham', appointments: 'reassign' })).headers.location as string);
    // The receiving manager sees the summary and the ranking, with the named practitioner preselected.
    const page = await priya.get(`/transfers/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(c.crn));
    assert.match(page.body, /Accept and allocate/);
    assert.match(page.body, new RegExp(`value="${ids['dan.po']}" checked`));
    assert.ok(await db().selectFrom('audit_log').select('id').where('action', '=', 'transfer.read').where('person_id', '=', c.id).executeTakeFirst());
    const ranking = (await import('../allocation/service.ts')).rankForCase;
    const ranked = await ranking(db(), c.id, teams['NE-NCL-W']!, { id: ids['priya.spo'] } as never, new Date().toISOString().slice(0, 10));
    const danRecommended = ranked.ranking.recommendedUserId === ids['dan.po'];
    const dan = ranked.ranking.eligible.find((e) => e.userId === ids['dan.po']);
    assert.ok(dan, 'Dan can hold the case');
    if (!danRecommended) {
      const missing = await priya.post(`/transfers/${id}/decision`, { decision: 'accept', practitionerId: String(ids['dan.po']), confirmOverCapacity: 'yes' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /rather than the recommended practitioner/);
    }
    const accepted = await priya.post(`/transfers/${id}/decision`, { decision: 'accept', practitionerId: String(ids['dan.po']), overrideReason: 'Named by the sending team', confirmOverCapacity: 'yes' });
    assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 500));
    const row = await db().selectFrom('case_transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'accepted');
    assert.ok(row.allocation_decision_id);
    const decision = await db().selectFrom('allocation_decisions').innerJoin('allocation_requests as r', 'r.id', 'allocation_decisions.request_id')
      .select(['allocation_decisions.practitioner_id', 'r.source', 'allocation_decisions.override_reason']).where('allocation_decisions.id', '=', row.allocation_decision_id!).executeTakeFirstOrThrow();
    assert.equal(decision.practitioner_id, ids['dan.po']);
    assert.equal(decision.source, 'transfer_in');
    assert.equal(decision.override_reason, danRecommended ? null : 'Named by the sending team');
    // Exactly one open spell (the new one); the old one ended, every earlier spell kept once.
    const spells = await db().selectFrom('case_allocations').selectAll().where('person_id', '=', c.id).orderBy('id').execute();
    assert.equal(spells.filter((s) => s.ended_at === null).length, 1);
    assert.equal(spells.length, spellsBefore.length + 1);
    const open = spells.find((s) => s.ended_at === null)!;
    assert.deepEqual([open.team_id, open.practitioner_id], [teams['NE-NCL-W'], ids['dan.po']]);
    const old = spells.find((s) => s.id === spellsBefore.at(-1)!.id)!;
    assert.ok(old.ended_at);
    assert.equal(old.practitioner_id, c.practitioner_id);
    assert.deepEqual(await counts(c.id), before);
    // The new practitioner can open the case; its allocation history shows both spells.
    const dan2 = await t.signIn('dan.po');
    assert.equal((await dan2.get(`/people/${c.crn}`)).statusCode, 200);
    const tab = await dan2.get(`/people/${c.crn}/allocation`);
    assert.equal(tab.statusCode, 200);
    assert.match(tab.body, /Dan Milburn/);
    assert.match(tab.body, /Moved to Fenham/);
    // The requester was told, and cannot change it now.
    assert.ok(await db().selectFrom('notifications').select('id').where('user_id', '=', ids['sam.spo']!).where('kind', '=', 'transfer-accepted').where('person_id', '=', c.id).executeTakeFirst());
    assert.equal((await sam.post(`/transfers/${id}/decision`, { decision: 'cancel' })).statusCode, 409);
  });

  it('a transfer to another region moves the case\'s region; the receiving manager sees the summary', async () => {
    const region = await db().selectFrom('regions').select('id').where('code', '!=', 'NE').orderBy('id').executeTakeFirstOrThrow();
    const pdu = await db().selectFrom('pdus').select('id').where('region_id', '=', region.id).orderBy('id').executeTakeFirstOrThrow();
    const team = await db().insertInto('teams').values({ pdu_id: pdu.id, code: 'XR-TEST-1', name: 'Far Team' }).returning('id').executeTakeFirstOrThrow();
    const farManager = await db().insertInto('users').values({ username: 'far.spo', display_name: 'Far Manager', role_code: 'senior-probation-officer', agency_code: 'probation', region_id: region.id, team_id: team.id, grade: 'SPO', password_hash: (await db().selectFrom('users').select('password_hash').where('username', '=', 'sam.spo').executeTakeFirstOrThrow()).password_hash }).returning('id').executeTakeFirstOrThrow();
    const farPo = await db().insertInto('users').values({ username: 'far.po', display_name: 'Far Officer', role_code: 'practitioner', agency_code: 'probation', region_id: region.id, team_id: team.id, grade: 'PO' }).returning('id').executeTakeFirstOrThrow();
    const c = await centralCase();
    const far = await t.signIn('far.spo');
    assert.equal((await far.get(`/people/${c.crn}`)).statusCode, 403, 'out of their region before the transfer');
    const id = idFrom((await request(sam, c.crn, { destination: 'team', toTeamId: String(team.id), reason: 'Moved to another region', appointments: 'keep' })).headers.location as string);
    const list = await far.get('/transfers');
    assert.match(list.body, new RegExp(c.crn));
    const accepted = await far.post(`/transfers/${id}/decision`, { decision: 'accept', practitionerId: String(farPo.id), confirmOverCapacity: 'yes' });
    assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 400));
    assert.equal((await db().selectFrom('people').select('region_id').where('id', '=', c.id).executeTakeFirstOrThrow()).region_id, region.id);
    assert.equal((await far.get(`/people/${c.crn}`)).statusCode, 200, 'now in their region');
    void farManager;
  });

  it('the API lists, requests and decides with the same rules and clear errors', async () => {
    const samToken = await t.tokenFor('sam.spo');
    const priyaToken = await t.tokenFor('priya.spo');
    const joToken = await t.tokenFor('jo.po');
    const c = await centralCase();
    const bad = await t.api('POST', `/api/v1/people/${c.crn}/transfers`, samToken, { toTeamId: teams['NE-NCL-W'], reason: '', appointments: 'keep' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /Enter the reason/);
    assert.equal((await t.api('POST', `/api/v1/people/A000000/transfers`, samToken, { toTeamId: 1, reason: 'x', appointments: 'keep' })).statusCode, 404);
    assert.equal((await t.api('POST', `/api/v1/people/${c.crn}/transfers`, samToken, { toTeamId: 'x' })).statusCode, 400);
    const made = await t.api('POST', `/api/v1/people/${c.crn}/transfers`, samToken, { toTeamId: teams['NE-NCL-W'], reason: 'Moved', appointments: 'reassign' });
    assert.equal(made.statusCode, 201);
    const transfer = made.json();
    assert.equal(transfer.status, 'requested');
    assert.equal(transfer.toTeam, 'Newcastle West');
    const incoming = await t.api('GET', '/api/v1/transfers?direction=incoming', priyaToken);
    assert.ok(incoming.json().transfers.some((x: { id: number }) => x.id === transfer.id));
    const outgoing = await t.api('GET', '/api/v1/transfers?direction=outgoing', samToken);
    assert.ok(outgoing.json().transfers.some((x: { id: number }) => x.id === transfer.id));
    assert.equal((await t.api('GET', '/api/v1/transfers?direction=incoming', joToken)).statusCode, 403);
    assert.equal((await t.api('GET', '/api/v1/transfers?direction=sideways', samToken)).statusCode, 400);
    const list = await t.api('GET', `/api/v1/people/${c.crn}/transfers`, samToken);
    assert.equal(list.json().transfers[0].id, transfer.id);
    assert.equal((await t.api('POST', `/api/v1/transfers/${transfer.id}/decision`, samToken, { decision: 'accept' })).statusCode, 403);
    const noReason = await t.api('POST', `/api/v1/transfers/${transfer.id}/decision`, priyaToken, { decision: 'reject' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /reason for rejecting/);
    assert.equal((await t.api('POST', '/api/v1/transfers/999999/decision', priyaToken, { decision: 'reject', reason: 'x' })).statusCode, 404);
    const accepted = await t.api('POST', `/api/v1/transfers/${transfer.id}/decision`, priyaToken, { decision: 'accept', confirmOverCapacity: true });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().status, 'accepted');
    assert.ok(accepted.json().allocatedTo);
    assert.equal((await t.api('POST', `/api/v1/transfers/${transfer.id}/decision`, priyaToken, { decision: 'reject', reason: 'x' })).statusCode, 409);
    assert.ok(await db().selectFrom('audit_log').select('id').where('action', '=', 'api.transfer.accept').where('person_id', '=', c.id).executeTakeFirst());
  });

  it('the access list applies: a restricted case shows only its CRN, and cannot be accepted by someone it excludes', async () => {
    const c = await centralCase();
    const id = idFrom((await request(sam, c.crn, { destination: 'team', toTeamId: String(teams['NE-NCL-W']), reason: 'Moved', appointments: 'keep' })).headers.location as string);
    await db().insertInto('case_access_rules').values({ person_id: c.id, kind: 'exclusion', message: 'Excluded' }).execute();
    await db().insertInto('case_access_users').values({ person_id: c.id, kind: 'exclusion', user_id: ids['priya.spo']! }).execute();
    const page = await priya.get(`/transfers/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Restricted/);
    assert.doesNotMatch(page.body, /Moved<\/td>.*Accept and allocate<\/button>/s);
    const refused = await priya.post(`/transfers/${id}/decision`, { decision: 'accept' });
    assert.equal(refused.statusCode, 403);
    const kim = await t.signIn('kim.pso');
    assert.equal((await kim.get(`/transfers/${id}`)).statusCode, 200, 'in scope: visible, with the access list applied');
    const token = await t.tokenFor('priya.spo');
    const listed = (await t.api('GET', '/api/v1/transfers?direction=incoming', token)).json().transfers.find((x: { id: number }) => x.id === id);
    assert.equal(listed.name, null);
    assert.equal(listed.restricted, true);
  });

  it('bulk reallocation moves the chosen cases only, with the ranking excluding the leaving practitioner', async () => {
    const leaving = ids['amira.po']!;
    const held = await db().selectFrom('case_allocations').select('person_id').where('practitioner_id', '=', leaving).where('ended_at', 'is', null)
      .where('person_id', 'not in', db().selectFrom('case_access_rules').select('person_id'))
      .where('person_id', 'not in', db().selectFrom('case_transfers').select('person_id').where('status', '=', 'requested'))
      .orderBy('person_id').execute();
    assert.ok(held.length >= 3, `amira holds ${held.length}`);
    const page = await sam.get(`/transfers/bulk/${leaving}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Reallocate Amira Hussain/);
    assert.doesNotMatch(page.body, /Recommended: Amira Hussain/);
    assert.equal((await priya.get(`/transfers/bulk/${leaving}`)).statusCode, 404, 'not in her team');
    assert.equal((await (await t.signIn('jo.po')).get(`/transfers/bulk/${leaving}`)).statusCode, 403);
    const none = await sam.post(`/transfers/bulk/${leaving}`, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select at least one case/);
    const [a, b, untouched] = held as [{ person_id: number }, { person_id: number }, { person_id: number }];
    const before = await counts(a.person_id);
    // An explicit pick of someone other than the recommendation needs the batch's reason.
    const ranked = await (await import('../allocation/service.ts')).rankForCase(db(), b.person_id, teams['NE-NCL-C']!, { id: ids['sam.spo'] } as never, new Date().toISOString().slice(0, 10));
    const others = ranked.ranking.eligible.filter((e) => e.userId !== leaving);
    const notFirst = others[1] ?? others[0]!;
    const form = { cases: [String(a.person_id), String(b.person_id)], [`practitioner-${b.person_id}`]: String(notFirst.userId), confirmOverCapacity: 'yes' };
    if (others[1]) {
      const missing = await sam.post(`/transfers/bulk/${leaving}`, form);
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /rather than the recommended/);
      assert.equal((await db().selectFrom('case_allocations').select('practitioner_id').where('person_id', '=', a.person_id).where('ended_at', 'is', null).executeTakeFirstOrThrow()).practitioner_id, leaving, 'nothing moved');
    }
    const moved = await sam.post(`/transfers/bulk/${leaving}`, { ...form, overrideReason: 'Keeps the Benwell cases together' });
    assert.equal(moved.statusCode, 200, moved.body.slice(0, 500));
    assert.match(moved.body, /2 cases moved/);
    const now = async (personId: number) => (await db().selectFrom('case_allocations').select('practitioner_id').where('person_id', '=', personId).where('ended_at', 'is', null).executeTakeFirstOrThrow()).practitioner_id;
    assert.notEqual(await now(a.person_id), leaving);
    assert.equal(await now(b.person_id), notFirst.userId);
    assert.equal(await now(untouched.person_id), leaving, 'an unticked case stays');
    assert.deepEqual(await counts(a.person_id), before);
    assert.equal((await db().selectFrom('case_allocations').select('id').where('person_id', '=', a.person_id).where('ended_at', 'is', null).execute()).length, 1);
    assert.ok(await db().selectFrom('audit_log').select('id').where('action', '=', 'transfer.bulk.move').where('person_id', '=', b.person_id).executeTakeFirst());
  });

  it('the case\'s Allocation tab lists its transfers, and the transfers page shows incoming and outgoing', async () => {
    const list = await sam.get('/transfers');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Incoming: waiting for your team/);
    assert.match(list.body, /Recent decisions/);
    assert.match(list.body, /Gateshead address: West does not cover it/);
    const jo = await t.signIn('jo.po');
    const joList = await jo.get('/transfers');
    assert.equal(joList.statusCode, 200);
    assert.doesNotMatch(joList.body, /Incoming: waiting/);
    assert.equal((await sam.get('/transfers/abc')).statusCode, 404);
    assert.equal((await sam.get('/transfers/99999999')).statusCode, 404);
  });
});

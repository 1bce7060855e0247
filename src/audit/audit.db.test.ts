import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { verifyAuditChain, writeAudit } from './audit-log.ts';

describe('the audit log', () => {
  let t: TestApp;
  let crn: string;
  let personId: number;
  before(async () => {
    t = await createTestApp();
    const person = await t.database.db.selectFrom('people').select(['id', 'crn']).orderBy('id').offset(10).limit(1).executeTakeFirstOrThrow();
    crn = person.crn;
    personId = person.id;
  });
  after(() => t.close());

  it('records each read of a case: who, which person, what, when, from which request', async () => {
    const jo = await t.signIn('jo.po');
    const page = await jo.get(`/people/${crn}`);
    assert.equal(page.statusCode, 200);
    const row = await t.database.db.selectFrom('audit_log').selectAll().where('person_id', '=', personId).where('action', '=', 'case.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(row.username, 'jo.po');
    assert.ok(row.user_id);
    assert.ok(row.request_id && row.request_id.length > 10);
    assert.ok(row.at instanceof Date);
  });

  it('records a change, and reads through the API', async () => {
    const jo = await t.signIn('jo.po');
    const created = await jo.post('/people/new', { firstName: 'Audra', lastName: 'Testcase', 'dateOfBirth-day': '1', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1991', sex: 'female' });
    assert.equal(created.statusCode, 303);
    const newCrn = created.headers.location!.toString().match(/[A-Z]\d{6}/)![0];
    const person = await t.database.db.selectFrom('people').select('id').where('crn', '=', newCrn).executeTakeFirstOrThrow();
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', person.id).execute();
    assert.deepEqual(actions.map((a) => a.action), ['person.create']);
    const token = await t.tokenFor('jo.po');
    assert.equal((await t.api('GET', `/api/v1/people/${newCrn}`, token)).statusCode, 200);
    const apiRead = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', person.id).where('action', '=', 'api.case.read').execute();
    assert.equal(apiRead.length, 1);
  });

  it('shows an administrator a person\'s trail, and refuses others', async () => {
    const admin = await t.signIn('admin');
    const page = await admin.get(`/people/${crn}/audit`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /jo\.po/);
    assert.match(page.body, /Viewed the case/);
    assert.equal((await (await t.signIn('sam.spo')).get(`/people/${crn}/audit`)).statusCode, 403);

    const token = await t.tokenFor('admin');
    const api = await t.api('GET', `/api/v1/people/${crn}/audit`, token);
    assert.equal(api.statusCode, 200);
    assert.ok(api.json().entries.some((e: { action: string; username: string }) => e.action === 'case.read' && e.username === 'jo.po'));
    const joToken = await t.tokenFor('jo.po');
    assert.equal((await t.api('GET', `/api/v1/people/${crn}/audit`, joToken)).statusCode, 403);
  });

  it('is append-only', async () => {
    await assert.rejects(sql`update audit_log set action = 'x'`.execute(t.database.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(t.database.db), /append-only/);
  });

  it('records every one of many simultaneous reads, written together, and keeps the chain', async () => {
    const jo = await t.signIn('jo.po');
    const before = await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).executeTakeFirstOrThrow();
    const pages = await Promise.all(Array.from({ length: 30 }, () => jo.get(`/people/${crn}`)));
    assert.deepEqual(new Set(pages.map((page) => page.statusCode)), new Set([200]));
    const reads = await t.database.db.selectFrom('audit_log').select(['request_id', 'action']).where('person_id', '=', personId).orderBy('id').offset(before.n).execute();
    assert.equal(reads.length, 30);
    assert.equal(new Set(reads.map((read) => read.request_id)).size, 30, 'one row per request');
    const chain = await verifyAuditChain(t.database.db);
    assert.ok(chain.ok, JSON.stringify(chain));
  });

  it('fails only the write whose row is refused when rows are written together', async () => {
    const actor = { userId: null, username: 'batch-test', requestId: null, ip: null };
    const results = await Promise.allSettled([
      writeAudit(t.database.db, actor, { action: 'batch.first', personId }),
      writeAudit(t.database.db, actor, { action: null as unknown as string, personId }),
      writeAudit(t.database.db, actor, { action: 'batch.third', personId }),
    ]);
    assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'rejected', 'fulfilled']);
    const written = await t.database.db.selectFrom('audit_log').select('action').where('username', '=', 'batch-test').orderBy('id').execute();
    assert.deepEqual(written.map((row) => row.action), ['batch.first', 'batch.third']);
    assert.ok((await verifyAuditChain(t.database.db)).ok);
  });

  it('finds the end of the chain by its primary key even with statistics from when the log was empty', async () => {
    // The trigger's plan is kept per connection; statistics taken while the log was empty must not make it a scan of the whole log.
    const config = (await sql<{ proconfig: string[] | null }>`select proconfig from pg_proc where proname = 'audit_log_chain'`.execute(t.database.db)).rows[0]!.proconfig;
    assert.deepEqual(config, ['enable_seqscan=off']);
    const plan = await t.database.db.transaction().execute(async (trx) => {
      await sql`update pg_class set relpages = 0, reltuples = 0 where oid = 'audit_log'::regclass`.execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`explain select hash from audit_log order by id desc limit 1`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    assert.match(plan, /Index Scan Backward using audit_log_pkey/);
  });

  it('verifies its hash chain and reports the first row that was changed or removed', async () => {
    const db = t.database.db;
    const intact = await verifyAuditChain(db, 3);
    assert.ok(intact.ok && intact.rows > 5, JSON.stringify(intact));

    const victim = await db.selectFrom('audit_log').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow();
    // A database owner can bypass the trigger; the chain still shows what they did.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    try {
      await sql`update audit_log set username = 'someone-else' where id = ${victim.id}`.execute(db);
      const changed = await verifyAuditChain(db, 3);
      assert.ok(!changed.ok);
      assert.equal(changed.brokenAt, victim.id);
      assert.match(changed.reason, /changed/);

      await sql`delete from audit_log where id = ${victim.id}`.execute(db);
      const removed = await verifyAuditChain(db);
      assert.ok(!removed.ok);
      assert.ok(removed.brokenAt > victim.id);
      assert.match(removed.reason, /removed or inserted/);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
    }
  });
});

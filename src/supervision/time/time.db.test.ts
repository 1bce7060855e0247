import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { addDays, lastWeeks, sharePercent, weekStart } from './rules.ts';

const today = new Date().toISOString().slice(0, 10);
const parts = (iso: string) => { const [y, m, d] = iso.split('-'); return { 'worked-on-day': String(Number(d)), 'worked-on-month': String(Number(m)), 'worked-on-year': y! }; };

describe('time with people', { timeout: 300_000 }, () => {
  let t: TestApp;
  let jo: { id: number }, lee: { id: number };
  before(async () => {
    t = await createTestApp({ people: 300 });
    const db = t.database.db;
    jo = await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    lee = await db.selectFrom('users').select('id').where('username', '=', 'lee.po').executeTakeFirstOrThrow();
  });
  after(() => t.close());

  it('records an entry, corrects it and removes it, keeping every version', async () => {
    const b = await t.signIn('jo.po');
    const db = t.database.db;
    const day = addDays(today, -1);
    const saved = await b.post('/time-with-people/record', { ...parts(day), kind: 'reports', hours: '2', minutes: '0', crn: '', note: 'PSR for court' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const entry = await db.selectFrom('work_time_entries').selectAll().where('user_id', '=', jo.id).where('note', '=', 'PSR for court').executeTakeFirstOrThrow();
    assert.equal(entry.minutes, 120);
    assert.equal(Number(entry.entry_id), Number(entry.id));

    const page = await b.get(`/time-with-people/record/${entry.entry_id}`);
    assert.equal(page.statusCode, 200);
    const corrected = await b.post(`/time-with-people/record/${entry.entry_id}/correct`, { ...parts(day), kind: 'reports', hours: '1', minutes: '30', crn: '', note: 'PSR for court', reason: 'Typed the wrong time' });
    assert.equal(corrected.statusCode, 303, corrected.body.slice(0, 500));
    const removed = await b.post(`/time-with-people/record/${entry.entry_id}/remove`, { 'remove-reason': 'Recorded twice' });
    assert.equal(removed.statusCode, 303);
    const versions = await db.selectFrom('work_time_entries').select(['change', 'minutes', 'change_reason']).where('entry_id', '=', entry.entry_id).orderBy('id').execute();
    assert.deepEqual(versions, [
      { change: 'recorded', minutes: 120, change_reason: null },
      { change: 'corrected', minutes: 90, change_reason: 'Typed the wrong time' },
      { change: 'removed', minutes: 90, change_reason: 'Recorded twice' },
    ]);
    // Removed: it no longer counts, and cannot be changed again.
    const again = await b.post(`/time-with-people/record/${entry.entry_id}/remove`, { 'remove-reason': 'Again' });
    assert.equal(again.statusCode, 404);
    await assert.rejects(sql`UPDATE work_time_entries SET minutes = 1 WHERE id = ${entry.id}`.execute(db), /append-only/);
    await assert.rejects(sql`DELETE FROM work_time_entries WHERE id = ${entry.id}`.execute(db), /append-only/);
    // Another practitioner cannot correct it.
    const lb = await t.signIn('lee.po');
    const other = await lb.post(`/time-with-people/record/${entry.entry_id}/correct`, { ...parts(day), kind: 'admin', hours: '1', minutes: '0', reason: 'x' });
    assert.equal(other.statusCode, 404);
  });

  it('keeps typed values and explains each error on the form', async () => {
    const b = await t.signIn('jo.po');
    const r = await b.post('/time-with-people/record', { 'worked-on-day': '31', 'worked-on-month': '2', 'worked-on-year': '2026', kind: '', hours: '25', minutes: 'x', crn: 'nonsense', note: 'kept' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /The date must be a real date/);
    assert.match(r.body, /Select the kind of work/);
    assert.match(r.body, /Hours must be a whole number from 0 to 24/);
    assert.match(r.body, /Enter a CRN like X123456/);
    assert.match(r.body, /value="nonsense"/);
    assert.match(r.body, /kept<\/textarea>/);
    const future = await b.post('/time-with-people/record', { ...parts(addDays(today, 2)), kind: 'admin', hours: '1', minutes: '0' });
    assert.match(future.body, /today or in the past/);
  });

  it('a practitioner sees only their own figures; a manager sees their team and PDU', async () => {
    const joToken = await t.tokenFor('jo.po');
    const samToken = await t.tokenFor('sam.spo');
    assert.equal((await t.api('GET', `/api/v1/time-with-people?practitioner=${lee.id}`, joToken)).statusCode, 403);
    assert.equal((await t.api('GET', '/api/v1/time-with-people?team=NE-NCL-C', joToken)).statusCode, 403);
    assert.equal((await t.api('GET', '/api/v1/time-with-people?pdu=NE-NCL', joToken)).statusCode, 403);
    const b = await t.signIn('jo.po');
    assert.equal((await b.get(`/time-with-people?practitioner=${lee.id}`)).statusCode, 403);
    const own = await t.api('GET', '/api/v1/time-with-people', joToken);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().scope.practitioner, jo.id);
    const team = await t.api('GET', '/api/v1/time-with-people?team=NE-NCL-C&weeks=4', samToken);
    assert.equal(team.statusCode, 200, team.body);
    assert.equal(team.json().scope.kind, 'team');
    assert.ok(team.json().scope.practitioners >= 4);
    assert.equal(team.json().series.length, 4);
    assert.equal((await t.api('GET', `/api/v1/time-with-people?practitioner=${lee.id}`, samToken)).statusCode, 200);
    assert.equal((await t.api('GET', '/api/v1/time-with-people?pdu=NE-NCL&by=month', samToken)).statusCode, 200);
    const sam = await t.signIn('sam.spo');
    const page = await sam.get('/time-with-people?team=NE-NCL-C&weeks=4');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /role="img"/);
    assert.match(page.body, /Jo Armstrong/);
  });

  it('the API series equals a hand count from the database', async () => {
    const db = t.database.db;
    const token = await t.tokenFor('lee.po');
    const post = await t.api('POST', '/api/v1/work-time', token, { workedOn: today, kind: 'admin', minutes: 95, note: 'Emails' });
    assert.equal(post.statusCode, 201, post.body);
    const { from, to } = lastWeeks(today, 12);
    const res = await t.api('GET', `/api/v1/time-with-people?weeks=12`, token);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.from, from);
    assert.equal(body.series.length, 12);
    // Hand count, in SQL written separately from the service: contacts that happened and other work, per ISO week.
    const contacts = await sql<{ week: string; direct: string; total: string }>`
      SELECT to_char(date_trunc('week', (c.starts_at AT TIME ZONE 'Europe/London')::date), 'YYYY-MM-DD') AS week,
             sum(c.duration_minutes) FILTER (WHERE c.direct_engagement) AS direct, sum(c.duration_minutes) AS total
      FROM current_contacts c JOIN contact_types t ON t.code = c.type_code
      WHERE c.practitioner_id = ${lee.id} AND c.change <> 'cancelled'
        AND (c.outcome IN ('attended_complied', 'attended_failed_to_comply') OR (NOT t.appointment AND c.outcome IS NULL))
        AND (c.starts_at AT TIME ZONE 'Europe/London')::date BETWEEN ${from}::date AND ${to}::date
      GROUP BY 1`.execute(db);
    const other = await sql<{ week: string; minutes: string }>`
      SELECT to_char(date_trunc('week', worked_on), 'YYYY-MM-DD') AS week, sum(minutes) AS minutes
      FROM current_work_time_entries WHERE user_id = ${lee.id} AND change <> 'removed' AND worked_on BETWEEN ${from}::date AND ${to}::date GROUP BY 1`.execute(db);
    let checked = 0, withData = 0;
    for (const point of body.series) {
      const c = contacts.rows.find((r) => r.week === weekStart(point.start));
      const o = other.rows.find((r) => r.week === weekStart(point.start));
      const direct = Number(c?.direct ?? 0), total = Number(c?.total ?? 0), work = Number(o?.minutes ?? 0);
      assert.equal(point.directMinutes, direct, point.key);
      assert.equal(point.recordedMinutes, total + work, point.key);
      assert.equal(point.share, sharePercent(direct, total + work), point.key);
      checked++;
      if (point.share !== null) withData++;
    }
    assert.equal(checked, 12);
    assert.ok(withData >= 1, 'the demo and the entry above give at least one week with data');
    const last = body.series.at(-1);
    assert.ok(last.otherMinutes >= 95);
    assert.match(body.total.explanation, /with people of .* recorded = \d+\.\d%/);
    const mine = await t.api('GET', '/api/v1/work-time', token);
    assert.equal(mine.statusCode, 200);
    assert.ok(mine.json().entries.some((e: { minutes: number; note: string }) => e.minutes === 95 && e.note === 'Emails'));
    const audited = await db.selectFrom('audit_log').select('action').where('action', '=', 'api.work-time.record').executeTakeFirst();
    assert.ok(audited);
  });

  it('bad input gets a 400 with a message', async () => {
    const token = await t.tokenFor('jo.po');
    const samToken = await t.tokenFor('sam.spo');
    const cases: [string, string, unknown, RegExp][] = [
      ['GET', '/api/v1/time-with-people?weeks=5', undefined, /Choose the last 4, 12, 26 weeks/],
      ['GET', '/api/v1/time-with-people?from=2026-02-30&to=2026-03-01', undefined, /real date/],
      ['GET', '/api/v1/time-with-people?from=2026-03-10&to=2026-03-01', undefined, /after the first day/],
      ['GET', '/api/v1/time-with-people?by=year', undefined, /week or by month/],
      ['GET', '/api/v1/time-with-people?practitioner=abc', undefined, /staff id/],
      ['POST', '/api/v1/work-time', { workedOn: today, kind: 'golf', minutes: 60 }, /kind of work must be one of/],
      ['POST', '/api/v1/work-time', { workedOn: 'yesterday', kind: 'admin', minutes: 60 }, /real date/],
      ['POST', '/api/v1/work-time', { workedOn: today, kind: 'admin', minutes: 0 }, /./],
      ['POST', '/api/v1/work-time', { workedOn: today, kind: 'admin', minutes: 60, crn: 'Z999999' }, /no case with CRN Z999999/],
      ['GET', '/api/v1/work-time?from=nonsense', undefined, /real date/],
    ];
    for (const [method, url, body, message] of cases) {
      const r = await t.api(method as 'GET', url, token, body);
      assert.equal(r.statusCode, 400, `${method} ${url}: ${r.body}`);
      assert.match(r.body, message, url);
    }
    assert.equal((await t.api('GET', '/api/v1/time-with-people?team=NOPE', samToken)).statusCode, 400);
    assert.equal((await t.api('GET', '/api/v1/time-with-people?team=NE-NCL-C&pdu=NE-NCL', samToken)).statusCode, 400);
    // A day's other work stays within 24 hours.
    const day = addDays(today, -300); // before any demo entries
    assert.equal((await t.api('POST', '/api/v1/work-time', token, { workedOn: day, kind: 'admin', minutes: 1400 })).statusCode, 201);
    const over = await t.api('POST', '/api/v1/work-time', token, { workedOn: day, kind: 'admin', minutes: 60 });
    assert.equal(over.statusCode, 400);
    assert.match(over.body, /cannot be more than 24 hours/);
  });
});

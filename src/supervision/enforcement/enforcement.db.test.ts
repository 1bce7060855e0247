import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { addDays } from '../../platform/http/dates.ts';
import { londonInstant } from '../../platform/uk-time.ts';
import { correctContact, recordContact } from '../contacts/service.ts';
import { breachDeadline } from './deadline.ts';
import { enforcementStatusOf } from './service.ts';

const today = new Date().toISOString().slice(0, 10);
const parts = (name: string, iso: string) => { const [y, m, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }; };

describe('enforcement', () => {
  let t: TestApp;
  let person: { id: number; crn: string };
  let jo: number;

  before(async () => {
    t = await createTestApp({ people: 80 });
    const db = t.database.db;
    const joRow = await db.selectFrom('users').select(['id', 'team_id']).where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    jo = joRow.id;
    // A community order case held by jo.po with no failure on record yet, sentenced well before the failures below.
    const found = await db.selectFrom('people as p')
      .innerJoin('case_allocations as ca', (j) => j.onRef('ca.person_id', '=', 'p.id').on('ca.ended_at', 'is', null))
      .innerJoin('sentences as s', (j) => j.onRef('s.person_id', '=', 'p.id').on('s.status', '=', 'active'))
      .select(['p.id', 'p.crn']).where('s.sentence_type', '=', 'community_order').where('s.sentenced_on', '<=', addDays(today, -60))
      .where(sql<boolean>`not exists (select 1 from sentences s2 where s2.person_id = p.id and s2.status = 'active' and s2.sentenced_on > s.sentenced_on)`)
      .where(sql<boolean>`not exists (select 1 from enforcement_actions a where a.person_id = p.id)`)
      .where(sql<boolean>`not exists (select 1 from case_access_rules r where r.person_id = p.id)`)
      .orderBy('p.id').executeTakeFirst();
    assert.ok(found, 'a community order case with no enforcement history');
    person = found;
    await db.updateTable('case_allocations').set({ practitioner_id: jo, team_id: joRow.team_id! }).where('person_id', '=', person.id).where('ended_at', 'is', null).execute();
  });
  after(async () => t?.close());

  const fail = (date: string, outcome: 'unacceptable_absence' | 'attended_failed_to_comply' = 'unacceptable_absence') =>
    t.database.db.transaction().execute((trx) => recordContact(trx, {
      personId: person.id, typeCode: 'office', practitionerId: jo, startsAt: londonInstant(date, '10:00'), outcome, by: jo,
    }));
  const actions = () => t.database.db.selectFrom('enforcement_actions').selectAll().where('person_id', '=', person.id).orderBy('failure_on').execute();

  it('an unacceptable absence recorded through the contacts service opens a warning action and notifies the practitioner', async () => {
    await fail(addDays(today, -30));
    const rows = await actions();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.kind, 'warning');
    assert.equal(rows[0]!.status, 'open');
    const notice = await t.database.db.selectFrom('notifications').select('message').where('person_id', '=', person.id).where('user_id', '=', jo).where('kind', '=', 'enforcement-action').executeTakeFirst();
    assert.match(notice!.message, /give a warning/);
    // Reviewing again changes nothing: one action per failure date.
    await fail(addDays(today, -30), 'attended_failed_to_comply');
    assert.equal((await actions()).length, 1);
    const status = (await enforcementStatusOf(t.database.db, [person.id], today)).get(person.id)!;
    assert.equal(status.status, 'warning');
  });

  it('issuing the warning makes a PDF letter, records it and audits it', async () => {
    const jo = await t.signIn('jo.po');
    const [action] = await actions();
    const page = await jo.get(`/people/${person.crn}/enforcement/actions/${action!.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Issue warning letter/);
    const bad = await jo.post(`/people/${person.crn}/enforcement/actions/${action!.id}/warning`, parts('issuedOn', addDays(today, 5)));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /must be today or in the past/);
    const ok = await jo.post(`/people/${person.crn}/enforcement/actions/${action!.id}/warning`, parts('issuedOn', addDays(today, -29)));
    assert.equal(ok.statusCode, 303);
    const letter = await t.database.db.selectFrom('warning_letters').select(['id', 'issued_on']).where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(letter.issued_on, addDays(today, -29));
    const pdf = await jo.get(`/people/${person.crn}/enforcement/warnings/${letter.id}.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = await pdfText(pdf.rawPayload);
    assert.match(text, /formal warning/);
    assert.match(text, new RegExp(person.crn));
    assert.match(text, /you will be returned to court/);
    assert.equal((await actions())[0]!.status, 'done');
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', person.id).where('action', '=', 'enforcement.warning.issue').executeTakeFirst();
    assert.ok(audited);
  });

  it('a second failure within 12 months makes breach action due with its deadline', async () => {
    const failureOn = addDays(today, -3);
    await fail(failureOn);
    const breach = (await actions()).find((a) => a.failure_on === failureOn)!;
    assert.equal(breach.kind, 'breach');
    assert.equal(breach.due_on, breachDeadline(failureOn, 10));
    const status = (await enforcementStatusOf(t.database.db, [person.id], today)).get(person.id)!;
    assert.equal(status.status, 'breach_due');
    assert.equal(status.deadlineOn, breach.due_on);
  });

  it('propose, the proposer cannot countersign, a senior officer countersigns, the case shows in breach', async () => {
    const jo = await t.signIn('jo.po');
    const breach = (await actions()).find((a) => a.kind === 'breach')!;
    const missing = await jo.post(`/people/${person.crn}/enforcement/actions/${breach.id}/propose`, { kind: 'breach', reasons: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Give the reasons for the proposal/);
    const proposed = await jo.post(`/people/${person.crn}/enforcement/actions/${breach.id}/propose`, { kind: 'breach', reasons: 'Second absence within 12 months of the warning.' });
    assert.equal(proposed.statusCode, 303);
    const decision = await t.database.db.selectFrom('enforcement_decisions').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(decision.status, 'proposed');
    const again = await jo.post(`/people/${person.crn}/enforcement/actions/${breach.id}/propose`, { kind: 'breach', reasons: 'Again' });
    assert.equal(again.statusCode, 409);
    // The proposer cannot countersign (a practitioner lacks the permission; the rule below covers an SPO's own).
    const own = await jo.post(`/people/${person.crn}/enforcement/decisions/${decision.id}/countersign`, { decision: 'countersign' });
    assert.equal(own.statusCode, 403);
    const sam = await t.signIn('sam.spo');
    const queue = await sam.get('/enforcement');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(person.crn));
    const signed = await sam.post(`/people/${person.crn}/enforcement/decisions/${decision.id}/countersign`, { decision: 'countersign', reasons: 'Agreed.' });
    assert.equal(signed.statusCode, 303);
    const page = await sam.get(`/people/${person.crn}/enforcement`);
    assert.match(page.body, /In breach: breach action must be laid by/);
    const status = (await enforcementStatusOf(t.database.db, [person.id], today)).get(person.id)!;
    assert.equal(status.status, 'in_breach');
    assert.equal(status.deadlineOn, breach.due_on);
    const report = await sam.get(`/people/${person.crn}/enforcement/decisions/${decision.id}/report.pdf`);
    assert.equal(report.statusCode, 200);
    const text = await pdfText(report.rawPayload);
    assert.match(text, /Breach report/);
    assert.match(text, /Second absence within 12 months/);
    assert.match(text, /Warnings given/);
  });

  it('a senior officer cannot countersign their own proposal: 403 in code, and the database refuses it', async () => {
    const db = t.database.db;
    const sam = await t.tokenFor('sam.spo');
    const failureOn = addDays(today, -2);
    await fail(failureOn);
    const further = (await actions()).find((a) => a.failure_on === failureOn)!;
    assert.equal(further.kind, 'further_failure');
    // A further failure is not proposed separately.
    const refused = await t.api('POST', `/api/v1/people/${person.crn}/enforcement/decisions`, sam, { actionId: further.id, kind: 'breach', reasons: 'x' });
    assert.equal(refused.statusCode, 409);
    const samId = (await db.selectFrom('users').select('id').where('username', '=', 'sam.spo').executeTakeFirstOrThrow()).id;
    const decision = await db.insertInto('enforcement_decisions').values({ person_id: person.id, kind: 'breach', failure_on: addDays(today, -40), reasons: 'Test', proposed_by: samId }).returning('id').executeTakeFirstOrThrow();
    const own = await t.api('POST', `/api/v1/enforcement/decisions/${decision.id}/countersign`, sam, { decision: 'countersign' });
    assert.equal(own.statusCode, 403);
    assert.match(own.json().message, /You proposed this/);
    await assert.rejects(db.updateTable('enforcement_decisions').set({ status: 'countersigned', countersigned_by: samId, countersigned_at: new Date() }).where('id', '=', decision.id).execute());
    const priya = await t.tokenFor('priya.spo');
    const noReason = await t.api('POST', `/api/v1/enforcement/decisions/${decision.id}/countersign`, priya, { decision: 'return' });
    assert.equal(noReason.statusCode, 400);
    const returned = await t.api('POST', `/api/v1/enforcement/decisions/${decision.id}/countersign`, priya, { decision: 'return', reasons: 'Not the right failure' });
    assert.equal(returned.statusCode, 200);
    assert.equal(returned.json().status, 'returned');
  });

  it('a correction of the outcome to an acceptable absence withdraws the open action', async () => {
    const db = t.database.db;
    const failureOn = addDays(today, -2);
    const contact = await db.selectFrom('current_contacts').select('contact_id').where('person_id', '=', person.id)
      .where('outcome', '=', 'unacceptable_absence').orderBy('starts_at', 'desc').executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => correctContact(trx, contact.contact_id, { outcome: 'acceptable_absence', evidence: 'GP sick note for the day', reason: 'Sick note received', by: jo }));
    const withdrawn = (await actions()).find((a) => a.failure_on === failureOn)!;
    assert.equal(withdrawn.status, 'withdrawn');
    assert.match(withdrawn.resolution!, /corrected/);
  });

  it('the case API shows the status, actions and decisions; outcomes conclude the breach', async () => {
    const jo = await t.tokenFor('jo.po');
    const res = await t.api('GET', `/api/v1/people/${person.crn}/enforcement`, jo);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'in_breach');
    assert.ok(body.actions.length >= 3);
    const countersigned = body.decisions.find((d: { status: string }) => d.status === 'countersigned');
    const laid = await t.api('POST', `/api/v1/enforcement/decisions/${countersigned.id}/outcome`, jo, { laidOn: today });
    assert.equal(laid.statusCode, 200);
    const badOutcome = await t.api('POST', `/api/v1/enforcement/decisions/${countersigned.id}/outcome`, jo, { outcome: 'recalled', concludedOn: today });
    assert.equal(badOutcome.statusCode, 400);
    const done = await t.api('POST', `/api/v1/enforcement/decisions/${countersigned.id}/outcome`, jo, { outcome: 'continued_with_warning', concludedOn: today, notes: 'Order continued' });
    assert.equal(done.statusCode, 200);
    const after = (await t.api('GET', `/api/v1/people/${person.crn}/enforcement`, jo)).json();
    assert.notEqual(after.status, 'in_breach');
    assert.equal((await t.api('GET', '/api/v1/people/X000000/enforcement', jo)).statusCode, 404);
    assert.equal((await t.api('POST', '/api/v1/enforcement/decisions/999999/countersign', await t.tokenFor('sam.spo'), { decision: 'countersign' })).statusCode, 404);
  });

  it('the evaluate API runs the rules on a table of histories and answers bad input with 400s', async () => {
    const token = await t.tokenFor('chris.court');
    const cases: [string, string, { date: string; kind: string }[], string[]][] = [
      ['community_order', '2026-01-01', [{ date: '2026-01-10', kind: 'unacceptable_failure' }, { date: '2027-01-09', kind: 'unacceptable_failure' }], ['2026-01-10 warning', '2027-01-09 breach']],
      ['community_order', '2026-01-01', [{ date: '2026-01-10', kind: 'unacceptable_failure' }, { date: '2027-01-10', kind: 'unacceptable_failure' }], ['2026-01-10 warning', '2027-01-10 warning']],
      ['suspended_sentence_order', '2026-01-01', [{ date: '2026-01-10', kind: 'acceptable_absence' }, { date: '2026-01-11', kind: 'complied' }], []],
      ['licence', '2026-02-01', [{ date: '2026-01-10', kind: 'unacceptable_failure' }, { date: '2026-02-10', kind: 'unacceptable_failure' }], ['2026-02-10 recall_review']],
    ];
    for (const [orderType, startDate, events, expected] of cases) {
      const res = await t.api('POST', '/api/v1/enforcement/evaluate', token, { orderType, startDate, events });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().actions.map((a: { date: string; action: string }) => `${a.date} ${a.action}`), expected);
    }
    const bad: [unknown, RegExp][] = [
      [{ orderType: 'parole', startDate: '2026-01-01', events: [] }, /orderType/],
      [{ orderType: 'licence', startDate: '2026-02-30', events: [] }, /not a real date/],
      [{ orderType: 'licence', startDate: '2026-01-01', events: [{ date: '2026-01-02', kind: 'late' }] }, /kind/],
      [{ orderType: 'licence', startDate: '2026-01-01' }, /events is required/],
      [{ orderType: 'licence', startDate: '2026-01-01', events: [{ date: '2026-13-01', kind: 'complied' }] }, /events\.0\.date/],
    ];
    for (const [body, message] of bad) {
      const res = await t.api('POST', '/api/v1/enforcement/evaluate', token, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.match(res.json().message, message);
    }
    assert.equal((await t.api('POST', '/api/v1/enforcement/evaluate', null, cases[0])).statusCode, 401);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' }));
    if (doc.statusCode === 200) assert.ok(doc.json().paths['/api/v1/enforcement/evaluate']?.post?.tags?.includes('enforcement'));
  });

  it('applies the access list: a restricted case is refused on the tab, the PDFs and the API', async () => {
    const db = t.database.db;
    await db.insertInto('case_access_rules').values({ person_id: person.id, kind: 'restriction', message: 'This case is restricted.' }).execute();
    const lee = await t.signIn('lee.po');
    assert.equal((await lee.get(`/people/${person.crn}/enforcement`)).statusCode, 403);
    const letter = await db.selectFrom('warning_letters').select('id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal((await lee.get(`/people/${person.crn}/enforcement/warnings/${letter.id}.pdf`)).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${person.crn}/enforcement`, await t.tokenFor('lee.po'))).statusCode, 403);
    const refused = await db.selectFrom('audit_log').select('action').where('person_id', '=', person.id).where('action', 'like', '%enforcement%refused').executeTakeFirst();
    assert.ok(refused);
    await db.deleteFrom('case_access_rules').where('person_id', '=', person.id).execute();
    // Signed out: the sign-in page; a role without caseload:hold cannot issue warnings.
    const anon = await t.anonymous();
    assert.equal((await anon.get(`/people/${person.crn}/enforcement`)).statusCode, 302);
    const court = await t.tokenFor('chris.court');
    assert.equal((await t.api('POST', `/api/v1/people/${person.crn}/enforcement/warnings`, court, { actionId: 1 })).statusCode, 403);
  });
});

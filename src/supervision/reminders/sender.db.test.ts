import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import type { Db } from '../../database.ts';
import { OutboxAdapter, TemporaryFailure, type NotificationAdapter, type OutgoingText } from './adapter.ts';
import { recordConsent } from './repository.ts';
import { NotifyAdapter, parseNotifyApiKey } from './notify.ts';
import { pollStatuses, sweep } from './sender.ts';

// Far from the demo's own appointments: summer (BST), Tuesday 17 July 2035 is the appointments' day.
const DAY_BEFORE_NOON = new Date('2035-07-16T11:00:00Z'); // 12:00 BST
const QUIET_MORNING = new Date('2035-07-16T05:00:00Z'); // 06:00 BST, quiet until 08:00 BST (07:00 UTC)
const plusMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/** An adapter that records what it is asked to send, and can be told to fail. */
class RecordingAdapter implements NotificationAdapter {
  readonly provider = 'outbox' as const;
  sent: OutgoingText[] = [];
  failWith: Error | null = null;
  async send(message: OutgoingText) {
    if (this.failWith) throw this.failWith;
    this.sent.push(message);
    return { reference: `outbox-${message.id}` };
  }
}

let t: TestApp;
let db: Db;
let people: { id: number; crn: string; first_name: string }[];
let practitionerId: number;

async function book(personId: number, startsAt: string, typeCode = 'office', location: string | null = 'Pilgrim Street office') {
  const row = await db.insertInto('contacts').values({
    person_id: personId, type_code: typeCode, practitioner_id: practitionerId, starts_at: startsAt, duration_minutes: 30, location,
    counts_for_compliance: true, direct_engagement: true, change: 'booked', recorded_by: practitionerId, supersedes_id: null,
    requirement_id: null, outcome: null, outcome_evidence: null, notes: null, change_reason: null, rescheduled_to_contact_id: null,
  }).returning(['id', 'contact_id']).executeTakeFirstOrThrow();
  return { id: Number(row.id), contactId: Number(row.contact_id) };
}
const consent = (personId: number, mobile: string | null, consented = true) =>
  recordConsent(db, personId, { consented, mobile, note: null }, practitionerId);
const messageFor = (contactId: number) => db.selectFrom('reminder_messages').selectAll().where('contact_id', '=', contactId).executeTakeFirst();

before(async () => {
  t = await createTestApp({ people: 40 });
  db = t.database.db;
  // People no access list restricts, so that the pages' users can open them.
  people = (await db.selectFrom('people').select(['id', 'crn', 'first_name'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('case_access_rules as r').select('r.id').whereRef('r.person_id', '=', 'people.id'))))
    .orderBy('id').limit(20).execute()).map((p) => ({ ...p, id: Number(p.id) }));
  practitionerId = (await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow()).id;
  // The demo's consents and any demo appointments on our days play no part.
  for (const p of people) await consent(p.id, null, false);
});
after(async () => t?.close());

describe('the reminder sweep', () => {
  it('sends nothing without consent', async () => {
    const adapter = new RecordingAdapter();
    const appointment = await book(people[0]!.id, '2035-07-17T09:00:00Z');
    await sweep(db, adapter, DAY_BEFORE_NOON);
    assert.equal(await messageFor(appointment.contactId), undefined);
    assert.equal(adapter.sent.length, 0);
  });

  it('does not send to a number that is not a UK mobile, and records why', async () => {
    const adapter = new RecordingAdapter();
    // As if brought in from another system: the form and API never accept a landline.
    await db.insertInto('reminder_consents').values({ person_id: people[1]!.id, consented: true, mobile: '0191 498 0000', recorded_by: null, note: null }).execute();
    const appointment = await book(people[1]!.id, '2035-07-17T09:00:00Z');
    await sweep(db, adapter, DAY_BEFORE_NOON);
    const message = await messageFor(appointment.contactId);
    assert.equal(message?.status, 'cancelled');
    assert.match(message!.last_error!, /0191 498 0000.*landline/);
    assert.equal(adapter.sent.length, 0);
  });

  it('waits for the end of quiet hours, then sends once only', async () => {
    const adapter = new RecordingAdapter();
    await consent(people[2]!.id, '+447700900002');
    const appointment = await book(people[2]!.id, '2035-07-17T13:00:00Z');
    const early = await sweep(db, adapter, QUIET_MORNING);
    assert.equal(early.queued, 1);
    assert.equal(adapter.sent.length, 0);
    const waiting = await messageFor(appointment.contactId);
    assert.equal(waiting?.status, 'pending');
    assert.deepEqual(waiting?.next_attempt_at, new Date('2035-07-16T07:00:00Z'));
    await sweep(db, adapter, new Date('2035-07-16T06:59:00Z'));
    assert.equal(adapter.sent.length, 0, 'still quiet at 07:59 BST');
    await sweep(db, adapter, new Date('2035-07-16T07:00:00Z'));
    assert.equal(adapter.sent.length, 1);
    assert.equal(adapter.sent[0]!.phone, '+447700900002');
    assert.match(adapter.sent[0]!.text, new RegExp(`^Hello ${people[2]!.first_name.split(' ')[0]}, this is a reminder of your office appointment on Tuesday 17 July at 2pm at Pilgrim Street office`));
    const sent = await messageFor(appointment.contactId);
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.provider, 'outbox');
    assert.equal(sent?.attempts, 1);
    const again = await sweep(db, adapter, new Date('2035-07-16T08:00:00Z'));
    assert.equal(again.sent + again.queued, 0);
    assert.equal(adapter.sent.length, 1, 'a second sweep sends nothing');
  });

  it('leaves a reminder pending with its attempt counted when the adapter fails, and sends it on a later sweep', async () => {
    const adapter = new RecordingAdapter();
    await consent(people[3]!.id, '07700 900003');
    const appointment = await book(people[3]!.id, '2035-07-17T15:00:00Z');
    adapter.failWith = new TemporaryFailure('Notify answered 500');
    const first = await sweep(db, adapter, DAY_BEFORE_NOON);
    assert.equal(first.retrying, 1);
    const pending = await messageFor(appointment.contactId);
    assert.equal(pending?.status, 'pending');
    assert.equal(pending?.attempts, 1);
    assert.equal(pending?.last_error, 'Notify answered 500');
    assert.deepEqual(pending?.next_attempt_at, plusMinutes(DAY_BEFORE_NOON, 5));
    adapter.failWith = new Error('socket hang up'); // anything unexpected is a temporary failure too
    await sweep(db, adapter, plusMinutes(DAY_BEFORE_NOON, 5));
    assert.equal((await messageFor(appointment.contactId))?.attempts, 2);
    assert.deepEqual((await messageFor(appointment.contactId))?.next_attempt_at, plusMinutes(DAY_BEFORE_NOON, 15));
    adapter.failWith = null;
    await sweep(db, adapter, plusMinutes(DAY_BEFORE_NOON, 10));
    assert.equal(adapter.sent.length, 0, 'not before its next attempt');
    await sweep(db, adapter, plusMinutes(DAY_BEFORE_NOON, 15));
    assert.equal(adapter.sent.length, 1);
    const sent = await messageFor(appointment.contactId);
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.attempts, 3);
    assert.equal(sent?.last_error, null);
  });

  it('does not send the reminder of an appointment rescheduled or cancelled after it was written', async () => {
    const adapter = new RecordingAdapter();
    await consent(people[4]!.id, '+447700900004');
    const first = await book(people[4]!.id, '2035-07-17T10:00:00Z');
    const second = await book(people[4]!.id, '2035-07-17T14:00:00Z');
    await sweep(db, adapter, QUIET_MORNING); // both written, waiting for the morning
    const replacement = await book(people[4]!.id, '2035-07-17T10:30:00Z');
    await db.insertInto('contacts').values({
      person_id: people[4]!.id, supersedes_id: first.id, type_code: 'office', practitioner_id: practitionerId, starts_at: '2035-07-17T10:00:00Z',
      duration_minutes: 30, location: 'Pilgrim Street office', counts_for_compliance: true, direct_engagement: true, outcome: 'rescheduled',
      change: 'outcome', recorded_by: practitionerId, requirement_id: null, outcome_evidence: null, notes: null, change_reason: null, rescheduled_to_contact_id: replacement.contactId,
    }).execute();
    await db.insertInto('contacts').values({
      person_id: people[4]!.id, supersedes_id: second.id, type_code: 'office', practitioner_id: practitionerId, starts_at: '2035-07-17T14:00:00Z',
      duration_minutes: 30, location: 'Pilgrim Street office', counts_for_compliance: true, direct_engagement: true, outcome: null,
      change: 'cancelled', recorded_by: practitionerId, requirement_id: null, outcome_evidence: null, notes: null, change_reason: 'Officer ill', rescheduled_to_contact_id: null,
    }).execute();
    await sweep(db, adapter, DAY_BEFORE_NOON);
    assert.equal((await messageFor(first.contactId))?.status, 'cancelled');
    assert.match((await messageFor(first.contactId))!.last_error!, /rescheduled/);
    assert.match((await messageFor(second.contactId))!.last_error!, /cancelled/);
    assert.equal((await messageFor(replacement.contactId))?.status, 'sent', 'the new appointment has its own reminder');
    assert.deepEqual(adapter.sent.map((m) => /at 11:30am at Pilgrim Street office/.test(m.text)), [true]);
  });

  it('cancels waiting reminders when consent is withdrawn', async () => {
    const adapter = new RecordingAdapter();
    await consent(people[5]!.id, '+447700900005');
    const appointment = await book(people[5]!.id, '2035-07-17T16:00:00Z');
    await sweep(db, adapter, QUIET_MORNING);
    const withdrawn = await consent(people[5]!.id, null, false);
    assert.deepEqual({ withdrawn: withdrawn.withdrawn, cancelled: withdrawn.cancelled }, { withdrawn: true, cancelled: 1 });
    await sweep(db, adapter, DAY_BEFORE_NOON);
    assert.equal((await messageFor(appointment.contactId))?.status, 'cancelled');
    assert.equal(adapter.sent.length, 0);
  });
});

/** A stand-in for GOV.UK Notify's API on 127.0.0.1 that checks requests as Notify does. */
function fakeNotify(serviceId: string, secret: string) {
  const received: { body: Record<string, unknown> }[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const [header, claims, signature] = token.split('.');
      const expected = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
      const parsedHeader = header ? JSON.parse(Buffer.from(header, 'base64url').toString()) : {};
      const parsedClaims = claims ? JSON.parse(Buffer.from(claims, 'base64url').toString()) : {};
      if (signature !== expected || parsedHeader.alg !== 'HS256' || parsedClaims.iss !== serviceId || Math.abs(parsedClaims.iat - Date.now() / 1000) > 30) {
        return answer(403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token: signature, api token not found' }] });
      }
      if (request.method === 'GET' && request.url?.startsWith('/v2/notifications/')) {
        return answer(200, { id: request.url.split('/').at(-1), type: 'sms', status: 'delivered' });
      }
      if (request.method !== 'POST' || request.url !== '/v2/notifications/sms' || request.headers['content-type'] !== 'application/json') {
        return answer(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ body });
      if (typeof body.template_id !== 'string' || typeof body.phone_number !== 'string' || typeof body.personalisation !== 'object') {
        return answer(400, { status_code: 400, errors: [{ error: 'ValidationError', message: 'template_id is a required property' }] });
      }
      if (body.phone_number === '+447700900400') return answer(400, { status_code: 400, errors: [{ error: 'ValidationError', message: 'phone_number Not a UK mobile number' }] });
      if (body.phone_number === '+447700900500') return answer(500, { status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] });
      return answer(201, { id: '740e5834-3a29-46b4-9a6f-16142fde0e1a', reference: body.reference, content: { body: 'x', from_number: 'GOVUK' }, uri: 'x', template: { id: body.template_id, version: 1, uri: 'x' } });
    });
  });
  return { server, received };
}

describe('the GOV.UK Notify adapter, against an HTTP server that checks like Notify', () => {
  const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506';
  const secret = '3d844edf-8d35-48ac-975b-e847b4f122b0';
  const apiKey = `throughline_test-${serviceId}-${secret}`;
  const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
  const notify = fakeNotify(serviceId, secret);
  let baseUrl = '';
  before(async () => {
    await new Promise<void>((resolve) => notify.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(notify.server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => notify.server.close(() => resolve())));

  it('reads the service id and secret from the key', () => {
    assert.deepEqual(parseNotifyApiKey(apiKey), { keyName: 'throughline_test', serviceId, secret });
    assert.throws(() => parseNotifyApiKey('not-a-key'), /key_name/);
  });

  it('sends with a signed token: 201 is sent, 400 a permanent failure, 500 retried; then asks for the delivery status', async () => {
    const adapter = new NotifyAdapter({ apiKey, templateId, baseUrl });
    const ok = people[6]!;
    const refused = people[7]!;
    const broken = people[8]!;
    await consent(ok.id, '07700 900006');
    await consent(refused.id, '07700 900400');
    await consent(broken.id, '07700 900500');
    const [a, b, c] = [await book(ok.id, '2035-07-17T09:30:00Z'), await book(refused.id, '2035-07-17T09:30:00Z'), await book(broken.id, '2035-07-17T09:30:00Z')];
    const result = await sweep(db, adapter, new Date(Date.now()));
    void result; // the clock is now, so our 2035 appointments are not due: queue them by sweeping on the day before
    await sweep(db, adapter, DAY_BEFORE_NOON);
    const sent = await messageFor(a.contactId);
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.provider, 'notify');
    assert.equal(sent?.provider_reference, '740e5834-3a29-46b4-9a6f-16142fde0e1a');
    const body = notify.received.find((r) => r.body.phone_number === '+447700900006')!.body;
    assert.equal(body.template_id, templateId);
    assert.equal(body.reference, `reminder-${sent!.id}`);
    assert.equal((body.personalisation as Record<string, string>).message, sent!.text);
    assert.equal((body.personalisation as Record<string, string>).time, '10:30am');
    const permanent = await messageFor(b.contactId);
    assert.equal(permanent?.status, 'permanent_failure');
    assert.match(permanent!.last_error!, /ValidationError: phone_number Not a UK mobile number/);
    const retried = await messageFor(c.contactId);
    assert.equal(retried?.status, 'pending');
    assert.equal(retried?.attempts, 1);
    assert.match(retried!.last_error!, /Notify answered 500/);

    const polled = await pollStatuses(db, adapter, DAY_BEFORE_NOON);
    assert.deepEqual({ checked: polled.checked, delivered: polled.delivered }, { checked: 1, delivered: 1 });
    assert.equal((await messageFor(a.contactId))?.status, 'delivered');
  });

  it('a wrong secret is refused by the server and kept for a retry', async () => {
    const wrong = new NotifyAdapter({ apiKey: `throughline_test-${serviceId}-00000000-0000-4000-8000-000000000000`, templateId, baseUrl });
    await assert.rejects(wrong.send({ id: 1, phone: '+447700900001', text: 'x', personalisation: {} }), (error: Error) => error instanceof TemporaryFailure && /AuthError/.test(error.message));
  });

  it('an unreachable Notify is a temporary failure', async () => {
    const closed = new NotifyAdapter({ apiKey, templateId, baseUrl: 'http://127.0.0.1:9' });
    await assert.rejects(closed.send({ id: 1, phone: '+447700900001', text: 'x', personalisation: {} }), TemporaryFailure);
    assert.equal(new OutboxAdapter().provider, 'outbox');
  });
});

describe('the Text reminders page, the outbox and the API', () => {
  it('shows consent and reminders on the case, and records an answer with errors in words', async () => {
    const person = people[2]!;
    const jo = await t.signIn('jo.po');
    const page = await jo.get(`/people/${person.crn}/reminders`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Agreed to text reminders on 07700 900002/);
    assert.match(page.body, /Sent/);
    assert.match(page.body, /Withdrew consent|Does not want text reminders/);
    const bad = await jo.post(`/people/${person.crn}/reminders`, { consented: 'yes', mobile: '0191 498 0000' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /landline number/);
    assert.match(bad.body, /value="0191 498 0000"/, 'the typed value is kept');
    const empty = await jo.post(`/people/${person.crn}/reminders`, { consented: 'yes', mobile: '' });
    assert.match(empty.body, /Enter a UK mobile number, like 07700 900123/);
    assert.match((await jo.post(`/people/${person.crn}/reminders`, {})).body, /Select yes if the person agrees/);
    const saved = await jo.post(`/people/${person.crn}/reminders`, { consented: 'yes', mobile: '+44 (0)7700 900222' });
    assert.equal(saved.statusCode, 303);
    assert.match((await jo.get(saved.headers.location as string)).body, /Agreed to text reminders on 07700 900222/);
  });

  it('lets only those who record contacts record consent, and only SPOs and administrators read the outbox', async () => {
    const person = people[2]!;
    const court = await t.signIn('chris.court');
    assert.equal((await court.get(`/people/${person.crn}/reminders`)).statusCode, 200);
    assert.doesNotMatch((await court.get(`/people/${person.crn}/reminders`)).body, /Save answer/);
    assert.equal((await court.post(`/people/${person.crn}/reminders`, { consented: 'no' })).statusCode, 403);
    assert.equal((await (await t.signIn('jo.po')).get('/reminders/outbox')).statusCode, 403);
    const sam = await t.signIn('sam.spo');
    const outbox = await sam.get('/reminders/outbox');
    assert.equal(outbox.statusCode, 200);
    assert.match(outbox.body, /Pilgrim Street office/);
    const filtered = await sam.get('/reminders/outbox?status=permanent_failure');
    assert.match(filtered.body, /phone_number Not a UK mobile number/);
    assert.doesNotMatch(filtered.body, /Waiting to send<\/strong>/);
    assert.equal((await sam.get('/reminders/outbox?status=nonsense&page=x')).statusCode, 200);
  });

  it('shows only the CRN of a case the access list refuses', async () => {
    const person = people[6]!;
    const sam = (await db.selectFrom('users').select('id').where('username', '=', 'sam.spo').executeTakeFirstOrThrow()).id;
    await db.insertInto('case_access_rules').values({ person_id: person.id, kind: 'exclusion', message: 'Conflict of interest (test)', created_by: null }).execute();
    await db.insertInto('case_access_users').values({ person_id: person.id, kind: 'exclusion', user_id: sam }).execute();
    const browser = await t.signIn('sam.spo');
    const outbox = await browser.get('/reminders/outbox?status=delivered');
    assert.match(outbox.body, new RegExp(`${person.crn}<br><span class="govuk-body-s">Restricted`));
    assert.doesNotMatch(outbox.body, /07700 900006/);
    assert.equal((await browser.get(`/people/${person.crn}/reminders`)).statusCode, 403);
    const token = await t.tokenFor('sam.spo');
    const api = await t.api('GET', '/api/v1/reminders/outbox?status=delivered', token);
    assert.equal(api.statusCode, 200);
    const entry = api.json().reminders.find((r: { crn: string }) => r.crn === person.crn);
    assert.deepEqual({ restricted: entry.restricted, reminder: entry.reminder }, { restricted: true, reminder: null });
  });

  it('API: reads and records consent, lists reminders; bad input is a 400 in words', async () => {
    const person = people[3]!;
    const token = await t.tokenFor('jo.po');
    const put = await t.api('PUT', `/api/v1/people/${person.crn}/reminder-consent`, token, { consented: true, mobile: '07012 345678' });
    assert.equal(put.statusCode, 400);
    assert.match(put.json().message, /personal number \(070\)/);
    const ok = await t.api('PUT', `/api/v1/people/${person.crn}/reminder-consent`, token, { consented: true, mobile: '07700 900333' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().current.mobile, '+447700900333');
    const read = await t.api('GET', `/api/v1/people/${person.crn}/reminder-consent`, token);
    assert.equal(read.json().current.consented, true);
    const no = await t.api('PUT', `/api/v1/people/${person.crn}/reminder-consent`, token, { consented: false });
    assert.equal(no.json().current.withdrawn, true);
    const reminders = await t.api('GET', `/api/v1/people/${person.crn}/reminders`, token);
    assert.equal(reminders.statusCode, 200);
    assert.equal(reminders.json().reminders[0].status, 'sent');
    assert.equal((await t.api('GET', '/api/v1/reminders/outbox', token)).statusCode, 403);
    assert.equal((await t.api('GET', '/api/v1/people/X000000/reminders', token)).statusCode, 404);
    assert.equal((await t.api('PUT', `/api/v1/people/${person.crn}/reminder-consent`, token, { consented: 'maybe' })).statusCode, 400);
    const doc = (await t.api('GET', '/api/v1/openapi.json', null)).json();
    assert.ok(doc.paths['/api/v1/people/{crn}/reminder-consent'].put.tags.includes('reminders'));
  });
});

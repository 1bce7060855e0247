import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type Browser, type TestApp } from '../../../test/support/app.ts';
import { addDays } from '../../platform/http/dates.ts';
import { londonInstant, londonParts } from '../../platform/uk-time.ts';
import { bookAppointment } from './service.ts';

/** Contacts through the pages and the API: booking and clashes, outcomes, corrections, append-only, sensitive notes, access. */
describe('contacts', () => {
  let t: TestApp;
  let jo: Browser;
  const ids: Record<string, number> = {};
  const db = () => t.database.db;
  // A Sunday far enough ahead that the demo diary is empty then.
  let sunday = addDays(londonParts(new Date()).date, 70);
  while (new Date(`${sunday}T00:00:00Z`).getUTCDay() !== 0) sunday = addDays(sunday, 1);
  const when = (time: string, date = sunday) => {
    const [y, m, d] = date.split('-');
    return { 'date-day': String(Number(d)), 'date-month': String(Number(m)), 'date-year': y!, time };
  };

  before(async () => {
    t = await createTestApp({ people: 150 });
    for (const u of await db().selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    jo = await t.signIn('jo.po');
  });
  after(async () => { await t.close(); });

  let used = new Set<number>();
  async function joCase() {
    const rows = await db().selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').select(['p.id', 'p.crn'])
      .where('a.ended_at', 'is', null).where('a.practitioner_id', 'is not', null)
      .where('p.id', 'not in', db().selectFrom('case_access_rules').select('person_id')).orderBy('p.id').execute();
    const row = rows.find((r) => !used.has(r.id))!;
    used = new Set([...used, row.id]);
    return row;
  }
  const latest = async (personId: number) => (await db().selectFrom('contacts').select(['contact_id']).where('person_id', '=', personId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).contact_id;

  it('books an appointment, refuses a clash naming it, allows back-to-back', async () => {
    const c = await joCase();
    const form = await jo.get(`/people/${c.crn}/contacts/new-appointment`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Book an appointment/);
    const saved = await jo.post(`/people/${c.crn}/contacts/new-appointment`, { typeCode: 'office', ...when('10:00'), durationMinutes: '', practitionerId: String(ids['jo.po']), location: 'Room 2', requirementId: '', notes: 'First appointment' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const clash = await jo.post(`/people/${c.crn}/contacts/new-appointment`, { typeCode: 'home_visit', ...when('10:15'), practitionerId: String(ids['jo.po']), location: 'Office 9' });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, /This clashes with .*office appointment from 10:00 to 10:30/);
    assert.match(clash.body, /value="Office 9"/, 'typed values kept');
    const next = await jo.post(`/people/${c.crn}/contacts/new-appointment`, { typeCode: 'office', ...when('10:30'), practitionerId: String(ids['jo.po']) });
    assert.equal(next.statusCode, 303, 'back-to-back is allowed');
    const page = await jo.get(`/people/${c.crn}/contacts`);
    assert.match(page.body, /Counts towards compliance/);
    assert.match(page.body, /First appointment/);
  });

  it('form errors: missing type, bad date and time, past appointment', async () => {
    const c = await joCase();
    const bad = await jo.post(`/people/${c.crn}/contacts/new-appointment`, { 'date-day': '31', 'date-month': '2', 'date-year': '2030', time: '25:00', practitionerId: String(ids['jo.po']) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select the type of appointment/);
    assert.match(bad.body, /must be a real date/);
    assert.match(bad.body, /must be a real time/);
    const past = await jo.post(`/people/${c.crn}/contacts/new-appointment`, { typeCode: 'office', ...when('10:00', '2020-01-06'), practitionerId: String(ids['jo.po']) });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /must be in the future/);
  });

  it('records an outcome; acceptable absence needs evidence; a correction keeps the old version and the reason; nothing is updated', async () => {
    const c = await joCase();
    const yesterday = londonInstant(addDays(londonParts(new Date()).date, -1), '06:00');
    const { contactId } = await db().transaction().execute((trx) => bookAppointment(trx, { personId: c.id, typeCode: 'office', practitionerId: ids['jo.po']!, startsAt: yesterday, bookedBy: ids['jo.po']! }));
    const page = await jo.get(`/people/${c.crn}/contacts/${contactId}`);
    assert.match(page.body, /Outcome needed/);
    const noEvidence = await jo.post(`/people/${c.crn}/contacts/${contactId}/outcome`, { outcome: 'acceptable_absence', evidence: '' });
    assert.equal(noEvidence.statusCode, 400);
    assert.match(noEvidence.body, /Give the evidence/);
    const ok = await jo.post(`/people/${c.crn}/contacts/${contactId}/outcome`, { outcome: 'unacceptable_absence', notes: 'No contact made' });
    assert.equal(ok.statusCode, 303);
    const again = await jo.post(`/people/${c.crn}/contacts/${contactId}/outcome`, { outcome: 'attended_complied' });
    assert.equal(again.statusCode, 409, 'an outcome cannot be silently changed');
    const noReason = await jo.post(`/people/${c.crn}/contacts/${contactId}/correct`, { ...when(londonParts(yesterday).time, londonParts(yesterday).date), durationMinutes: '30', outcome: 'acceptable_absence', evidence: 'GP note', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason for the correction/);
    const fixed = await jo.post(`/people/${c.crn}/contacts/${contactId}/correct`, { ...when(londonParts(yesterday).time, londonParts(yesterday).date), durationMinutes: '30', outcome: 'acceptable_absence', evidence: 'GP note', notes: 'No contact made', reason: 'Sick note arrived today' });
    assert.equal(fixed.statusCode, 303, fixed.body.slice(0, 300));
    const versions = await db().selectFrom('contacts').select(['id', 'supersedes_id', 'outcome', 'change', 'change_reason']).where('contact_id', '=', contactId).orderBy('id').execute();
    assert.deepEqual(versions.map((v) => [v.change, v.outcome]), [['booked', null], ['outcome', 'unacceptable_absence'], ['corrected', 'acceptable_absence']]);
    assert.equal(versions[2]!.supersedes_id, versions[1]!.id);
    assert.equal(versions[2]!.change_reason, 'Sick note arrived today');
    const history = await jo.get(`/people/${c.crn}/contacts/${contactId}`);
    assert.match(history.body, /Sick note arrived today/);
    assert.match(history.body, /Outcome: Unacceptable absence → Acceptable absence/);
    await assert.rejects(sql`UPDATE contacts SET notes = 'changed' WHERE contact_id = ${contactId}`.execute(db()), /append-only/);
    await assert.rejects(sql`DELETE FROM contacts WHERE contact_id = ${contactId}`.execute(db()), /append-only/);
  });

  it('reschedules: the old appointment says rescheduled and points at the new one', async () => {
    const c = await joCase();
    await jo.post(`/people/${c.crn}/contacts/new-appointment`, { typeCode: 'office', ...when('13:00'), practitionerId: String(ids['jo.po']) });
    const id = await latest(c.id);
    const moved = await jo.post(`/people/${c.crn}/contacts/${id}/reschedule`, { ...when('13:15'), reason: 'Asked for a later time' });
    assert.equal(moved.statusCode, 303, moved.body.slice(0, 300));
    const old = await db().selectFrom('current_contacts').select(['outcome', 'rescheduled_to_contact_id']).where('contact_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(old.outcome, 'rescheduled');
    assert.ok(old.rescheduled_to_contact_id);
  });

  it('hides a sensitive note from a court officer, on the page and the API', async () => {
    const c = await joCase();
    const token = await t.tokenFor('jo.po');
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const made = await t.api('POST', `/api/v1/people/${c.crn}/contacts`, token, { type: 'case_note', startsAt: past, notes: 'Disclosed abuse at home: secret detail', sensitive: true });
    assert.equal(made.statusCode, 201, made.body);
    const chris = await t.signIn('chris.court');
    const page = await chris.get(`/people/${c.crn}/contacts`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sensitive note: hidden/);
    assert.doesNotMatch(page.body, /secret detail/);
    assert.doesNotMatch(page.body, /Book an appointment/, 'a court officer cannot record contacts');
    const api = await t.api('GET', `/api/v1/people/${c.crn}/contacts`, await t.tokenFor('chris.court'), undefined);
    const note = api.json().contacts.find((x: { type: string; notesWithheld: boolean }) => x.type === 'case_note' && x.notesWithheld);
    assert.ok(note);
    assert.equal(note.notes, null);
    assert.doesNotMatch(api.body, /secret detail/);
    assert.match((await jo.get(`/people/${c.crn}/contacts`)).body, /secret detail/);
    assert.equal((await chris.post(`/people/${c.crn}/contacts/new-appointment`, { typeCode: 'office' })).statusCode, 403);
  });

  it('refuses a case the access list refuses, showing only the CRN; the diary shows Restricted and the CRN', async () => {
    const excluded = await db().selectFrom('case_access_users as u').innerJoin('people as p', 'p.id', 'u.person_id').select(['p.id', 'p.crn'])
      .where('u.user_id', '=', ids['jo.po']!).where('u.kind', '=', 'exclusion').executeTakeFirstOrThrow();
    const refused = await jo.get(`/people/${excluded.crn}/contacts`);
    assert.equal(refused.statusCode, 403);
    const person = await db().selectFrom('people').select(['first_name', 'last_name']).where('id', '=', excluded.id).executeTakeFirstOrThrow();
    assert.doesNotMatch(refused.body, new RegExp(`${person.first_name} ${person.last_name}`));
    // Put the excluded case in Jo's diary: she sees only Restricted and its CRN.
    await db().transaction().execute((trx) => bookAppointment(trx, { personId: excluded.id, typeCode: 'office', practitionerId: ids['jo.po']!, startsAt: londonInstant(sunday, '16:00'), bookedBy: ids['sam.spo']! }));
    const diary = await jo.get(`/diary?week=${sunday}`);
    assert.equal(diary.statusCode, 200);
    assert.match(diary.body, new RegExp(`Restricted</strong> ${excluded.crn}`));
    assert.doesNotMatch(diary.body, new RegExp(`${person.first_name} ${person.last_name}`));
    const apiRefused = await t.api('GET', `/api/v1/people/${excluded.crn}/contacts`, await t.tokenFor('jo.po'), undefined);
    assert.equal(apiRefused.statusCode, 403);
    // Managers may look at their team's diaries; practitioners may not.
    assert.equal((await jo.get(`/diary?practitioner=${ids['lee.po']}`)).statusCode, 403);
    const sam = await t.signIn('sam.spo');
    const lees = await sam.get(`/diary?practitioner=${ids['lee.po']}&week=${sunday}`);
    assert.equal(lees.statusCode, 200);
    assert.match(lees.body, /Diary of/);
    assert.equal((await jo.get('/diary?week=nonsense')).statusCode, 200);
  });

  it('API: book (201), clash (409), bad input (400), read with versions, outcome and correction', async () => {
    const c = await joCase();
    const token = await t.tokenFor('jo.po');
    const startsAt = londonInstant(sunday, '09:00').toISOString();
    const booked = await t.api('POST', `/api/v1/people/${c.crn}/appointments`, token, { type: 'video', startsAt, location: 'Teams' });
    assert.equal(booked.statusCode, 201, booked.body);
    const contact = booked.json().contact;
    assert.equal(contact.durationMinutes, 30);
    assert.equal(contact.countsForCompliance, true);
    assert.equal(contact.directEngagement, true);
    const clash = await t.api('POST', `/api/v1/people/${c.crn}/appointments`, token, { type: 'office', startsAt });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.json().message ?? clash.body, /clashes/);
    assert.equal((await t.api('POST', `/api/v1/people/${c.crn}/appointments`, token, { type: 'case_note', startsAt: londonInstant(sunday, '15:00').toISOString() })).statusCode, 400);
    assert.equal((await t.api('POST', `/api/v1/people/${c.crn}/appointments`, token, { type: 'nonsense', startsAt })).statusCode, 400);
    assert.equal((await t.api('POST', `/api/v1/people/${c.crn}/appointments`, token, { type: 'office', startsAt: 'tomorrow' })).statusCode, 400);
    assert.equal((await t.api('POST', `/api/v1/people/${c.crn}/appointments`, token, { type: 'office', startsAt: londonInstant(sunday, '17:00').toISOString(), requirementId: 999999999 })).statusCode, 400);
    const noEvidence = await t.api('POST', `/api/v1/people/${c.crn}/contacts/${contact.id}/outcome`, token, { outcome: 'acceptable_absence' });
    assert.equal(noEvidence.statusCode, 400);
    const outcome = await t.api('POST', `/api/v1/people/${c.crn}/contacts/${contact.id}/outcome`, token, { outcome: 'attended_complied' });
    assert.equal(outcome.statusCode, 200, outcome.body);
    assert.equal(outcome.json().contact.outcome, 'attended_complied');
    assert.equal((await t.api('POST', `/api/v1/people/${c.crn}/contacts/${contact.id}/corrections`, token, { outcome: 'attended_failed_to_comply' })).statusCode, 400, 'reason required');
    const corrected = await t.api('POST', `/api/v1/people/${c.crn}/contacts/${contact.id}/corrections`, token, { outcome: 'attended_failed_to_comply', reason: 'Recorded against the wrong outcome' });
    assert.equal(corrected.statusCode, 201, corrected.body);
    const read = await t.api('GET', `/api/v1/people/${c.crn}/contacts/${contact.id}`, token, undefined);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json().versions.map((v: { change: string }) => v.change), ['booked', 'outcome', 'corrected']);
    assert.equal(read.json().versions[2].changeReason, 'Recorded against the wrong outcome');
    assert.equal((await t.api('GET', `/api/v1/people/${c.crn}/contacts/abc`, token, undefined)).statusCode, 404);
    assert.equal((await t.api('GET', `/api/v1/people/${c.crn}/contacts/99999999`, token, undefined)).statusCode, 404);
    const list = await t.api('GET', `/api/v1/people/${c.crn}/contacts`, token, undefined);
    assert.equal(list.statusCode, 200);
    assert.ok(Array.isArray(list.json().progress));
    const openapi = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.ok(openapi.json().paths['/api/v1/people/{crn}/appointments'] ?? openapi.json().paths['/people/{crn}/appointments']);
  });

  it('the contacts tab shows 50 a page, newest first, with a link to older ones; requirement progress counts them all', async () => {
    const c = await joCase();
    // 60 case notes a day apart, older than anything the demo recorded for the case.
    await sql`INSERT INTO contacts (person_id, type_code, practitioner_id, starts_at, duration_minutes, counts_for_compliance, direct_engagement, notes, change, recorded_by)
      SELECT ${c.id}, 'case_note', ${ids['jo.po']}, now() - interval '5 years' - make_interval(days => g), 0, false, false, 'Paging note ' || g, 'recorded', ${ids['jo.po']}
      FROM generate_series(1, 60) g`.execute(db());
    const total = Number((await db().selectFrom('current_contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', c.id).executeTakeFirstOrThrow()).n);
    const seen: string[] = [];
    let url: string | null = `/people/${c.crn}/contacts`;
    for (let pages = 0; url && pages < 10; pages++) {
      const page = await jo.get(url);
      assert.equal(page.statusCode, 200);
      const rows = [...page.body.matchAll(/href="\/people\/[A-Z]\d{6}\/contacts\/(\d+)"/g)].map((m) => m[1]!);
      assert.ok(rows.length <= 50);
      seen.push(...rows);
      url = page.body.match(/href="([^"]+)">Older contacts</)?.[1]?.replace(/&amp;/g, '&') ?? null;
      if (pages > 0) assert.match(page.body, /Back to the newest contacts/);
    }
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    assert.ok(total > 50, 'the case has more than one page');
    assert.equal((await jo.get(`/people/${c.crn}/contacts?before=yesterday`)).statusCode, 400);
    assert.equal((await jo.get(`/people/${c.crn}/contacts?before=2026-13-45T99:00:00Z_1`)).statusCode, 400);
  });

  it('the demo has contacts with outcomes, upcoming appointments and no clashes', async () => {
    const counts = await db().selectFrom('current_contacts').select([
      sql<number>`count(*) FILTER (WHERE outcome = 'attended_complied')::int`.as('complied'),
      sql<number>`count(*) FILTER (WHERE outcome IN ('unacceptable_absence', 'attended_failed_to_comply'))::int`.as('failures'),
      sql<number>`count(*) FILTER (WHERE outcome = 'acceptable_absence' AND outcome_evidence IS NOT NULL)::int`.as('acceptable'),
      sql<number>`count(*) FILTER (WHERE starts_at > now() AND starts_at < now() + interval '14 days')::int`.as('upcoming'),
      sql<number>`count(*) FILTER (WHERE sensitive)::int`.as('sensitive'),
    ]).executeTakeFirstOrThrow();
    assert.ok(counts.complied > 100 && counts.failures > 0 && counts.acceptable > 0 && counts.upcoming > 20 && counts.sensitive > 0, JSON.stringify(counts));
    const clashes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM current_contacts a JOIN current_contacts b ON a.contact_id < b.contact_id
      AND a.practitioner_id = b.practitioner_id AND a.outcome IS DISTINCT FROM 'rescheduled' AND b.outcome IS DISTINCT FROM 'rescheduled' AND a.starts_at < b.starts_at + make_interval(mins => b.duration_minutes) AND b.starts_at < a.starts_at + make_interval(mins => a.duration_minutes)
      JOIN contact_types ta ON ta.code = a.type_code AND ta.appointment JOIN contact_types tb ON tb.code = b.type_code AND tb.appointment`.execute(db());
    assert.equal(clashes.rows[0]!.n, 0);
  });
});

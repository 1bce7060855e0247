import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { recalculateAllTiers } from '../assessment/tier/recalculate.ts';

const year = new Date().getUTCFullYear() - 1;
const conviction = {
  mainOffence: 'THF-SHP', 'offenceDate-day': '3', 'offenceDate-month': '2', 'offenceDate-year': String(year),
  'convictionDate-day': '10', 'convictionDate-month': '3', 'convictionDate-year': String(year), court: 'Gateshead Magistrates\' Court',
  sentenceType: 'community_order', 'sentencedOn-day': '1', 'sentencedOn-month': '4', 'sentencedOn-year': String(year), lengthMonths: '24',
  requirements: ['rehabilitation_activity', 'unpaid_work'],
};

/** The Sentence tab: convictions and sentences feed OGRS3 and the tier the moment they are saved. */
describe('events and sentences', () => {
  let t: TestApp;
  let person: { id: number; crn: string };
  before(async () => {
    t = await createTestApp({ people: 40 });
    // A new person: no events, no history, no scores, as a case is when it first arrives.
    const jo = await t.signIn('jo.po');
    const created = await jo.post('/people/new', { firstName: 'Ada', lastName: 'Quartermaine', 'dateOfBirth-day': '1', 'dateOfBirth-month': '6', 'dateOfBirth-year': '1990', sex: 'male', confirmNotDuplicate: 'yes' });
    assert.equal(created.statusCode, 303, created.body.slice(0, 2000));
    const crn = created.headers.location!.toString().split('?')[0]!.split('/').pop()!;
    person = await t.database.db.selectFrom('people').select(['id', 'crn']).where('crn', '=', crn).executeTakeFirstOrThrow();
  });
  after(() => t.close());

  it('records a conviction: errors keep what was typed, then the sentence, OGRS3 and the tier follow', async () => {
    const jo = await t.signIn('jo.po');
    const empty = await jo.get(`/people/${person.crn}/events`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /No convictions are recorded/);
    const risk = await jo.get(`/people/${person.crn}/risk`);
    assert.match(risk.body, /OGRS3 cannot be calculated yet/);
    assert.match(risk.body, /A current conviction with its offence and sentence/, 'the missing input is asked for, not guessed');

    const form = await jo.get(`/people/${person.crn}/events/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Theft from a shop \(theft \(non-motor\)\)/, 'each offence shows its OGRS3 category');
    const bad = await jo.post(`/people/${person.crn}/events`, { ...conviction, lengthMonths: '48', requirements: [], court: '' });
    assert.equal(bad.statusCode, 400);
    for (const message of ['must be a whole number of months from 1 to 36', 'A community order must have at least one requirement', 'Enter the court']) assert.match(bad.body, new RegExp(message));
    assert.match(bad.body, /<option value="THF-SHP" selected>/);
    assert.match(bad.body, /name="lengthMonths" type="text" value="48"/);
    assert.match(bad.body, /href="#requirements"/);
    assert.equal(await eventCount(), 0, 'nothing saved');

    const saved = await jo.post(`/people/${person.crn}/events`, conviction);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
    const page = await jo.get(`/people/${person.crn}/events?saved=1`);
    assert.match(page.body, /Event 1: Theft from a shop/);
    assert.match(page.body, /Rehabilitation activity \(RAR\)/);
    assert.match(page.body, new RegExp(`31 March ${year + 2}`), 'the expected end of a 24-month order');

    const tier = await t.database.db.selectFrom('tier_calculations').selectAll().where('person_id', '=', person.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(tier.reason, 'Conviction and sentence recorded');
    assert.equal(tier.change_level, 2, 'a mandate for change (RAR) with no needs assessment yet');
    assert.equal((tier.inputs as { mandateForChange: boolean }).mandateForChange, true);

    // OGRS3 still needs the PNC history; once given, it is calculated from the event above.
    assert.equal((await jo.post(`/people/${person.crn}/risk/history`, { previousSanctions: '3', violentSanctions: '0', 'firstSanctionDate-day': '1', 'firstSanctionDate-month': '6', 'firstSanctionDate-year': '2008' })).statusCode, 303);
    const score = await t.database.db.selectFrom('predictor_scores').selectAll().where('person_id', '=', person.id).where('predictor', '=', 'ogrs3').executeTakeFirstOrThrow();
    assert.equal((score.inputs as { offenceCategory: string }).offenceCategory, 'theft_non_motor');
    assert.equal((score.inputs as { followUpStartDate: string }).followUpStartDate, `${year}-04-01`);
    assert.match((score.sources as Record<string, string>).offenceCategory!, /Current conviction \(event \d+\): Theft from a shop/);
    const explained = await jo.get(`/people/${person.crn}/risk`);
    assert.match(explained.body, /How OGRS3 was calculated/);
    assert.match(explained.body, /Theft from a shop/, 'the explanation says where the offence came from');
  });

  it('ends a sentence with a reason; the tier loses its mandate for change', async () => {
    const jo = await t.signIn('jo.po');
    const bad = await jo.post(`/people/${person.crn}/events/1/end`, { status: 'completed', reason: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the date it ended/);
    assert.match(bad.body, /Enter the reason/);
    assert.match(bad.body, /href="#end-1-reason"/);
    assert.equal((await jo.post(`/people/${person.crn}/events/9/end`, { status: 'completed' })).statusCode, 404);
    const today = new Date().toISOString().slice(0, 10).split('-');
    const ended = await jo.post(`/people/${person.crn}/events/1/end`, { status: 'terminated_early', 'endedOn-day': today[2]!, 'endedOn-month': today[1]!, 'endedOn-year': today[0]!, reason: 'Excellent progress; court agreed' });
    assert.equal(ended.statusCode, 303);
    const page = await jo.get(`/people/${person.crn}/events`);
    assert.match(page.body, /Terminated early for good progress on/);
    const tier = await t.database.db.selectFrom('tier_calculations').selectAll().where('person_id', '=', person.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(tier.reason, 'Sentence ended (event 1)');
    assert.equal(tier.change_level, 0);
    assert.equal((await jo.post(`/people/${person.crn}/events/1/end`, { status: 'completed' })).statusCode, 404, 'an ended sentence cannot end again');
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', person.id).where('action', 'in', ['event.create', 'sentence.end']).orderBy('id').execute();
    assert.deepEqual(actions.map((a) => a.action), ['event.create', 'sentence.end']);
  });

  it('the API lists events and records one with per-field errors', async () => {
    const token = await t.tokenFor('chris.court');
    const body = {
      mainOffence: { code: 'VAP-ABH', offenceDate: `${year}-05-01` }, convictionDate: `${year}-06-01`, court: 'Newcastle Crown Court',
      sentence: { type: 'suspended_sentence_order', sentencedOn: `${year}-06-15`, lengthMonths: 18, custodialTermMonths: 6, requirements: ['accredited_programme'] },
    };
    const bad = await t.api('POST', `/api/v1/people/${person.crn}/events`, token, { ...body, sentence: { ...body.sentence, lengthMonths: 30, requirements: ['juggling'] } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().fields.lengthMonths, /from 6 to 24/);
    assert.match(bad.json().fields.requirements, /from the list/);
    assert.equal((await t.api('POST', `/api/v1/people/${person.crn}/events`, token, { court: 'x' })).statusCode, 400);
    const created = await t.api('POST', `/api/v1/people/${person.crn}/events`, token, body);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().eventNumber, 2);
    assert.match(created.json().tier, /^[A-D][0-3]$/);
    const list = await t.api('GET', `/api/v1/people/${person.crn}/events`, token);
    assert.equal(list.statusCode, 200);
    const events = list.json().events;
    assert.deepEqual(events.map((e: { eventNumber: number; sentence: { status: string } }) => [e.eventNumber, e.sentence.status]), [[2, 'active'], [1, 'terminated_early']]);
    assert.equal(events[0].sentence.expectedEndOn, `${year + 1}-12-14`);
    assert.equal(events[0].requirements[0].expectedEndOn, `${year + 1}-12-14`);
    assert.equal(events[0].offences[0].ogrs3Category, 'violence');
  });

  it('the scheduled recalculation adds the S suffix when a licence reaches its unsupervised part', async () => {
    const db = t.database.db;
    const licence = await db.selectFrom('sentences').select(['id', 'person_id']).where('sentence_type', '=', 'custody').where('status', '=', 'active')
      .where('release_on', '<', sql<string>`current_date`).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const before = await db.selectFrom('tier_calculations').select('tier').where('person_id', '=', licence.person_id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.doesNotMatch(before.tier, /S$/);
    await db.updateTable('sentences').set({ licence_ends_on: sql<string>`current_date - 1` }).where('id', '=', licence.id).execute();
    const result = await recalculateAllTiers(db, 'Scheduled recalculation');
    assert.ok(result.cases > 0 && result.calculated >= 1 && result.changed >= 1, JSON.stringify(result));
    const after = await db.selectFrom('tier_calculations').select(['tier', 'reason']).where('person_id', '=', licence.person_id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(after, { tier: `${before.tier}S`, reason: 'Scheduled recalculation' });
    assert.equal((await recalculateAllTiers(db, 'Scheduled recalculation')).calculated, 0, 'nothing changed, nothing kept');
  });

  it('holds the access rules: read-only roles, the access list and the API', async () => {
    const db = t.database.db;
    const excluded = await db.selectFrom('case_access_users as u').innerJoin('people as p', 'p.id', 'u.person_id').innerJoin('users as s', 's.id', 'u.user_id')
      .select('p.crn').where('u.kind', '=', 'exclusion').where('s.username', '=', 'jo.po').executeTakeFirstOrThrow();
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/people/${excluded.crn}/events`)).statusCode, 403);
    assert.equal((await jo.post(`/people/${excluded.crn}/events`, conviction)).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${excluded.crn}/events`, await t.tokenFor('jo.po'))).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${person.crn}/events`, null)).statusCode, 401);
    const admin = await t.signIn('admin');
    assert.equal((await admin.get(`/people/${person.crn}/events/new`)).statusCode, 403, 'administrators do not sentence');
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(spec.paths['/api/v1/people/{crn}/events'].post, 'the events endpoints are in the OpenAPI document');
  });

  const eventCount = async () => Number((await t.database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('person_id', '=', person.id).executeTakeFirstOrThrow()).n);
});

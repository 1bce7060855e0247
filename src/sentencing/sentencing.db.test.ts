import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { recalculateAllTiers } from '../assessment/tier/recalculate.ts';
import { RULES } from './requirements.fixture.ts';
import { clearSentencing } from '../../test/support/cases.ts';

const year = new Date().getUTCFullYear() - 1;
const conviction = {
  mainOffence: 'THF-SHP', 'offenceDate-day': '3', 'offenceDate-month': '2', 'offenceDate-year': String(year),
  'convictionDate-day': '10', 'convictionDate-month': '3', 'convictionDate-year': String(year), court: 'Gateshead Magistrates\' Court',
  sentenceType: 'community_order', 'sentencedOn-day': '1', 'sentencedOn-month': '4', 'sentencedOn-year': String(year), lengthMonths: '24',
  requirements: ['rehabilitation_activity', 'unpaid_work'], 'rehabilitation_activity-days': '20', 'unpaid_work-hours': '120',
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
      sentence: { type: 'suspended_sentence_order', sentencedOn: `${year}-06-15`, lengthMonths: 18, custodialTermMonths: 6, requirements: [{ type: 'accredited_programme', programme: 'BBR', sessions: 30 }] },
    };
    const bad = await t.api('POST', `/api/v1/people/${person.crn}/events`, token, { ...body, sentence: { ...body.sentence, lengthMonths: 30, requirements: [{ type: 'juggling' }] } });
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
    // Top-up supervision after a short sentence is supervision too: end both.
    await db.updateTable('sentences').set({ licence_ends_on: sql<string>`current_date - 1`, top_up_ends_on: null }).where('id', '=', licence.id).execute();
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

  it('holds the requirement limits as data, as the rules are tested with', async () => {
    const rows = await t.database.db.selectFrom('requirement_types').select(['code', 'name', 'unit', 'min_units', 'max_units', 'max_months', 'complete_within_months', 'needs_consent', 'monitoring',
      'max_age_at_sentence', 'min_hours_per_day', 'max_hours_per_day', 'max_hours_per_week']).execute();
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.code, r])), RULES);
    const programmes = await t.database.db.selectFrom('accredited_programmes').select('code').orderBy('code').execute();
    assert.deepEqual(programmes.map((p) => p.code), ['BBR', 'BNM', 'HORIZON', 'KAIZEN', 'NEW_ME', 'RESOLVE', 'TSP']);
    const standard = await t.database.db.selectFrom('licence_condition_types').select('code').where('standard', '=', true).execute();
    assert.equal(standard.length, 8);
  });

  it('an event adjourned for a report, then its sentence: forecast starts, queues, key dates and the tier', async () => {
    const db = t.database.db;
    const jo = await t.signIn('jo.po');
    const demo = await allocatedCase();
    const adjourned = await jo.post(`/people/${demo.crn}/events`, {
      ...pick(conviction, ['mainOffence', 'offenceDate-day', 'offenceDate-month', 'offenceDate-year', 'convictionDate-day', 'convictionDate-month', 'convictionDate-year', 'court']),
      outcome: 'adjourned_for_report', 'nextHearingOn-day': '7', 'nextHearingOn-month': '4', 'nextHearingOn-year': String(year),
    });
    assert.equal(adjourned.statusCode, 303, adjourned.body.slice(0, 3000));
    const tab = await jo.get(`/people/${demo.crn}/events`);
    assert.match(tab.body, /Awaiting sentence: report requested/);
    assert.match(tab.body, new RegExp(`7 April ${year}`), 'the next hearing');
    assert.match(tab.body, /Case status: <strong class="govuk-tag govuk-tag--yellow">Awaiting sentence/);
    assert.match(tab.body, /The case is no longer under an active sentence; 1 conviction awaiting sentence/);
    assert.match(tab.body, /href="\/people\/[A-Z]\d+\/events\/1\/sentence"/);

    const form = await jo.get(`/people/${demo.crn}/events/1/sentence`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Record the sentence for event 1/);
    assert.match(form.body, /Earliest start|No start-date forecast|Not available at/, 'each requirement shows its forecast');
    const sentence = {
      sentenceType: 'community_order', 'sentencedOn-day': '7', 'sentencedOn-month': '4', 'sentencedOn-year': String(year), lengthMonths: '12',
      requirements: ['unpaid_work', 'curfew'], 'unpaid_work-hours': '120',
      'curfew-hoursPerDay': '12', 'curfew-daysPerWeek': '7', 'curfew-months': '3', 'curfew-place': '4 Front Street', 'curfew-electronicMonitoring': 'no',
    };
    const bad = await jo.post(`/people/${demo.crn}/events/1/sentence`, { ...sentence, 'unpaid_work-hours': '301' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The number of hours of unpaid work must be a whole number from 40 to 300/);
    assert.match(bad.body, /Enter why the curfew is not electronically monitored/);
    assert.match(bad.body, /href="#curfew-monitoringReason"/);
    assert.match(bad.body, /name="curfew-place" type="text" value="4 Front Street"/, 'what was typed is kept');
    const saved = await jo.post(`/people/${demo.crn}/events/1/sentence`, { ...sentence, 'curfew-monitoringReason': 'No signal at the address' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
    assert.equal((await jo.post(`/people/${demo.crn}/events/1/sentence`, sentence)).statusCode, 409, 'one sentence per event');
    assert.equal((await jo.get(`/people/${demo.crn}/events/1/sentence`)).statusCode, 409);
    assert.equal((await jo.get(`/people/${demo.crn}/events/9/sentence`)).statusCode, 404);
    assert.equal((await jo.get(`/people/${demo.crn}/events/abc/sentence`)).statusCode, 404);

    const requirements = await db.selectFrom('requirements').selectAll().where('person_id', '=', demo.id).orderBy('requirement_type').execute();
    assert.deepEqual(requirements.map((r) => [r.requirement_type, r.units, r.details]), [
      ['curfew', null, { hoursPerDay: 12, daysPerWeek: 7, months: 3, place: '4 Front Street', electronicMonitoring: false, monitoringReason: 'No signal at the address' }],
      ['unpaid_work', 120, {}],
    ]);
    const curfew = requirements[0]!;
    assert.ok(curfew.expected_start_on >= `${year}-04-07`);
    const queued = await db.selectFrom('requirement_queue').select(['requirement_type', 'joined_on']).where('person_id', '=', demo.id).execute();
    assert.deepEqual(queued.map((q) => q.requirement_type), ['unpaid_work'], 'unpaid work joined its queue (a curfew starts at once, with no queue)');
    assert.ok(queued.every((q) => q.joined_on === `${year}-04-07`));
    const tier = await db.selectFrom('tier_calculations').select('reason').where('person_id', '=', demo.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(tier.reason, 'Sentence recorded (event 1)');
    const page = await jo.get(`/people/${demo.crn}/events`);
    assert.match(page.body, /Key dates/);
    assert.match(page.body, /120 hours/);
    assert.match(page.body, /12 hours a day, 7 days a week; for 3 months; 4 Front Street; not electronically monitored \(No signal at the address\)/);
    assert.match(page.body, /Case status: <strong class="govuk-tag govuk-tag--green">Under an active sentence/);

    // Ending the order ends its requirements, takes them out of the queues, and the case's status follows.
    const today = new Date().toISOString().slice(0, 10).split('-');
    const ended = await jo.post(`/people/${demo.crn}/events/1/end`, { status: 'revoked', 'endedOn-day': today[2]!, 'endedOn-month': today[1]!, 'endedOn-year': today[0]!, reason: 'Revoked on breach' });
    assert.equal(ended.statusCode, 303);
    assert.ok((await db.selectFrom('requirements').select('ended_on').where('person_id', '=', demo.id).execute()).every((r) => r.ended_on));
    assert.ok((await db.selectFrom('requirement_queue').select('left_on').where('person_id', '=', demo.id).execute()).every((r) => r.left_on), 'left the queues');
    const after = await jo.get(`/people/${demo.crn}/events`);
    assert.match(after.body, /Case status: <strong class="govuk-tag govuk-tag--grey">No active sentence/);
    assert.match(after.body, /The case is no longer under an active sentence\./);
    assert.match(after.body, /Sentence <strong class="govuk-tag govuk-tag--grey">No active sentence/, 'the case header says so on every page');
  });

  it('the API: an adjourned event, then its sentence with a licence, and all sentences with key dates', async () => {
    const token = await t.tokenFor('chris.court');
    const demo = await allocatedCase(3);
    const event = { mainOffence: { code: 'ROB-ROB', offenceDate: `${year}-01-05` }, convictionDate: `${year}-02-01`, court: 'Newcastle Crown Court' };
    const noOutcome = await t.api('POST', `/api/v1/people/${demo.crn}/events`, token, event);
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.json().fields.outcome, /Select the outcome/);
    const created = await t.api('POST', `/api/v1/people/${demo.crn}/events`, token, { ...event, outcome: 'adjourned', nextHearingOn: `${year}-03-01` });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().awaitingSentence, true);
    const custody = { type: 'custody', sentencedOn: `${year}-03-01`, lengthMonths: 12, licenceConditions: [{ code: 'NON_CONTACT', detail: 'The victim' }, { code: 'DRUG_TESTING' }] };
    const url = `/api/v1/people/${demo.crn}/events/1/sentence`;
    const bad = await t.api('POST', url, token, { ...custody, licenceConditions: [{ code: 'NON_CONTACT' }], requirements: [{ type: 'unpaid_work', hours: 100 }] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().fields['licence-NON_CONTACT'], /who the person may not contact/);
    assert.match(bad.json().fields.requirements, /licence conditions, not requirements/);
    assert.equal((await t.api('POST', `/api/v1/people/${demo.crn}/events/7/sentence`, token, custody)).statusCode, 404);
    const saved = await t.api('POST', url, token, custody);
    assert.equal(saved.statusCode, 201, saved.body);
    const s = saved.json().sentence;
    assert.deepEqual(s.keyDates, {
      sentencedOn: `${year}-03-01`, expectedEndOn: `${year + 1}-02-${year + 1 === 2028 ? '29' : '28'}`, conditionalReleaseOn: s.keyDates.conditionalReleaseOn,
      releaseOn: s.keyDates.conditionalReleaseOn, licenceEndsOn: s.keyDates.expectedEndOn, topUpSupervisionEndsOn: s.keyDates.topUpSupervisionEndsOn,
    });
    assert.ok(s.keyDates.topUpSupervisionEndsOn > s.keyDates.expectedEndOn, 'top-up supervision after a 12-month term');
    assert.equal(s.licenceConditions.length, 10, '8 standard conditions and 2 additional');
    assert.deepEqual(s.licenceConditions.filter((c: { standard: boolean }) => !c.standard).map((c: { code: string; detail: string | null }) => [c.code, c.detail]), [['NON_CONTACT', 'The victim'], ['DRUG_TESTING', null]]);
    const again = await t.api('POST', url, token, custody);
    assert.equal(again.statusCode, 409);
    assert.match(again.json().message, /already has a sentence/);

    const co = await t.api('POST', `/api/v1/people/${demo.crn}/events`, token, {
      ...event, convictionDate: `${year}-04-01`, sentence: {
        type: 'community_order', sentencedOn: `${year}-04-01`, lengthMonths: 18, requirements: [
          { type: 'rehabilitation_activity', days: 20 }, { type: 'drug_rehabilitation', months: 6, residential: false, testsPerMonth: 4 },
        ],
      },
    });
    assert.equal(co.statusCode, 400, 'a drug rehabilitation requirement needs consent');
    assert.match(co.json().fields['drug_rehabilitation-consent'], /willingness to comply/);
    const short = await t.api('POST', `/api/v1/people/${demo.crn}/events`, token, {
      ...event, convictionDate: `${year}-04-01`, sentence: { type: 'community_order', sentencedOn: `${year}-04-01`, lengthMonths: 6, requirements: [{ type: 'unpaid_work', hours: 200 }] },
    });
    assert.equal(short.statusCode, 201, short.body);
    const tab = await (await t.signIn('chris.court')).get(`/people/${demo.crn}/events`);
    assert.match(tab.body, /before the 12 months allowed for the hours: they must be worked by then/, 'a short order with unpaid work is explained');
    const list = await t.api('GET', `/api/v1/people/${demo.crn}/sentences`, token);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().underActiveSentence, true);
    assert.deepEqual(list.json().sentences.map((x: { eventNumber: number; type: string }) => [x.eventNumber, x.type]), [[2, 'community_order'], [1, 'custody']]);
    assert.equal(list.json().sentences[0].requirements[0].expectedEndOn, `${year}-09-30`, 'unpaid work ends with the order');
    const events = (await t.api('GET', `/api/v1/people/${demo.crn}/events`, token)).json().events;
    assert.equal(events[1].outcome, 'adjourned');
    assert.equal(events[1].nextHearingOn, `${year}-03-01`);
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(spec.paths['/api/v1/people/{crn}/events/{number}/sentence'].post);
    assert.ok(spec.paths['/api/v1/people/{crn}/sentences'].get);
  });

  it('access rules hold for the sentence page and endpoints', async () => {
    const db = t.database.db;
    const excluded = await db.selectFrom('case_access_users as u').innerJoin('people as p', 'p.id', 'u.person_id').innerJoin('users as s', 's.id', 'u.user_id')
      .select('p.crn').where('u.kind', '=', 'exclusion').where('s.username', '=', 'jo.po').executeTakeFirstOrThrow();
    const jo = await t.signIn('jo.po');
    const joToken = await t.tokenFor('jo.po');
    assert.equal((await jo.get(`/people/${excluded.crn}/events/1/sentence`)).statusCode, 403);
    assert.equal((await jo.post(`/people/${excluded.crn}/events/1/sentence`, {})).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${excluded.crn}/sentences`, joToken)).statusCode, 403);
    assert.equal((await t.api('POST', `/api/v1/people/${excluded.crn}/events/1/sentence`, joToken, { type: 'custody', sentencedOn: '2026-01-01', lengthMonths: 12 })).statusCode, 403);
    const admin = await t.signIn('admin');
    assert.equal((await admin.get(`/people/${person.crn}/events/1/sentence`)).statusCode, 403, 'no sentences:manage');
    assert.equal((await admin.post(`/people/${person.crn}/events/1/sentence`, {})).statusCode, 403);
    assert.equal((await t.api('POST', `/api/v1/people/${person.crn}/events/1/sentence`, await t.tokenFor('admin'), { type: 'custody', sentencedOn: '2026-01-01', lengthMonths: 12 })).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${person.crn}/sentences`, null)).statusCode, 401);
  });

  /** A demo case allocated to a team (so it has a PDU), its events cleared. */
  const allocatedCase = async (offset = 0) => {
    const db = t.database.db;
    const found = await db.selectFrom('people as p').innerJoin('case_allocations as a', 'a.person_id', 'p.id').select(['p.id', 'p.crn'])
      .where('p.id', 'not in', db.selectFrom('case_access_rules').select('person_id')).orderBy('p.id').offset(20 + offset).limit(1).executeTakeFirstOrThrow();
    await clearSentencing(db, found.id);
    return found;
  };
  const pick = (from: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, from[k]]));

  const eventCount = async () => Number((await t.database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('person_id', '=', person.id).executeTakeFirstOrThrow()).n);
});

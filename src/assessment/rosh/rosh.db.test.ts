import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { latestRosh } from './repository.ts';

const inMonths = async (t: TestApp, months: number) =>
  (await sql<{ d: string }>`select (current_date + make_interval(months => ${months}))::date::text as d`.execute(t.database.db)).rows[0]!.d;
const dateParts = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { 'reviewDueOn-day': String(Number(day)), 'reviewDueOn-month': String(Number(month)), 'reviewDueOn-year': year! };
};
const answers = {
  riskToChildren: 'low', riskToPublic: 'medium', riskToKnownAdult: 'high', riskToStaff: 'low', riskToPrisoners: 'not_applicable',
  natureOfRisk: 'Assaults on a former partner when drunk', whoIsAtRisk: 'The former partner, Ms A', whenRiskGreatest: 'Weekends, after drinking',
  increasesRisk: 'Alcohol and contact disputes', reducesRisk: 'Non-contact condition and alcohol treatment',
};

describe('RoSH assessments', () => {
  let t: TestApp;
  let crn: string;
  let personId: number;
  before(async () => {
    t = await createTestApp({ people: 150 });
    // A case on Lee's caseload that the access list does not limit and the demonstration data left unassessed.
    const person = await t.database.db.selectFrom('people').innerJoin('case_allocations as a', 'a.person_id', 'people.id')
      .innerJoin('users as u', 'u.id', 'a.practitioner_id').select(['people.id', 'people.crn'])
      .where('u.username', '=', 'lee.po').where('a.ended_at', 'is', null)
      .where('people.id', 'not in', t.database.db.selectFrom('case_access_rules').select('person_id'))
      .where('people.id', 'not in', t.database.db.selectFrom('rosh_assessments').select('person_id'))
      .orderBy('people.id').limit(1).executeTakeFirstOrThrow();
    crn = person.crn;
    personId = person.id;
  });
  after(() => t.close());

  it('completes a first assessment: errors first with everything typed kept, then saved, shown, audited and on the caseload', async () => {
    const lee = await t.signIn('lee.po');
    const empty = await lee.get(`/people/${crn}/rosh`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /No RoSH assessment has been completed/);
    assert.match(empty.body, /Complete a RoSH assessment/);
    assert.match((await lee.get('/cases')).body, new RegExp(`${crn}</td>[\\s\\S]*?Not assessed`));

    const form = await lee.get(`/people/${crn}/rosh/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /more likely than not to happen imminently/, 'definitions on screen');
    assert.match(form.body, /life-threatening and\/or traumatic/);

    const bad = await lee.post(`/people/${crn}/rosh`, { riskToKnownAdult: 'high', natureOfRisk: 'Typed before the error', 'reviewDueOn-day': '31', 'reviewDueOn-month': '2', 'reviewDueOn-year': '2027' });
    assert.equal(bad.statusCode, 400);
    for (const message of ['Select the risk to children', 'Select the risk to prisoners, or not applicable', 'Describe who is at risk', 'Describe what reduces the risk', 'The review date must be a real date']) {
      assert.match(bad.body, new RegExp(message));
    }
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /href="#reviewDueOn-day"/);
    assert.match(bad.body, /Typed before the error/);
    assert.match(bad.body, /name="riskToKnownAdult" type="radio" value="high" checked/);
    assert.match(bad.body, /name="reviewDueOn-day" type="text" value="31"/);

    const reviewDueOn = await inMonths(t, 6);
    const saved = await lee.post(`/people/${crn}/rosh`, { ...answers, ...dateParts(reviewDueOn) });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, `/people/${crn}/rosh?saved=1`);
    const page = await lee.get(`/people/${crn}/rosh?saved=1`);
    assert.match(page.body, /The RoSH assessment has been saved/);
    assert.match(page.body, /Overall risk of serious harm: <strong class="govuk-tag govuk-tag--orange">High<\/strong>/);
    assert.match(page.body, /Assaults on a former partner when drunk/);
    assert.match(page.body, /Not applicable/);
    assert.match(page.body, /Start a review/);

    const latest = await latestRosh(t.database.db, personId);
    assert.deepEqual(latest && { overall: latest.overall, reviewDueOn: latest.reviewDueOn }, { overall: 'high', reviewDueOn });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'detail']).where('person_id', '=', personId).where('action', '=', 'rosh.complete').execute();
    assert.deepEqual(audit.map((row) => row.detail), [{ id: latest!.id, overall: 'high' }]);
    assert.match((await lee.get('/cases')).body, new RegExp(`${crn}</td>[\\s\\S]*?govuk-tag--orange">High`));
  });

  it('starts a review pre-filled from the latest, keeps every version and marks an overdue review', async () => {
    const lee = await t.signIn('lee.po');
    const form = await lee.get(`/people/${crn}/rosh/new`);
    assert.match(form.body, /Review the RoSH assessment/);
    assert.match(form.body, /The answers start from version 1/);
    assert.match(form.body, /Assaults on a former partner when drunk<\/textarea>/);
    assert.match(form.body, /name="riskToKnownAdult" type="radio" value="high" checked/);
    assert.match(form.body, /name="riskToPrisoners" type="radio" value="not_applicable" checked/);

    const saved = await lee.post(`/people/${crn}/rosh`, { ...answers, riskToKnownAdult: 'medium', whoIsAtRisk: 'Ms A, now living out of area', ...dateParts(await inMonths(t, 3)) });
    assert.equal(saved.statusCode, 303);
    const page = await lee.get(`/people/${crn}/rosh`);
    assert.match(page.body, /Version 2, completed on/);
    assert.match(page.body, /Ms A, now living out of area/);
    const versions = await t.database.db.selectFrom('rosh_assessments').select(['id', 'version', 'superseded', 'overall']).where('person_id', '=', personId).orderBy('version').execute();
    assert.deepEqual(versions.map((v) => [v.version, v.superseded, v.overall]), [[1, true, 'high'], [2, false, 'medium']]);
    assert.match(page.body, new RegExp(`href="/people/${crn}/rosh/${versions[0]!.id}">Version 1<`));

    const first = await lee.get(`/people/${crn}/rosh/${versions[0]!.id}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /RoSH assessment version 1/);
    assert.match(first.body, /The former partner, Ms A</);
    assert.doesNotMatch(first.body, /Review overdue/);

    await t.database.db.updateTable('rosh_assessments').set({ review_due_on: sql<string>`current_date - 1`, completed_on: sql<string>`current_date - 100` }).where('id', '=', versions[1]!.id).execute();
    assert.match((await lee.get(`/people/${crn}/rosh`)).body, /govuk-tag--red">Review overdue/);
    assert.match((await lee.get('/cases')).body, new RegExp(`${crn}</td>[\\s\\S]*?Medium</strong> <strong class="govuk-tag govuk-tag--red">Review overdue`));
    const overview = (await lee.get(`/people/${crn}`)).body;
    assert.match(overview, /RoSH <strong class="govuk-tag govuk-tag--yellow">Medium<\/strong><\/a> <strong class="govuk-tag govuk-tag--red">RoSH review overdue/, 'on every case page too');
  });

  it('answers nonsense with a 400 and its messages, never a 500', async () => {
    const lee = await t.signIn('lee.po');
    const before = await t.database.db.selectFrom('rosh_assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const attempts: Record<string, string | string[]>[] = [
      { ...answers, riskToChildren: ['low', 'high'], natureOfRisk: ['a', 'b'], 'reviewDueOn-day': ['1', '2'], 'reviewDueOn-month': '1', 'reviewDueOn-year': '2027' },
      { ...answers, reducesRisk: 'x'.repeat(100_000), ...dateParts(await inMonths(t, 1)) },
      { ...answers, 'reviewDueOn-day': '1', 'reviewDueOn-month': '1', 'reviewDueOn-year': '99999' },
      { ...answers, 'reviewDueOn-day': '1', 'reviewDueOn-month': '1', 'reviewDueOn-year': '2001' },
      { ...answers, ...dateParts(await inMonths(t, 13)) },
      { ...answers, riskToChildren: "low'; drop table people; --", ...dateParts(await inMonths(t, 1)) },
    ];
    const expected = [/Select the risk to children/, /What reduces the risk must be 4,000 characters or fewer/, /must be a real date/, /must be today or later, and within 12 months/, /must be within 12 months, on or before/, /Select the risk to children/];
    for (const [i, form] of attempts.entries()) {
      const response = await lee.post(`/people/${crn}/rosh`, form);
      assert.equal(response.statusCode, 400, `attempt ${i}`);
      assert.match(response.body, expected[i]!);
    }
    assert.equal((await lee.get(`/people/${crn}/rosh/not-a-number`)).statusCode, 404);
    assert.equal((await lee.get(`/people/${crn}/rosh/99999999999999999999`)).statusCode, 404);
    const after = await t.database.db.selectFrom('rosh_assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('follows the access list and the permissions', async () => {
    const [restricted, other] = await t.database.db.selectFrom('people').select(['id', 'crn']).orderBy('id').limit(2).execute();
    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/people/${restricted!.crn}/rosh`)).statusCode, 403);
    assert.equal((await jo.get(`/people/${restricted!.crn}/rosh/new`)).statusCode, 403);
    assert.equal((await jo.post(`/people/${restricted!.crn}/rosh`, answers)).statusCode, 403);
    assert.ok(await t.database.db.selectFrom('audit_log').select('id').where('person_id', '=', restricted!.id).where('action', '=', 'case.rosh.read-refused').executeTakeFirst());

    // Another case's version is not found through this case.
    const lee = await t.signIn('lee.po');
    const version = await t.database.db.selectFrom('rosh_assessments').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow();
    assert.equal((await lee.get(`/people/${other!.crn}/rosh/${version.id}`)).statusCode, 404);
    assert.equal((await lee.get('/people/X000000/rosh')).statusCode, 404);

    const court = await t.signIn('chris.court');
    const read = await court.get(`/people/${crn}/rosh`);
    assert.equal(read.statusCode, 200, 'court officers read RoSH');
    assert.doesNotMatch(read.body, /Start a review/);
    assert.equal((await court.get(`/people/${crn}/rosh/new`)).statusCode, 403);
    assert.equal((await court.post(`/people/${crn}/rosh`, { ...answers, ...dateParts(await inMonths(t, 1)) })).statusCode, 403, 'but do not complete it');
    const admin = await t.signIn('admin');
    assert.equal((await admin.post(`/people/${crn}/rosh`, { ...answers, ...dateParts(await inMonths(t, 1)) })).statusCode, 403);
  });

  it('serves the latest and every version on the API, under the same access rules', async () => {
    const token = await t.tokenFor('lee.po');
    const response = await t.api('GET', `/api/v1/people/${crn}/rosh`, token);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.latest.version, 2);
    assert.equal(body.latest.overall, 'medium');
    assert.equal(body.latest.levels.prisoners, null);
    assert.equal(body.latest.reviewStatus, 'overdue');
    assert.deepEqual(body.history.map((h: { version: number }) => h.version), [2, 1]);
    const restricted = await t.database.db.selectFrom('people').select('crn').orderBy('id').limit(1).executeTakeFirstOrThrow();
    assert.equal((await t.api('GET', `/api/v1/people/${restricted.crn}/rosh`, await t.tokenFor('jo.po'))).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${crn}/rosh`, null)).statusCode, 401);
  });
});

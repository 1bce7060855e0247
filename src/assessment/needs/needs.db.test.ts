import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { latestNeeds, needsHistory } from './repository.ts';
import { SECTIONS } from './sections.ts';

/** Every item answered: `overrides` by key, the rest "no problems" (0). */
const fullForm = (overrides: Record<string, string> = {}, extra: Record<string, string | string[]> = {}) => ({
  ...Object.fromEntries(SECTIONS.flatMap((s) => s.items.map((item) => [item.key, '0']))),
  personsView: 'I need somewhere stable to live before anything else.',
  ...overrides,
  ...extra,
});

describe('needs assessments', () => {
  let t: TestApp;
  let crn: string;
  let personId: number;
  before(async () => {
    t = await createTestApp({ people: 30 });
    // A case the demonstration data gave no needs assessment, beyond the limited-access ones.
    const person = await t.database.db.selectFrom('people').select(['id', 'crn']).orderBy('id').offset(6)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('needs_assessments as n').select('n.id').whereRef('n.person_id', '=', 'people.id'))))
      .limit(1).executeTakeFirstOrThrow();
    crn = person.crn;
    personId = person.id;
    // The case record says no fixed abode, so the assessment pre-fills it rather than asking.
    await t.database.db.updateTable('person_addresses').set({ line1: 'No fixed abode', no_fixed_abode: true })
      .where('person_id', '=', personId).where('status', '=', 'main').where('end_date', 'is', null).execute();
  });
  after(() => t.close());

  it('saves a partial draft without asking for the rest, and keeps one draft per person', async () => {
    const lee = await t.signIn('lee.po');
    const empty = await lee.get(`/people/${crn}/needs`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /no completed needs assessment yet/);
    assert.match(empty.body, /Start a needs assessment/);

    const form = await lee.get(`/people/${crn}/needs/draft`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /From the case record: the main address is &quot;No fixed abode&quot;/, 'read from the case, not asked again');
    assert.match(form.body, /name="noFixedAbode" type="radio" value="2" checked/);

    const saved = await lee.post(`/people/${crn}/needs/draft`, { action: 'save', suitabilityOfAccommodation: '2', 'linked-accommodation': 'reoffending', 'note-accommodation': 'Sofa surfing at a friend\'s' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/people/${crn}/needs?saved=1`);
    assert.equal((await lee.post(`/people/${crn}/needs/draft`, { action: 'save', suitabilityOfAccommodation: '1' })).statusCode, 303);
    const drafts = await t.database.db.selectFrom('needs_assessments').selectAll().where('person_id', '=', personId).execute();
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0]!.status, 'draft');
    assert.deepEqual(drafts[0]!.answers, { suitabilityOfAccommodation: 1 });

    const page = await lee.get(`/people/${crn}/needs`);
    assert.match(page.body, /Continue the draft/);
    assert.match(page.body, /A draft assessment was last saved/);
    assert.equal(await latestNeeds(t.database.db, personId), null, 'a draft is not an assessment the tier reads');
  });

  it('refuses to complete with unanswered items, says which, and keeps what was typed', async () => {
    const lee = await t.signIn('lee.po');
    const response = await lee.post(`/people/${crn}/needs/draft`, { action: 'complete', suitabilityOfAccommodation: '2', 'note-accommodation': 'Hostel place ends in May' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /href="#permanenceOfAccommodation">Select an answer for permanence of accommodation \(Accommodation\)/);
    assert.match(response.body, /href="#personsView">Enter the person&#39;s view/);
    assert.match(response.body, /Hostel place ends in May/);
    const draft = await t.database.db.selectFrom('needs_assessments').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
    assert.equal(draft.status, 'draft');
    assert.equal(draft.sections.accommodation!.note, 'Hostel place ends in May', 'the draft is kept');
  });

  it('completes version 1, recalculating the tier, and shows it', async () => {
    const lee = await t.signIn('lee.po');
    const done = await lee.post(`/people/${crn}/needs/draft`, {
      action: 'complete',
      ...fullForm({ noFixedAbode: '2', suitabilityOfAccommodation: '2', permanenceOfAccommodation: '2', suitabilityOfLocation: '1', unemployed: '2', proCriminalAttitudes: '1' },
        { 'linked-accommodation': ['harm', 'reoffending'] }),
    });
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    const id = Number(done.headers.location!.match(/needs\/(\d+)/)![1]);
    const latest = await latestNeeds(t.database.db, personId);
    assert.equal(latest!.version, 1);
    assert.equal(latest!.id, id);
    assert.equal(latest!.sectionScores.accommodation, 7);
    assert.equal(latest!.sectionScores.ete, 2);
    assert.equal(latest!.answers.noFixedAbode, 2);
    const tier = await t.database.db.selectFrom('tier_calculations').select('reason').where('person_id', '=', personId).orderBy('id', 'desc').executeTakeFirst();
    assert.equal(tier?.reason, 'Needs assessment completed');

    const version = await lee.get(done.headers.location!);
    assert.equal(version.statusCode, 200);
    assert.match(version.body, /Version 1 of the needs assessment is complete/);
    assert.match(version.body, /Severe need/);
    assert.match(version.body, /Linked to risk of serious harm and to reoffending/);
    const page = await lee.get(`/people/${crn}/needs`);
    assert.match(page.body, /Start a review/);
    assert.match(page.body, /I need somewhere stable to live/);
    assert.match(page.body, /role="img" aria-labelledby="chart-accommodation-title chart-accommodation-desc"/);
    assert.match(page.body, /Show the scores as a table/);
    assert.doesNotMatch(page.body, /style="/);
  });

  it('pre-fills a review from version 1, marks changed answers and shows the score change', async () => {
    const lee = await t.signIn('lee.po');
    const form = await lee.get(`/people/${crn}/needs/draft`);
    assert.match(form.body, /The answers start from version 1/);
    assert.match(form.body, /name="suitabilityOfAccommodation" type="radio" value="2" checked/);
    assert.doesNotMatch(form.body, /Changed<\/strong> Previously/, 'nothing has changed yet');
    assert.doesNotMatch(form.body, /I need somewhere stable to live/, "the person's view is asked afresh");

    const answers = fullForm({ noFixedAbode: '2', suitabilityOfAccommodation: '1', permanenceOfAccommodation: '2', suitabilityOfLocation: '1', unemployed: '2', proCriminalAttitudes: '1' },
      { 'linked-accommodation': ['harm', 'reoffending'], personsView: '' , viewDeclined: 'yes' });
    const saved = await lee.post(`/people/${crn}/needs/draft`, { action: 'save', ...answers });
    assert.equal(saved.statusCode, 303);
    const draft = await lee.get(`/people/${crn}/needs/draft`);
    assert.match(draft.body, /Changed<\/strong> Previously: significant problems/);
    assert.match(draft.body, /6 out of 8 \(was 7\)/);
    assert.match(draft.body, /1 answer changed so far/);

    const done = await lee.post(`/people/${crn}/needs/draft`, { action: 'complete', ...answers });
    assert.equal(done.statusCode, 303);
    const version = await lee.get(done.headers.location!);
    assert.match(version.body, /Needs assessment version 2/);
    assert.match(version.body, /1 answer changed/);
    assert.match(version.body, /Changed<\/strong> <span class="govuk-body-s">Previously: significant problems/);
    assert.match(version.body, /The person declined to give their view/);
    assert.equal((await latestNeeds(t.database.db, personId))!.version, 2);

    const page = await lee.get(`/people/${crn}/needs`);
    assert.match(page.body, /Down 1 since last: progress/);
    assert.match(page.body, /Version 2 \(/);
    assert.match(page.body, /href="\/people\/[A-Z]\d{6}\/needs\/\d+">Version 1<\/a>/);
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', personId).where('action', 'like', 'needs.%').orderBy('id').execute();
    assert.deepEqual(actions.map((a) => a.action), ['needs.draft', 'needs.draft', 'needs.draft', 'needs.complete', 'needs.draft', 'needs.complete']);
  });

  it('gives the latest assessment and the history on the API, under the same access rules', async () => {
    const response = await t.api('GET', `/api/v1/people/${crn}/needs`, await t.tokenFor('lee.po'));
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.latest.version, 2);
    assert.equal(body.latest.answers.noFixedAbode, 2);
    assert.deepEqual(body.latest.sections.find((s: { key: string }) => s.key === 'accommodation'),
      { key: 'accommodation', label: 'Accommodation', pathway: 'accommodation', score: 6, max: 8, need: 'standard need', linkedToHarm: true, linkedToReoffending: true, note: '' });
    assert.deepEqual(body.history.map((h: { version: number; scores: { accommodation: number } }) => [h.version, h.scores.accommodation]), [[1, 7], [2, 6]]);
    const restricted = await t.database.db.selectFrom('people').select('crn').orderBy('id').limit(1).executeTakeFirstOrThrow();
    assert.equal((await t.api('GET', `/api/v1/people/${restricted.crn}/needs`, await t.tokenFor('jo.po'))).statusCode, 403);
  });

  it('answers nonsense with 400 and a message, never a 500, and saves nothing', async () => {
    const lee = await t.signIn('lee.po');
    const before = await t.database.db.selectFrom('needs_assessments').select('id').where('person_id', '=', personId).execute();
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ action: 'save', madeUpItem: '1' }, /The form sent &quot;madeUpItem&quot;, which this assessment does not have/],
      [{ action: 'save', noFixedAbode: '1' }, /Choose one of the answers offered for no fixed abode/],
      [{ action: 'save', problemSolving: '7' }, /Choose one of the answers offered for problem-solving skills/],
      [{ action: 'save', problemSolving: ['0', '2'] }, /was sent more than once/],
      [{ action: 'save', personsView: 'x'.repeat(5000) }, /The person&#39;s view must be 4,000 characters or fewer/],
      [{ action: 'save', 'linked-drugs': 'everything' }, /Choose &quot;risk of serious harm&quot; or &quot;reoffending&quot;/],
      [{ action: 'delete' }, /Press &quot;Save draft&quot; or &quot;Complete assessment&quot;/],
      [{ action: ['save', 'complete'] }, /was sent more than once/],
    ];
    for (const [form, message] of cases) {
      const response = await lee.post(`/people/${crn}/needs/draft`, form);
      assert.equal(response.statusCode, 400, JSON.stringify(form).slice(0, 80));
      assert.match(response.body, message);
    }
    const long = await lee.post(`/people/${crn}/needs/draft`, { action: 'save', personsView: 'y'.repeat(4500) });
    assert.match(long.body, /y{4500}/, 'what was typed is shown back');
    assert.equal((await lee.get(`/people/${crn}/needs/abc`)).statusCode, 404);
    assert.equal((await lee.get(`/people/${crn}/needs/99999999999999999999`)).statusCode, 404);
    const after = await t.database.db.selectFrom('needs_assessments').select('id').where('person_id', '=', personId).execute();
    assert.deepEqual(after, before);
  });

  it('follows the access list and the permissions', async () => {
    const people = await t.database.db.selectFrom('people').select(['id', 'crn']).orderBy('id').limit(4).execute();
    const restricted = people[0]!.crn;
    const excluded = people[3]!.crn;
    const jo = await t.signIn('jo.po');
    for (const target of [restricted, excluded]) {
      assert.equal((await jo.get(`/people/${target}/needs`)).statusCode, 403);
      assert.equal((await jo.get(`/people/${target}/needs/draft`)).statusCode, 403);
      assert.equal((await jo.post(`/people/${target}/needs/draft`, { action: 'save' })).statusCode, 403);
    }
    const refused = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', people[0]!.id).where('action', '=', 'case.needs.read-refused').execute();
    assert.ok(refused.length >= 2);
    const lee = await t.signIn('lee.po');
    assert.equal((await lee.get(`/people/${restricted}/needs`)).statusCode, 200);

    const court = await t.signIn('chris.court');
    const read = await court.get(`/people/${crn}/needs`);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /Start a review/, 'no button without the permission');
    assert.equal((await court.get(`/people/${crn}/needs/draft`)).statusCode, 403);
    assert.equal((await court.post(`/people/${crn}/needs/draft`, { action: 'save' })).statusCode, 403);
    assert.equal((await lee.get('/people/Z999999/needs')).statusCode, 404);
  });

  it('the demonstration data holds assessments for about half the people, 1 to 4 versions months apart, each with a view', async () => {
    const db = t.database.db;
    const people = await db.selectFrom('people').select('id').orderBy('id').execute();
    const rows = await db.selectFrom('needs_assessments').select(['person_id', 'version', 'completed_on', 'persons_view', 'view_declined', 'status'])
      .where('person_id', 'in', people.map((p) => p.id)).where('person_id', '!=', personId).orderBy('person_id').orderBy('version').execute();
    const assessed = new Set(rows.map((r) => r.person_id));
    assert.ok(assessed.size >= 2 && assessed.size < people.length, `${assessed.size} of ${people.length}`);
    assert.ok(rows.every((r) => r.status === 'completed' && (r.persons_view !== '' || r.view_declined)));
    for (const personId of assessed) {
      const history = await needsHistory(db, personId);
      assert.deepEqual(history.map((h) => h.version), history.map((_, i) => i + 1));
      assert.ok(history.length <= 4);
      for (let i = 1; i < history.length; i++) assert.ok(history[i]!.completedOn > history[i - 1]!.completedOn);
      assert.equal((await latestNeeds(db, personId))!.version, history.length);
    }
  });
});

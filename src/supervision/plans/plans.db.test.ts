import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type Browser, type TestApp } from '../../../test/support/app.ts';
import { SECTION_BY_KEY } from '../../assessment/needs/sections.ts';
import { addDays, addMonths } from '../../platform/http/dates.ts';
import { overdueActionsOf } from './service.ts';

const today = new Date().toISOString().slice(0, 10);
const dateFields = (name: string, iso: string) => { const [y, m, d] = iso.split('-'); return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }; };

describe('sentence plans with the database', () => {
  let t: TestApp;
  let jo: Browser;
  const db = () => t.database.db;
  /** Two open cases with an active order, a completed needs assessment with a need, and no plan. */
  let cases: { id: number; crn: string; need: string }[];
  let restrictedCrn: string;

  before(async () => {
    t = await createTestApp({ people: 80 });
    jo = await t.signIn('jo.po');
    const rows = await db().selectFrom('people as p')
      .innerJoin('needs_assessments as n', (j) => j.onRef('n.person_id', '=', 'p.id').on('n.status', '=', 'completed'))
      .select(['p.id', 'p.crn', 'n.section_scores', 'n.version'])
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM case_access_rules r WHERE r.person_id = p.id)`)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM sentences s WHERE s.person_id = p.id AND s.status = 'active')`)
      .orderBy('p.id').orderBy('n.version', 'desc').execute();
    const latest = new Map<number, (typeof rows)[number]>();
    for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, r);
    cases = [...latest.values()].flatMap((r) => {
      const key = Object.entries(r.section_scores ?? {}).find(([k, score]) => { const s = SECTION_BY_KEY.get(k as never); return s && score >= s.standard; })?.[0];
      return key ? [{ id: r.id, crn: r.crn, need: key }] : [];
    }).slice(0, 2);
    assert.equal(cases.length, 2, 'the demo has cases with an assessed need');
    // Plans are made here, so start from none (the demo's plans for these two are removed with their parts).
    for (const c of cases) {
      for (const table of ['plan_review_progress', 'plan_reviews', 'plan_objective_history', 'plan_actions', 'plan_objectives', 'sentence_plans']) {
        await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(db());
        await sql`DELETE FROM ${sql.table(table)} WHERE person_id = ${c.id}`.execute(db());
        await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(db());
      }
    }
    const restricted = await db().selectFrom('case_access_rules as r').innerJoin('people as p', 'p.id', 'r.person_id').select('p.crn').where('r.kind', '=', 'restriction').executeTakeFirstOrThrow();
    restrictedCrn = restricted.crn;
  });
  after(() => t.close());

  const needLabel = (key: string) => SECTION_BY_KEY.get(key as never)!.label;

  it('creates a plan; errors keep what was typed; a second plan for the order is refused', async () => {
    const c = cases[0]!;
    const empty = await jo.get(`/people/${c.crn}/plan`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /has no sentence plan yet/);
    assert.match(empty.body, /Needs without an objective/);
    assert.ok(empty.body.includes(needLabel(c.need)));

    const bad = await jo.post(`/people/${c.crn}/plan`, { ...dateFields('reviewDueOn', addDays(today, -1)), personsComment: 'Kept text' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /The review date must be in the future/);
    assert.match(bad.body, /Kept text/);

    const ok = await jo.post(`/people/${c.crn}/plan`, { ...dateFields('reviewDueOn', addMonths(today, 3)), agreed: 'no' });
    assert.equal(ok.statusCode, 303);
    const audited = await db().selectFrom('audit_log').select('action').where('person_id', '=', c.id).where('action', '=', 'plan.create').execute();
    assert.equal(audited.length, 1);
    const again = await jo.post(`/people/${c.crn}/plan`, dateFields('reviewDueOn', addMonths(today, 3)));
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already has a sentence plan/);
  });

  it('an objective for a need removes it from "needs without an objective"; editing keeps the earlier wording', async () => {
    const c = cases[0]!;
    const missing = await jo.post(`/people/${c.crn}/plan/objectives`, { needSection: c.need, objective: 'Find stable work', personsWords: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter the objective in the person&#39;s own words/);
    assert.match(missing.body, /Find stable work/);

    const added = await jo.post(`/people/${c.crn}/plan/objectives`, { needSection: c.need, objective: 'Find stable work', personsWords: 'I want a proper job' });
    assert.equal(added.statusCode, 303);
    const page = await jo.get(`/people/${c.crn}/plan`);
    assert.match(page.body, /I want a proper job/);
    const list = page.body.match(/<ul[^>]*id="needs-without-objective"[\s\S]*?<\/ul>/)?.[0] ?? '';
    assert.ok(!list.includes(`${needLabel(c.need)} (`), 'the need now has an objective');

    const objective = await db().selectFrom('plan_objectives').select('id').where('person_id', '=', c.id).executeTakeFirstOrThrow();
    const edited = await jo.post(`/people/${c.crn}/plan/objectives/${objective.id}`, { needSection: c.need, objective: 'Find stable work within 6 months', personsWords: 'I want a proper job', status: 'open' });
    assert.equal(edited.statusCode, 303);
    const history = await db().selectFrom('plan_objective_history').select(['objective']).where('objective_id', '=', objective.id).execute();
    assert.deepEqual(history.map((h) => h.objective), ['Find stable work']);
    assert.match((await jo.get(`/people/${c.crn}/plan`)).body, /Earlier wording \(1\)/);
  });

  it('actions: owners and target dates, overdue ones marked and counted for My cases, outcome recorded once', async () => {
    const c = cases[0]!;
    const objective = await db().selectFrom('plan_objectives').select('id').where('person_id', '=', c.id).executeTakeFirstOrThrow();
    const bad = await jo.post(`/people/${c.crn}/plan/objectives/${objective.id}/actions`, { action: 'Referral', owner: 'agency', ...dateFields('targetOn', today) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the name of the agency/);
    const ok = await jo.post(`/people/${c.crn}/plan/objectives/${objective.id}/actions`, { action: 'Referral to employment support', owner: 'agency', agencyName: 'Jobcentre Plus', ...dateFields('targetOn', addDays(today, 14)) });
    assert.equal(ok.statusCode, 303);
    // An action set weeks ago whose date has passed (the form refuses past dates, so it is inserted as history).
    const late = await db().insertInto('plan_actions').values({ person_id: c.id, objective_id: objective.id, action: 'Bring the CV', owner: 'person', agency_name: null, target_on: addDays(today, -3), created_by: null }).returning('id').executeTakeFirstOrThrow();
    assert.deepEqual([...await overdueActionsOf(db(), [c.id, cases[1]!.id], today)], [[c.id, 1]]);
    const page = await jo.get(`/people/${c.crn}/plan`);
    assert.match(page.body, /Jobcentre Plus/);
    assert.match(page.body, /govuk-tag--red">\s*Overdue/);

    const noReason = await jo.post(`/people/${c.crn}/plan/actions/${late.id}`, { status: 'not_done' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Say why the action was not done/);
    assert.equal((await jo.post(`/people/${c.crn}/plan/actions/${late.id}`, { status: 'done' })).statusCode, 303);
    assert.equal((await overdueActionsOf(db(), [c.id], today)).size, 0);
    assert.equal((await jo.post(`/people/${c.crn}/plan/actions/${late.id}`, { status: 'done' })).statusCode, 400, 'an outcome is recorded once');
    await assert.rejects(db().updateTable('plan_actions').set({ action: 'Changed' }).where('id', '=', late.id).execute());
  });

  it('reviews append: progress per objective, the next review date, and earlier reviews listed', async () => {
    const c = cases[0]!;
    const objective = await db().selectFrom('plan_objectives').select('id').where('person_id', '=', c.id).executeTakeFirstOrThrow();
    const bad = await jo.post(`/people/${c.crn}/plan/reviews`, { ...dateFields('reviewedOn', today), [`progress-${objective.id}`]: 'Applied for two jobs' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select the progress made on this objective/);
    assert.match(bad.body, /Applied for two jobs/);
    for (const [rating, next] of [['some_progress', 2], ['good_progress', 4]] as const) {
      const r = await jo.post(`/people/${c.crn}/plan/reviews`, { ...dateFields('reviewedOn', today), ...dateFields('nextReviewOn', addMonths(today, next)), [`rating-${objective.id}`]: rating, [`progress-${objective.id}`]: `Progress ${rating}` });
      assert.equal(r.statusCode, 303);
    }
    const page = await jo.get(`/people/${c.crn}/plan`);
    assert.equal(page.body.match(/Review on /g)?.length, 2);
    assert.match(page.body, /Good progress at the review/);
    const reviews = await db().selectFrom('plan_reviews').select('id').where('person_id', '=', c.id).execute();
    await assert.rejects(db().updateTable('plan_reviews').set({ summary: 'rewritten' }).where('id', '=', reviews[0]!.id).execute());
    await assert.rejects(db().deleteFrom('plan_review_progress').where('person_id', '=', c.id).execute());
  });

  it('applies the access list to pages and the API', async () => {
    assert.equal((await jo.get(`/people/${restrictedCrn}/plan`)).statusCode, 403);
    const token = await t.tokenFor('jo.po');
    assert.equal((await t.api('GET', `/api/v1/people/${restrictedCrn}/plan`, token)).statusCode, 403);
    assert.equal((await t.api('POST', `/api/v1/people/${restrictedCrn}/plan`, token, { reviewDueOn: addMonths(today, 3) })).statusCode, 403);
  });

  it('a court officer can read the plan but not change it', async () => {
    const chris = await t.signIn('chris.court');
    const c = cases[0]!;
    const page = await chris.get(`/people/${c.crn}/plan`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Add an objective/);
    assert.equal((await chris.post(`/people/${c.crn}/plan/objectives`, { needSection: c.need, objective: 'x', personsWords: 'y' })).statusCode, 403);
    const token = await t.tokenFor('chris.court');
    assert.equal((await t.api('POST', `/api/v1/people/${cases[1]!.crn}/plan`, token, { reviewDueOn: addMonths(today, 3) })).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${c.crn}/plan`, token)).statusCode, 200);
  });

  it('the API: shapes, 201s and 400s with messages', async () => {
    const c = cases[1]!;
    const token = await t.tokenFor('jo.po');
    const url = `/api/v1/people/${c.crn}/plan`;
    const before = (await t.api('GET', url, token)).json();
    assert.equal(before.plan, null);
    assert.ok(before.needsWithoutObjective.some((n: { key: string }) => n.key === c.need));

    assert.equal((await t.api('POST', `${url}/objectives`, token, { needSection: c.need, objective: 'x', personsWords: 'y' })).statusCode, 404, 'no plan yet');
    const badDate = await t.api('POST', url, token, { reviewDueOn: 'soon' });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.json().message, /review date must be a real date/);
    assert.equal((await t.api('POST', url, token, { reviewDueOn: addMonths(today, 3), agreed: 'maybe' })).statusCode, 400);
    const plan = await t.api('POST', url, token, { reviewDueOn: addMonths(today, 3), agreed: true, personsComment: 'Fine by me' });
    assert.equal(plan.statusCode, 201);

    const badNeed = await t.api('POST', `${url}/objectives`, token, { needSection: 'gambling', objective: 'x', personsWords: 'y' });
    assert.equal(badNeed.statusCode, 400);
    assert.match(badNeed.json().message, /Choose a need from the list/);
    const objective = await t.api('POST', `${url}/objectives`, token, { needSection: c.need, objective: 'Address the need', personsWords: 'Sort it out' });
    assert.equal(objective.statusCode, 201);
    const objectiveId = objective.json().id as number;

    const badAction = await t.api('POST', `${url}/objectives/${objectiveId}/actions`, token, { action: 'Refer', owner: 'agency', targetOn: today });
    assert.equal(badAction.statusCode, 400);
    assert.equal(badAction.json().fields.agencyName, 'Enter the name of the agency');
    assert.equal((await t.api('POST', `${url}/objectives/999999/actions`, token, { action: 'Refer', owner: 'person', targetOn: today })).statusCode, 404);
    assert.equal((await t.api('POST', `${url}/objectives/${objectiveId}/actions`, token, { action: 'Refer', owner: 'person', targetOn: addDays(today, 7) })).statusCode, 201);

    const noRating = await t.api('POST', `${url}/reviews`, token, { reviewedOn: today, nextReviewOn: addMonths(today, 3), progress: [] });
    assert.equal(noRating.statusCode, 400);
    assert.match(noRating.json().message, new RegExp(`Give a rating for objective ${objectiveId}`));
    const review = await t.api('POST', `${url}/reviews`, token, { reviewedOn: today, nextReviewOn: addMonths(today, 2), progress: [{ objectiveId, rating: 'achieved', progress: 'Done' }] });
    assert.equal(review.statusCode, 201);

    const got = (await t.api('GET', url, token)).json();
    assert.equal(got.plan.status, 'agreed');
    assert.equal(got.plan.reviewDueOn, addMonths(today, 2));
    assert.equal(got.plan.objectives[0].status, 'achieved', 'rated achieved at review');
    assert.equal(got.plan.objectives[0].actions[0].owner, 'person');
    assert.equal(got.plan.objectives[0].latestProgress.rating, 'achieved');
    assert.equal(got.plan.reviews.length, 1);
    assert.ok(!got.needsWithoutObjective.some((n: { key: string }) => n.key === c.need));
    const paths = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths as Record<string, Record<string, { tags?: string[] }>>;
    assert.deepEqual(paths['/api/v1/people/{crn}/plan/reviews']?.post?.tags, ['plans']);
    assert.ok(paths['/api/v1/people/{crn}/plan/objectives/{id}/actions']?.post);
  });
});

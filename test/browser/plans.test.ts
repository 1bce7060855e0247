import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { SECTION_BY_KEY } from '../../src/assessment/needs/sections.ts';
import { addDays } from '../../src/platform/http/dates.ts';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A practitioner's sentence plan in real Chromium: Jo creates the plan for a case with an assessed need,
 * adds an objective for that need in the person's own words, an action for another agency, records its
 * outcome and a review. Every page, and every page with errors, is scanned with axe.
 */
describe('sentence plans in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  let needLabel: string;
  let needKey: string;
  const today = new Date().toISOString().slice(0, 10);
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const jo = await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    const rows = await db.selectFrom('people as p')
      .innerJoin('needs_assessments as n', (j) => j.onRef('n.person_id', '=', 'p.id').on('n.status', '=', 'completed'))
      .innerJoin('case_allocations as a', (j) => j.onRef('a.person_id', '=', 'p.id').on('a.ended_at', 'is', null))
      .select(['p.id', 'p.crn', 'n.section_scores', 'n.version', 'a.practitioner_id'])
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM case_access_rules r WHERE r.person_id = p.id)`)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM sentences s WHERE s.person_id = p.id AND s.status = 'active')`)
      .orderBy(sql`a.practitioner_id = ${jo.id}`, 'desc').orderBy('p.id').orderBy('n.version', 'desc').execute();
    const seen = new Set<number>();
    const found = rows.flatMap((r) => {
      if (seen.has(r.id)) return [];
      seen.add(r.id);
      const key = Object.entries(r.section_scores ?? {}).find(([k, score]) => { const s = SECTION_BY_KEY.get(k as never); return s && score >= s.standard; })?.[0];
      return key ? [{ id: r.id, crn: r.crn, key, label: SECTION_BY_KEY.get(key as never)!.label }] : [];
    })[0]!;
    crn = found.crn;
    needLabel = found.label;
    needKey = found.key;
    // Start with no plan: remove the demo's (the tables refuse deletes, so their guards are lifted for this set-up only).
    for (const table of ['plan_review_progress', 'plan_reviews', 'plan_objective_history', 'plan_actions', 'plan_objectives', 'sentence_plans']) {
      await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(db);
      await sql`DELETE FROM ${sql.table(table)} WHERE person_id = ${found.id}`.execute(db);
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(db);
    }
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const date = (iso: string) => { const [year, month, day] = iso.split('-').map(Number) as [number, number, number]; return { year, month, day }; };

  it('creates a plan, adds an objective for a need in the person\'s words, an action and a review', async () => {
    const { page } = await h.signedIn('jo.po');
    await page.goto(`/people/${crn}/plan`);
    assert.match(await page.textContent('#needs-without-objective') ?? '', new RegExp(needLabel));
    await expectAccessible(page, 'plan page without a plan');

    await page.fill('#reviewDueOn-day', '');
    await page.click('button:has-text("Create the plan")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /review date must be a real date/);
    await expectAccessible(page, 'create plan with errors');
    await fillDateInput(page, 'reviewDueOn', date(addDays(today, 60)));
    await page.check('#agreed-2');
    await page.fill('#personsComment', 'I am up for this');
    await page.click('button:has-text("Create the plan")');
    await page.waitForURL(/\?saved=created$/);
    assert.match(await page.textContent('main') ?? '', /Agreed with the person/);
    await expectAccessible(page, 'plan page with an empty plan');

    await page.click(`#needs-without-objective a[href$="need=${needKey}"]`);
    await page.waitForURL(/objectives\/new\?need=/);
    await page.fill('#objective', 'Address the need');
    await page.click('button:has-text("Save the objective")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /in the person's own words/);
    assert.equal(await page.inputValue('#objective'), 'Address the need', 'typed values are kept');
    await expectAccessible(page, 'objective form with errors');
    await page.fill('#personsWords', 'I want to sort this out for my kids');
    await page.click('button:has-text("Save the objective")');
    await page.waitForURL(/\?saved=objective$/);
    assert.match(await page.textContent('main') ?? '', /I want to sort this out for my kids/);
    const gaps = page.locator('#needs-without-objective');
    if (await gaps.count()) assert.doesNotMatch(await gaps.textContent() ?? '', new RegExp(`${needLabel} \\(`));
    await expectAccessible(page, 'plan page with an objective');

    await page.click('a:has-text("Add an action")');
    await page.waitForURL(/actions\/new$/);
    await page.fill('#action', 'Referral to the support service');
    await page.check('#owner-3');
    await page.fill('#agencyName', 'Citizens Advice');
    await fillDateInput(page, 'targetOn', date(addDays(today, 14)));
    await expectAccessible(page, 'action form');
    await page.click('button:has-text("Add the action")');
    await page.waitForURL(/\?saved=action$/);
    assert.match(await page.textContent('main') ?? '', /Citizens Advice/);

    await page.click('a:has-text("Record outcome")');
    await page.waitForURL(/plan\/actions\/\d+$/);
    await expectAccessible(page, 'action outcome form');
    await page.check('#status');
    await page.click('button:has-text("Record the outcome")');
    await page.waitForURL(/\?saved=outcome$/);

    await page.click('a:has-text("Record a review")');
    await page.waitForURL(/reviews\/new$/);
    await page.click('button:has-text("Record the review")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Select the progress made on this objective/);
    await expectAccessible(page, 'review form with errors');
    await page.locator('input[type=radio][value="good_progress"]').first().check();
    await page.locator('textarea[name^="progress-"]').first().fill('Went to the first appointment');
    await page.click('button:has-text("Record the review")');
    await page.waitForURL(/\?saved=review$/);
    const main = await page.textContent('main') ?? '';
    assert.match(main, /Review on/);
    assert.match(main, /Good progress at the review/);
    await expectAccessible(page, 'plan page after a review');
  });
});

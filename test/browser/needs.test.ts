import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SECTIONS } from '../../src/assessment/needs/sections.ts';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/** A needs assessment and its review, in real Chromium, every page scanned with axe at WCAG 2.2 AA. */
describe('needs assessment in a real browser', { timeout: 240_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  before(async () => {
    h = await startBrowserHarness();
    // Beyond the limited-access cases, one the demonstration data left without an assessment.
    crn = (await h.t.database.db.selectFrom('people').select('crn').orderBy('id').offset(6)
      .where('id', 'not in', h.t.database.db.selectFrom('needs_assessments').select('person_id')).limit(1).executeTakeFirstOrThrow()).crn;
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const answerEverything = async (page: Page, overrides: Record<string, string>) => {
    for (const item of SECTIONS.flatMap((s) => s.items)) await page.check(`input[name="${item.key}"][value="${overrides[item.key] ?? '0'}"]`);
  };

  it('completes an assessment after an error, then reviews it with the answers pre-filled and the change highlighted', async () => {
    const { context, page } = await h.signedIn('lee.po');
    await page.goto(`/people/${crn}/needs`);
    await expectAccessible(page, 'needs, none yet');
    await page.click('a:has-text("Start a needs assessment")');
    await page.waitForURL('**/needs/draft');
    await expectAccessible(page, 'the needs form');

    await page.click('button:has-text("Complete assessment")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Select an answer for suitability of accommodation/);
    await expectAccessible(page, 'the needs form with errors');

    await answerEverything(page, { suitabilityOfAccommodation: '2', permanenceOfAccommodation: '2', unemployed: '2', impulsivity: '1' });
    await page.check('#linked-accommodation');
    await page.fill('#personsView', 'Somewhere to live first, then work.');
    await page.click('button:has-text("Complete assessment")');
    await page.waitForURL(/needs\/\d+\?completed=1/);
    assert.match(await page.textContent('h2.govuk-heading-l') ?? '', /version 1/);
    await expectAccessible(page, 'version 1');
    await context.close();

    // The review starts with JavaScript off (the form needs none); axe needs it on, so it checks after.
    const noJs = await h.signedIn('lee.po', { javaScript: false });
    await noJs.page.goto(`/people/${crn}/needs`);
    await noJs.page.click('a:has-text("Start a review")');
    await noJs.page.waitForURL('**/needs/draft');
    assert.ok(await noJs.page.isChecked('input[name="suitabilityOfAccommodation"][value="2"]'), 'pre-filled from version 1');
    assert.ok(await noJs.page.isChecked('input[name="impulsivity"][value="1"]'));
    assert.equal(await noJs.page.inputValue('#personsView'), '', "the person's view is asked afresh");
    await noJs.page.check('input[name="suitabilityOfAccommodation"][value="0"]');
    await noJs.page.click('button:has-text("Save draft")');
    await noJs.page.waitForURL(/needs\?saved=1/);
    await noJs.context.close();

    const { context: reviewContext, page: review } = await h.signedIn('lee.po');
    await review.goto(`/people/${crn}/needs?saved=1`);
    await expectAccessible(review, 'needs with a draft saved');
    await review.click('a:has-text("Continue the draft")');
    const changed = await review.textContent('.app-needs-changed') ?? '';
    assert.match(changed, /Suitability of accommodation/);
    assert.match(changed, /Changed\s+Previously: significant problems/);
    assert.match(await review.textContent('#score-accommodation') ?? '', /\(was \d+\)/);
    await expectAccessible(review, 'the review form with a changed answer');
    await review.fill('#personsView', 'The flat has come through.');
    await review.click('button:has-text("Complete assessment")');
    await review.waitForURL(/needs\/\d+\?completed=1/);
    assert.match(await review.textContent('main') ?? '', /1 answer changed/);
    await expectAccessible(review, 'version 2 with its changes');

    await review.click('a:has-text("Back to needs")');
    assert.equal(await review.locator('svg[role="img"]').count(), SECTIONS.length);
    assert.match(await review.textContent('.app-needs-charts') ?? '', /Down 2 since last: progress/);
    await review.click('summary:has-text("Show the scores as a table")');
    assert.match(await review.textContent('details table') ?? '', /Version 2/);
    await expectAccessible(review, 'needs with the chart and its table open');
    await reviewContext.close();
  });
});

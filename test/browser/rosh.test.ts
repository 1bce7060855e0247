import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/** A RoSH assessment as a practitioner completes and reviews it, in real Chromium, scanned with axe. */
describe('RoSH assessment in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  before(async () => {
    h = await startBrowserHarness();
    // Beyond the limited-access cases, one the demonstration data left without an assessment.
    crn = (await h.t.database.db.selectFrom('people').select('crn').orderBy('id').offset(6)
      .where('id', 'not in', h.t.database.db.selectFrom('rosh_assessments').select('person_id')).limit(1).executeTakeFirstOrThrow()).crn;
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => {
    assert.deepEqual(await accessibilityViolations(page), [], what);
  };
  const inSixMonths = () => {
    const date = new Date();
    date.setUTCDate(1); // stay clear of the end of a month
    date.setUTCMonth(date.getUTCMonth() + 6);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  };

  it('completes an assessment with errors first, sees the overall level, then starts a review pre-filled', async () => {
    const { context, page } = await h.signedIn('lee.po');
    await page.goto(`/people/${crn}/rosh`);
    await expectAccessible(page, 'RoSH with no assessment');
    await page.click('a:has-text("Complete a RoSH assessment")');
    await page.waitForURL(`**/people/${crn}/rosh/new`);
    assert.match(await page.textContent('main') ?? '', /There is an imminent risk of serious harm/);
    await expectAccessible(page, 'RoSH form');

    await page.fill('#natureOfRisk', 'Threats to kill a former partner');
    await page.click('button:has-text("Complete assessment")');
    const summary = await page.textContent('.govuk-error-summary') ?? '';
    for (const message of ['Select the risk to children', 'Describe who is at risk', 'Enter the date of the next review']) assert.match(summary, new RegExp(message));
    assert.equal(await page.inputValue('#natureOfRisk'), 'Threats to kill a former partner', 'typed values are kept');
    await expectAccessible(page, 'RoSH form with errors');

    await page.check('input[name="riskToChildren"][value="low"]');
    await page.check('input[name="riskToPublic"][value="medium"]');
    await page.check('input[name="riskToKnownAdult"][value="very_high"]');
    await page.check('input[name="riskToStaff"][value="low"]');
    await page.check('input[name="riskToPrisoners"][value="not_applicable"]');
    await page.fill('#whoIsAtRisk', 'The former partner');
    await page.fill('#whenRiskGreatest', 'Now, since his release');
    await page.fill('#increasesRisk', 'Learning where she lives');
    await page.fill('#reducesRisk', 'Exclusion zone and electronic monitoring');
    await fillDateInput(page, 'reviewDueOn', inSixMonths());
    await page.click('button:has-text("Complete assessment")');
    await page.waitForURL(/\/rosh\?saved=1/);
    assert.match(await page.textContent('main') ?? '', /Overall risk of serious harm: Very high/);
    await expectAccessible(page, 'RoSH summary');

    await page.click('a:has-text("Start a review")');
    await page.waitForURL(`**/people/${crn}/rosh/new`);
    assert.ok(await page.isChecked('input[name="riskToKnownAdult"][value="very_high"]'), 'levels pre-filled');
    assert.ok(await page.isChecked('input[name="riskToPrisoners"][value="not_applicable"]'));
    assert.equal(await page.inputValue('#reducesRisk'), 'Exclusion zone and electronic monitoring', 'narrative pre-filled');
    await expectAccessible(page, 'RoSH review form');
    await context.close();
  });

  it('reviews with JavaScript off and lists both versions', async () => {
    const { context, page } = await h.signedIn('lee.po', { javaScript: false });
    await page.goto(`/people/${crn}/rosh/new`);
    await page.check('input[name="riskToKnownAdult"][value="high"]');
    await fillDateInput(page, 'reviewDueOn', inSixMonths());
    await page.click('button:has-text("Complete assessment")');
    await page.waitForURL(/\/rosh\?saved=1/);
    assert.match(await page.textContent('main') ?? '', /Overall risk of serious harm: High/);
    await context.close();

    const withScript = await h.signedIn('lee.po');
    await withScript.page.goto(`/people/${crn}/rosh`);
    await withScript.page.click('a:has-text("Version 1")');
    assert.match(await withScript.page.textContent('h2.govuk-heading-l') ?? '', /version 1/);
    await expectAccessible(withScript.page, 'an earlier version');
    await withScript.context.close();
  });
});

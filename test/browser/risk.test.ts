import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { clearSentencing } from '../support/cases.ts';

/**
 * From a case with no scores to an explained OGRS3 and tier, in real Chromium: record the conviction,
 * the criminal history the PNC holds, then read every term of the formula. Every page scanned with axe.
 */
describe('predictors and tier in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    // A case without a criminal history, its events cleared so it starts as a new case does.
    const person = await db.selectFrom('people').select(['id', 'crn']).orderBy('id').offset(6)
      .where('id', 'not in', db.selectFrom('criminal_histories').select('person_id')).limit(1).executeTakeFirstOrThrow();
    crn = person.crn;
    await clearSentencing(db, person.id);
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const fillDate = (page: Page, id: string, [year, month, day]: [number, number, number]) => fillDateInput(page, id, { year, month, day });

  it('records a conviction, then the criminal history, and explains OGRS3 and the tier', async () => {
    const { context, page } = await h.signedIn('lee.po');
    const year = new Date().getUTCFullYear() - 1;
    await page.goto(`/people/${crn}/risk`);
    assert.match(await page.textContent('#predictor-ogrs3') ?? '', /OGRS3 cannot be calculated yet/);
    await expectAccessible(page, 'risk page before any score');

    await page.click('#predictor-ogrs3 a:has-text("Record the conviction and sentence")');
    await page.waitForURL(`**/people/${crn}/events/new`);
    await expectAccessible(page, 'conviction form');
    await page.selectOption('#mainOffence', 'BUR-DWL');
    await fillDate(page, 'offenceDate', [year, 1, 12]);
    await fillDate(page, 'convictionDate', [year, 2, 20]);
    await page.fill('#court', 'Newcastle Crown Court');
    await page.check('input[name="sentenceType"][value="custody"]');
    await fillDate(page, 'sentencedOn', [year, 3, 1]);
    await page.fill('#lengthMonths', '30');
    await page.check('input[name="requirements"][value="unpaid_work"]');
    await page.click('button:has-text("Save and recalculate")');
    const summary = await page.textContent('.govuk-error-summary') ?? '';
    assert.match(summary, /licence conditions, not requirements/);
    assert.equal(await page.inputValue('#court'), 'Newcastle Crown Court', 'typed values are kept');
    assert.ok(await page.isChecked('input[name="sentenceType"][value="custody"]'));
    await expectAccessible(page, 'conviction form with errors');

    await page.uncheck('input[name="requirements"][value="unpaid_work"]');
    await fillDate(page, 'releaseOn', [year, 9, 1]);
    await page.click('button:has-text("Save and recalculate")');
    await page.waitForURL(/\/events\?saved=1/);
    assert.match(await page.textContent('main') ?? '', /Event \d+: Burglary of a dwelling/);
    await expectAccessible(page, 'sentence tab');

    await page.goto(`/people/${crn}/risk`);
    await page.click('#predictor-ogrs3 a:has-text("Record the criminal history")');
    await page.waitForURL(`**/people/${crn}/risk/history`);
    await page.fill('#previousSanctions', '2');
    await page.fill('#violentSanctions', '0');
    await fillDate(page, 'firstSanctionDate', [year - 6, 5, 4]);
    await expectAccessible(page, 'criminal history form');
    await page.click('button:has-text("Save and recalculate")');
    await page.waitForURL(/\/risk\?saved=1/);

    const card = page.locator('#predictor-ogrs3');
    assert.match(await card.textContent() ?? '', /within one year/);
    await card.locator('summary:has-text("How OGRS3 was calculated")').click();
    const explanation = await card.locator('.app-explanation').textContent() ?? '';
    for (const expected of [/domestic burglary/i, /Every term of the formula/, /Burglary of a dwelling/, /Criminal history recorded by Lee Charlton/, /Start of follow-up/]) {
      assert.match(explanation, expected);
    }
    assert.match(await page.textContent('#protect-reasons') ?? '', /points/);
    await expectAccessible(page, 'risk page with the explanation open');
    await context.close();
  });
});

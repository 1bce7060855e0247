import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/** sam.spo's workload morning in real Chromium: the team chart and table, one explanation, a weight changed with a reason. */
describe('workload in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  before(async () => { h = await startBrowserHarness(); });
  after(() => h.close());
  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);

  it('opens Workload, a practitioner\'s explanation, and edits a weight with a reason', async () => {
    const { page } = await h.signedIn('sam.spo');
    await page.click('.govuk-service-navigation a:has-text("Workload")');
    await page.waitForURL('**/workload');
    assert.match(await page.textContent('h1') ?? '', /Workload in Newcastle Central/);
    assert.equal(await page.getAttribute('#capacity-chart', 'role'), 'img');
    assert.match(await page.textContent('#practitioners') ?? '', /Jo Armstrong/);
    await expectAccessible(page, 'team workload');

    await page.selectOption('#pdu', 'NE-NCL');
    await page.click('button:has-text("Show this PDU")');
    await page.waitForURL('**/workload?pdu=NE-NCL');
    assert.match(await page.textContent('#teams') ?? '', /Newcastle West/);
    await expectAccessible(page, 'PDU workload');

    await page.click('#practitioners a:has-text("Jo Armstrong")');
    await page.waitForURL('**/workload/practitioners/*');
    assert.match(await page.textContent('#points-formula') ?? '', /^floor\(2,176 × .* points available$/);
    await expectAccessible(page, 'practitioner explanation');

    await page.goto(`${h.baseUrl}/workload/weights`);
    await page.fill('#task-parole_report', 'lots');
    await page.click('button:has-text("Save task weights")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /whole number[\s\S]*Enter the reason/);
    assert.equal(await page.inputValue('#task-parole_report'), 'lots');
    await expectAccessible(page, 'weights with errors');
    await page.fill('#task-parole_report', '125');
    await page.fill('#reason-task_weights', 'HMPPS update');
    await page.click('button:has-text("Save task weights")');
    await page.waitForURL('**/workload/weights?saved=1');
    assert.match(await page.textContent('#history') ?? '', /Task weights: parole_report[\s\S]*120[\s\S]*125[\s\S]*HMPPS update/);
    await expectAccessible(page, 'weights saved');
  });
});

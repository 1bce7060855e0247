import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A team manager keeps staff details in real Chromium: Sam opens Staff, edits Kim's hours and specialisms
 * (after a form error), adds an absence and sees it. Every page scanned with axe; the organisation too.
 */
describe('staff in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  before(async () => { h = await startBrowserHarness(); });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);

  it('edits a profile and adds an absence', async () => {
    const { context, page } = await h.signedIn('sam.spo');
    await page.click('.govuk-service-navigation a:has-text("Staff")');
    await page.waitForURL('**/staff');
    assert.match(await page.textContent('h1') ?? '', /Staff: Newcastle Central/);
    assert.match(await page.textContent('table') ?? '', /On leave until/);
    await expectAccessible(page, 'staff list');

    await page.selectOption('#show', 'team:NE-NCL-W');
    await page.click('button:has-text("Show")');
    await page.waitForURL('**/staff?show=*');
    assert.match(await page.textContent('table') ?? '', /Protected caseload until/);
    await expectAccessible(page, 'staff list, another team');

    await page.goto('/staff');
    await page.click('a:has-text("Kim Robinson")');
    await page.waitForURL(/\/staff\/\d+$/);
    await expectAccessible(page, 'profile');
    await page.click('a:has-text("Change grade, hours")');
    await page.waitForURL(/\/edit$/);
    await expectAccessible(page, 'edit profile');

    await page.fill('#contractedHours', '22.25');
    await page.check('input[name="specialisms"][value="domestic_abuse"]');
    await page.click('button:has-text("Save details")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /at most one decimal place/);
    assert.equal(await page.inputValue('#contractedHours'), '22.25');
    assert.ok(await page.isChecked('input[name="specialisms"][value="domestic_abuse"]'), 'the ticked specialism is kept');
    await expectAccessible(page, 'edit profile with errors');
    await page.fill('#contractedHours', '22.5');
    await page.click('button:has-text("Save details")');
    await page.waitForURL(/\/staff\/\d+\?saved=profile$/);
    const details = await page.textContent('.govuk-summary-list') ?? '';
    assert.match(details, /22.5/);
    assert.match(details, /Domestic abuse/);
    await expectAccessible(page, 'profile saved');

    await page.click('a:has-text("Add an absence")');
    await page.waitForURL(/\/absences\/new$/);
    await expectAccessible(page, 'add absence');
    await page.check('input[name="kind"][value="training"]');
    await fillDateInput(page, 'startsOn', { year: 2099, month: 3, day: 9 });
    await fillDateInput(page, 'endsOn', { year: 2099, month: 3, day: 11 });
    await page.click('button:has-text("Add absence")');
    await page.waitForURL(/\/staff\/\d+\?saved=absence$/);
    assert.match(await page.textContent('main') ?? '', /Training[\s\S]*9 March 2099 to 11 March 2099[\s\S]*Planned/);
    await expectAccessible(page, 'profile with absence');

    await page.goto('/organisation');
    assert.match(await page.textContent('main') ?? '', /Wales/);
    await expectAccessible(page, 'organisation');
    await context.close();
  });
});

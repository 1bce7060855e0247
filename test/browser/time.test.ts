import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * Time with people in real Chromium: jo.po records two hours of report writing (after a form error), sees
 * the chart and table for the last 4 weeks; sam.spo sees the team. Every page scanned with axe.
 */
describe('time with people in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  const today = new Date().toISOString().slice(0, 10);
  before(async () => { h = await startBrowserHarness(); });
  after(() => h.close());
  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);

  it('a practitioner records report writing and sees their share over the last 4 weeks', async () => {
    const { context, page } = await h.signedIn('jo.po');
    await page.click('.govuk-service-navigation a:has-text("Time with people")');
    await page.waitForURL('**/time-with-people');
    assert.equal(await page.textContent('h1'), 'Your time with people');
    await expectAccessible(page, 'overview (12 weeks)');

    await page.click('a:has-text("Record your other work time")');
    await page.waitForURL('**/time-with-people/record');
    await expectAccessible(page, 'record form');
    // An error first: no kind, typed values kept.
    await page.fill('#hours', '2');
    await page.fill('#note', 'PSR for Newcastle Crown Court');
    await page.click('button:has-text("Record work time")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Select the kind of work/);
    assert.equal(await page.inputValue('#hours'), '2');
    assert.equal(await page.inputValue('#note'), 'PSR for Newcastle Crown Court');
    await expectAccessible(page, 'record form with errors');

    const [year, month, day] = today.split('-').map(Number) as [number, number, number];
    await fillDateInput(page, 'worked-on', { year, month, day });
    await page.check('input[name="kind"][value="reports"]');
    await page.fill('#minutes', '0');
    await page.click('button:has-text("Record work time")');
    await page.waitForURL('**/time-with-people/record?saved=recorded');
    assert.match(await page.textContent('.govuk-notification-banner') ?? '', /Your work time has been recorded/);
    const row = page.locator('#entries tbody tr', { hasText: 'PSR for Newcastle Crown Court' });
    assert.match(await row.textContent() ?? '', /Reports[\s\S]*2 h/);
    await expectAccessible(page, 'record form after saving');

    await page.goto('/time-with-people');
    await page.check('#weeks');
    await page.click('#period-form button:has-text("Show")');
    await page.waitForURL('**/time-with-people?**weeks=4**');
    assert.equal(await page.locator('#share-chart[role="img"]').count(), 1);
    assert.match(await page.textContent('#share-chart title') ?? '', /Share of recorded time spent with people, by week/);
    assert.equal(await page.locator('#series tbody tr').count(), 4);
    const thisWeek = page.locator('#series tbody tr').last();
    assert.match(await thisWeek.textContent() ?? '', /\d+(\.\d)?%|No data/);
    assert.match(await page.textContent('#explanation') ?? '', /with people of .* recorded = \d+\.\d%/);
    assert.match(await page.textContent('#other-work') ?? '', /Reports/);
    await expectAccessible(page, 'overview (4 weeks)');
    await context.close();
  });

  it('a team manager sees the team and each practitioner', async () => {
    const { context, page } = await h.signedIn('sam.spo');
    await page.goto('/time-with-people?weeks=4');
    assert.match(await page.textContent('h1') ?? '', /Time with people: Newcastle Central/);
    assert.match(await page.textContent('#practitioners') ?? '', /Jo Armstrong[\s\S]*Lee Charlton/);
    assert.equal(await page.locator('#series tbody tr').count(), 4);
    await expectAccessible(page, 'team view');
    await page.click('#practitioners a:has-text("Jo Armstrong")');
    await page.waitForURL('**/time-with-people?practitioner=**');
    assert.match(await page.textContent('h1') ?? '', /Time with people: Jo Armstrong/);
    await expectAccessible(page, 'a practitioner seen by the manager');
    await page.selectOption('#pdu', 'NE-NCL');
    await page.click('button:has-text("Show this PDU")');
    await page.waitForURL('**/time-with-people?**pdu=NE-NCL**');
    await expectAccessible(page, 'PDU view');
    await context.close();
  });
});

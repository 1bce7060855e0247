import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A practitioner's caseload in real Chromium: jo.po sorts and filters My cases, opens a case's timeline
 * and filters it, then sets the case's contact level with a reason. Every page scanned with axe.
 */
describe('my cases, the timeline and contact levels in a real browser', { timeout: 240_000 }, () => {
  let h: BrowserHarness;
  before(async () => { h = await startBrowserHarness(); });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const crnsShown = (page: Page) => page.$$eval('#my-cases tbody tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent?.trim() ?? ''));

  it('sorts and filters My cases, opens and filters a timeline, sets a contact level', async () => {
    const { context, page } = await h.signedIn('jo.po');
    await page.goto('/cases');
    await expectAccessible(page, 'my cases');
    await page.click('#my-cases th a:has-text("CRN")');
    await page.waitForURL(/sort=crn&order=asc/);
    const ascending = await crnsShown(page);
    assert.deepEqual(ascending, [...ascending].sort());
    await page.click('#my-cases th a:has-text("CRN")');
    await page.waitForURL(/sort=crn&order=desc/);
    assert.equal(await page.getAttribute('#my-cases th[aria-sort="descending"] a', 'href').then((href) => href?.includes('sort=crn')), true);
    await expectAccessible(page, 'my cases sorted');

    await page.selectOption('#enforcement', 'compliant');
    await page.click('button:has-text("Apply filters")');
    await page.waitForURL(/enforcement=compliant/);
    assert.match(page.url(), /sort=crn&order=desc/);
    const filtered = await crnsShown(page);
    assert.ok(filtered.length > 0 && filtered.length <= ascending.length);
    for (const text of await page.$$eval('#my-cases tbody tr td:nth-child(8)', (cells) => cells.map((c) => c.textContent ?? ''))) assert.match(text, /Compliant/);
    await expectAccessible(page, 'my cases filtered');

    const crn = filtered[0]!;
    await page.goto(`/people/${crn}/timeline`);
    await expectAccessible(page, 'timeline');
    assert.ok((await page.$$('.app-timeline__entry')).length > 0);
    await page.click('summary:has-text("Filter the timeline")').catch(() => undefined);
    await page.check('input[name="kinds"][value="sentences"]');
    await page.click('button:has-text("Filter timeline")');
    await page.waitForURL(/kinds=sentences/);
    const kinds = await page.$$eval('.app-timeline__entry', (items) => items.map((i) => i.getAttribute('data-kind')));
    assert.ok(kinds.every((k) => k === 'sentences'));
    await expectAccessible(page, 'timeline filtered');
    await page.fill('#from', '31/02/2024');
    await page.click('button:has-text("Filter timeline")');
    assert.ok(await page.isVisible('.govuk-error-summary'));
    await expectAccessible(page, 'timeline with errors');

    await page.goto(`/people/${crn}/contact-level`);
    await expectAccessible(page, 'contact level');
    await page.fill('#frequencyDays', '7');
    await page.click('button:has-text("Set contact level")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Give the reason/);
    await expectAccessible(page, 'contact level with errors');
    await page.fill('#reason', 'Recent relapse: weekly until the DRR review');
    await page.click('button:has-text("Set contact level")');
    await page.waitForURL(/saved=set/);
    assert.match(await page.textContent('#explanation') ?? '', /every 7 days \(set for this case: Recent relapse/);
    assert.match(await page.textContent('#history') ?? '', /In force/);
    await expectAccessible(page, 'contact level set');
    await context.close();
  });

  it('a manager sees and edits the contact level defaults', async () => {
    const { context, page } = await h.signedIn('sam.spo');
    await page.goto('/contact-levels');
    await expectAccessible(page, 'contact level defaults');
    await page.fill('#days-C', '21');
    await page.click('button:has-text("Save contact levels")');
    assert.ok(await page.isVisible('.govuk-error-summary'));
    await expectAccessible(page, 'contact level defaults with errors');
    await page.fill('#reason', 'Team review');
    await page.click('button:has-text("Save contact levels")');
    await page.waitForURL(/saved=1/);
    assert.match(await page.textContent('#changes') ?? '', /Team review/);
    await expectAccessible(page, 'contact level defaults saved');
    await context.close();
  });
});

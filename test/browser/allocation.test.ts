import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openAllocationRequest } from '../../src/workforce/allocation/service.ts';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A senior officer's morning in real Chromium: open the Allocations queue, open a case, allocate the
 * recommended practitioner in one click; then another case to someone else, first without the reason
 * (an error), then with it; and the case's Allocation tab shows the history. Every page scanned with axe.
 */
describe('allocation in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  const crns: string[] = [];
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const team = await db.selectFrom('teams').select('id').where('code', '=', 'NE-NCL-C').executeTakeFirstOrThrow();
    // Two unrestricted Newcastle Central cases put at the front of the queue.
    const rows = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').select(['a.person_id', 'p.crn'])
      .where('a.team_id', '=', team.id).where('a.ended_at', 'is', null)
      .where('a.person_id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('a.person_id', 'not in', db.selectFrom('allocation_requests').select('person_id'))
      .orderBy('a.person_id').limit(2).execute();
    for (const r of rows) {
      const id = (await openAllocationRequest(db, r.person_id, team.id, 'court'))!;
      await db.updateTable('allocation_requests').set({ arrived_at: new Date('2020-01-01') }).where('id', '=', id).execute();
      crns.push(r.crn);
    }
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);

  it('allocates the recommendation in one click, and another practitioner with a reason', async () => {
    const { page } = await h.signedIn('sam.spo');
    await page.click('.govuk-service-navigation a:has-text("Allocations")');
    await page.waitForURL('**/allocations');
    assert.match(await page.textContent('h1') ?? '', /Newcastle Central/);
    await expectAccessible(page, 'queue');

    await page.click(`tr:has-text("${crns[0]}") a`);
    await page.waitForURL(/\/allocations\/\d+$/);
    assert.match(await page.textContent('main') ?? '', /Workload it adds/);
    await expectAccessible(page, 'decision page');
    const button = page.locator('button:has-text("Allocate to ")').first();
    const name = (await button.textContent())!.trim().replace(/^Allocate to /, '');
    await button.click();
    await page.waitForURL(/\/allocations\?team=NE-NCL-C&decision=\d+/);
    assert.match(await page.textContent('.govuk-notification-banner') ?? '', new RegExp(`${crns[0]} has been allocated to ${name}`));
    await expectAccessible(page, 'queue after allocating');

    await page.click(`tr:has-text("${crns[1]}") a`);
    await page.waitForURL(/\/allocations\/\d+$/);
    await page.locator('input[name="practitionerId"][type="radio"]').first().check();
    await page.click('button:has-text("Allocate to the chosen practitioner")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Give the reason/);
    await expectAccessible(page, 'decision page with an error');
    await page.locator('input[name="practitionerId"][type="radio"]').first().check();
    await page.fill('#overrideReason', 'Has worked with the family before');
    await page.click('button:has-text("Allocate to the chosen practitioner")');
    if (await page.locator('button:has-text("Allocate anyway")').count()) {
      await expectAccessible(page, 'over-capacity confirmation');
      await page.click('button:has-text("Allocate anyway")');
    }
    await page.waitForURL(/decision=\d+/);
    assert.match(await page.textContent('.govuk-notification-banner') ?? '', new RegExp(`${crns[1]} has been allocated`));

    await page.goto(`${h.baseUrl}/people/${crns[1]}/allocation`);
    assert.match(await page.textContent('main') ?? '', /Has worked with the family before/);
    await page.click('summary:has-text("The ranking as shown")');
    await expectAccessible(page, 'allocation tab');
    await page.goto(`${h.baseUrl}/allocations/over-capacity`);
    await expectAccessible(page, 'over-capacity report');
  });
});

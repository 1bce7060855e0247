import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * Transfers in real Chromium: Newcastle Central's manager asks Newcastle West to take two cases from the
 * case's Allocation tab; Newcastle West's manager accepts one (allocating it in the same step) and
 * rejects the other (the reason is required first). Every page scanned with axe.
 */
describe('transfers in a real browser', { timeout: 240_000 }, () => {
  let h: BrowserHarness;
  const crns: string[] = [];
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const central = await db.selectFrom('teams').select('id').where('code', '=', 'NE-NCL-C').executeTakeFirstOrThrow();
    const rows = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').select('p.crn')
      .where('a.ended_at', 'is', null).where('a.team_id', '=', central.id).where('a.practitioner_id', 'is not', null)
      .where('p.id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('p.id', 'not in', db.selectFrom('case_transfers').select('person_id'))
      .where('p.id', 'not in', db.selectFrom('allocation_requests').select('person_id').where('status', '=', 'awaiting'))
      .orderBy('p.id').limit(2).execute();
    crns.push(...rows.map((r) => r.crn));
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);

  async function requestTransfer(page: Page, crn: string, reason: string, checkErrors: boolean) {
    await page.goto(`/people/${crn}/allocation`);
    await expectAccessible(page, 'allocation tab');
    await page.click('a:has-text("Request a transfer")');
    await page.waitForURL(`**/people/${crn}/transfers/new`);
    await expectAccessible(page, 'request form');
    await page.check('input[name="destination"][value="team"]');
    await page.selectOption('#toTeamId', { label: 'Newcastle West' });
    if (checkErrors) {
      await page.click('button:has-text("Request the transfer")');
      const summary = await page.textContent('.govuk-error-summary') ?? '';
      assert.match(summary, /Enter the reason for the transfer/);
      assert.match(summary, /Select what happens to their appointments/);
      assert.equal(await page.inputValue('#toTeamId') !== '', true, 'the chosen team is kept');
      await expectAccessible(page, 'request form with errors');
    }
    await page.fill('#reason', reason);
    await page.check('input[name="appointments"][value="reassign"]');
    await page.click('button:has-text("Request the transfer")');
    await page.waitForURL('**/transfers/*?saved=requested');
    assert.match(await page.textContent('.govuk-notification-banner') ?? '', /stays with its practitioner/);
    await expectAccessible(page, 'requested transfer');
  }

  it('a manager requests; the receiving manager accepts and allocates, and rejects another with a reason', async () => {
    assert.equal(crns.length, 2);
    const sam = await h.signedIn('sam.spo');
    await requestTransfer(sam.page, crns[0]!, 'Moved to Fenham', true);
    await requestTransfer(sam.page, crns[1]!, 'Moved to Gateshead', false);
    await sam.page.goto('/transfers');
    assert.match(await sam.page.textContent('#main-content') ?? '', new RegExp(crns[0]!));
    await expectAccessible(sam.page, 'transfers (outgoing)');

    const priya = await h.signedIn('priya.spo');
    await priya.page.click('.govuk-service-navigation a:has-text("Transfers")');
    await priya.page.waitForURL('**/transfers');
    await expectAccessible(priya.page, 'transfers (incoming)');
    await priya.page.click(`a:has-text("Accept or reject the transfer of ${crns[0]}")`);
    await priya.page.waitForURL('**/transfers/*');
    assert.match(await priya.page.textContent('h1') ?? '', /Requested/);
    assert.match(await priya.page.textContent('#main-content') ?? '', /Recommended/);
    await expectAccessible(priya.page, 'transfer with ranking');
    await priya.page.check('#confirmOverCapacity');
    await priya.page.click('button:has-text("Accept and allocate")');
    await priya.page.waitForURL('**/transfers?saved=accepted');
    assert.match(await priya.page.textContent('.govuk-notification-banner') ?? '', /accepted and the case allocated/);
    assert.match(await priya.page.textContent('#decided') ?? '', /Recent decisions/);
    await expectAccessible(priya.page, 'after accepting');

    await priya.page.click(`a:has-text("Accept or reject the transfer of ${crns[1]}")`);
    await priya.page.waitForURL('**/transfers/*');
    await priya.page.click('button:has-text("Reject the transfer")');
    assert.match(await priya.page.textContent('.govuk-error-summary') ?? '', /Enter the reason for rejecting the transfer/);
    await expectAccessible(priya.page, 'reject with errors');
    await priya.page.fill('#reason', 'Gateshead is not ours: send it to the Gateshead team');
    await priya.page.click('button:has-text("Reject the transfer")');
    await priya.page.waitForURL('**/transfers?saved=rejected');
    assert.match(await priya.page.textContent('main') ?? '', /Gateshead is not ours/);

    // The first case is now held in Newcastle West; the second stays where it was.
    await sam.page.goto(`/people/${crns[0]}/allocation`);
    const tab = await sam.page.textContent('main') ?? '';
    assert.match(tab, /Accepted/);
    await sam.page.goto(`/people/${crns[1]}/allocation`);
    assert.match(await sam.page.textContent('main') ?? '', /Rejected[\s\S]*Gateshead is not ours/);
    await expectAccessible(sam.page, 'allocation tab after rejection');
    await sam.context.close();
    await priya.context.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays } from '../../src/platform/http/dates.ts';
import { formatDate } from '../../src/platform/views/render.ts';
import { joinQueues } from '../../src/sentencing/forecast/service.ts';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A manager's day with delivery capacity in real Chromium: Newcastle's Thinking Skills Programme has
 * one person waiting and no group; the manager adds a group, sees the forecast, then marks the person
 * started and sees the next forecast move up. Every page scanned with axe.
 */
describe('delivery capacity in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  const today = new Date().toISOString().slice(0, 10);
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const pdu = await db.selectFrom('pdus').select('id').where('code', '=', 'NE-NCL').executeTakeFirstOrThrow();
    const capacity = await db.selectFrom('delivery_capacity').select('id').where('pdu_id', '=', pdu.id).where('programme_code', '=', 'TSP').executeTakeFirstOrThrow();
    await db.updateTable('delivery_capacity').set({ lead_days: 0 }).where('id', '=', capacity.id).execute();
    await db.deleteFrom('programme_groups').where('capacity_id', '=', capacity.id).execute();
    await db.deleteFrom('requirement_queue').where('pdu_id', '=', pdu.id).where('programme_code', '=', 'TSP').execute();
    // One unrestricted case waiting, joined a week ago.
    const requirement = await db.selectFrom('requirements as r').innerJoin('people as p', 'p.id', 'r.person_id')
      .select(['r.id', 'r.person_id', 'p.crn']).where('r.person_id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('r.id', 'not in', db.selectFrom('requirement_queue').select('requirement_id')).orderBy('r.id').limit(1).executeTakeFirstOrThrow();
    crn = requirement.crn;
    await joinQueues(db, [{ personId: requirement.person_id, requirementId: requirement.id, requirementType: 'accredited_programme', programme: 'TSP', pduId: pdu.id, joinedOn: addDays(today, -7) }]);
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const date = (iso: string) => { const [year, month, day] = iso.split('-').map(Number) as [number, number, number]; return { year, month, day }; };

  it('adds a programme group, sees the forecast change, and marks someone started', async () => {
    const { context, page } = await h.signedIn('sam.spo');
    await page.click('.govuk-service-navigation a:has-text("Delivery capacity")');
    await page.waitForURL('**/delivery');
    assert.match(await page.textContent('h1') ?? '', /Delivery capacity in Newcastle upon Tyne/);
    const row = page.locator('#programmes tr[data-key="accredited_programme:TSP"]');
    assert.match(await row.textContent() ?? '', /No group scheduled[\s\S]*1[\s\S]*No date[\s\S]*Not available/);
    await expectAccessible(page, 'delivery overview');

    await row.locator('a').click();
    await page.waitForURL('**/delivery/NE-NCL/accredited_programme:TSP');
    assert.equal(await page.textContent('#forecast-explanation'), 'No Thinking Skills Programme group is scheduled in Newcastle upon Tyne');
    assert.match(await page.textContent('#queue') ?? '', new RegExp(`1st[\\s\\S]*${crn}`));
    await expectAccessible(page, 'programme page');

    await page.fill('#places', '0');
    await page.click('button:has-text("Add group")');
    const summary = await page.textContent('.govuk-error-summary') ?? '';
    assert.match(summary, /Enter the date the group starts/);
    assert.match(summary, /The number of places must be a whole number from 1 to 100/);
    assert.equal(await page.inputValue('#places'), '0', 'typed values are kept');
    await expectAccessible(page, 'add group with errors');

    const startsOn = addDays(today, 30);
    await fillDateInput(page, 'startsOn', date(startsOn));
    await page.fill('#places', '4');
    await page.fill('#location', 'Pilgrim Street');
    await page.click('button:has-text("Add group")');
    await page.waitForURL(/\?saved=group$/);
    assert.equal(await page.textContent('#forecast-explanation'),
      `2nd in the queue (1 person waiting) for the Thinking Skills Programme group starting ${formatDate(startsOn)}; place 2 of its 4`);
    assert.match(await page.textContent('#groups') ?? '', /Pilgrim Street[\s\S]*4[\s\S]*1[\s\S]*3 free/);
    await expectAccessible(page, 'programme page with a group');

    await page.click(`#queue a:has-text("Update")`);
    await page.waitForURL(/\/queue\/\d+$/);
    assert.match(await page.textContent('main') ?? '', /1st of 1 waiting/);
    await expectAccessible(page, 'queue entry');
    await page.click('button:has-text("Mark as started")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Enter the date they started/);
    await expectAccessible(page, 'queue entry with errors');
    await fillDateInput(page, 'startedOn', date(today));
    await page.click('button:has-text("Mark as started")');
    await page.waitForURL(/\?saved=started$/);
    assert.match(await page.textContent('.govuk-notification-banner') ?? '', /marked as started/);
    assert.equal(await page.textContent('#forecast-explanation'),
      `1st in the queue (no one waiting) for the Thinking Skills Programme group starting ${formatDate(startsOn)}; place 1 of its 4`);
    assert.match(await page.textContent('main') ?? '', /No one is waiting/);

    await page.goto('/delivery/NE-NCL/unpaid_work/capacity');
    await expectAccessible(page, 'capacity form');
    await page.fill('#places', 'many');
    await page.click('button:has-text("Save capacity")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /places each week must be a whole number/);
    await expectAccessible(page, 'capacity form with errors');
    await context.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { clearSentencing } from '../support/cases.ts';

/**
 * Court to sentence in real Chromium: a conviction adjourned for a report, then its community order
 * with unpaid work, RAR and a curfew, and a custodial sentence with additional licence conditions;
 * key dates read on the Sentence tab. Every page scanned with axe.
 */
describe('recording sentences in a real browser', { timeout: 240_000 }, () => {
  let h: BrowserHarness;
  const crns: string[] = [];
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    // Two allocated cases (so they have a PDU and its forecasts), their events cleared.
    const people = await db.selectFrom('people as p').innerJoin('case_allocations as a', 'a.person_id', 'p.id').select(['p.id', 'p.crn'])
      .where('p.id', 'not in', db.selectFrom('case_access_rules').select('person_id')).orderBy('p.id').offset(30).limit(2).execute();
    for (const person of people) {
      crns.push(person.crn);
      await clearSentencing(db, person.id);
    }
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const today = new Date();
  const year = today.getUTCFullYear();
  const todayParts = { year, month: today.getUTCMonth() + 1, day: today.getUTCDate() };
  const longDate = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  it('records a conviction adjourned for a report, then a community order with unpaid work, RAR and a curfew', async () => {
    const { context, page } = await h.signedIn('jo.po');
    const crn = crns[0]!;
    await page.goto(`/people/${crn}/events`);
    await page.click('a:has-text("Record a conviction")');
    await page.waitForURL(`**/people/${crn}/events/new`);
    await expectAccessible(page, 'conviction form');
    await page.selectOption('#mainOffence', 'THF-SHP');
    await fillDateInput(page, 'offenceDate', { year: year - 1, month: 11, day: 2 });
    await fillDateInput(page, 'convictionDate', { year: year - 1, month: 12, day: 1 });
    await page.fill('#court', 'Gateshead Magistrates\' Court');
    await page.check('input[name="outcome"][value="adjourned_for_report"]');
    await page.click('button:has-text("Save and recalculate")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Enter the date of the next hearing/);
    assert.equal(await page.inputValue('#court'), 'Gateshead Magistrates\' Court', 'typed values are kept');
    await expectAccessible(page, 'conviction form with errors');
    await fillDateInput(page, 'nextHearingOn', { year: year - 1, month: 12, day: 22 });
    await page.click('button:has-text("Save and recalculate")');
    await page.waitForURL(/\/events\?saved=1/);
    const card = page.locator('#event-1');
    assert.match(await card.textContent() ?? '', /Awaiting sentence: report requested/);
    assert.match(await card.textContent() ?? '', new RegExp(`22 December ${year - 1}`));
    assert.match(await page.textContent('.app-case-header') ?? '', /Awaiting sentence/, 'the case header says where the case stands');
    await expectAccessible(page, 'sentence tab, awaiting sentence');

    await card.locator('a:has-text("Record the sentence")').click();
    await page.waitForURL(`**/people/${crn}/events/1/sentence`);
    assert.match(await page.textContent('#requirement-unpaid_work') ?? '', /Earliest start|No start-date forecast|Not available/);
    await expectAccessible(page, 'sentence form');
    await page.check('input[name="sentenceType"][value="community_order"]');
    await fillDateInput(page, 'sentencedOn', todayParts);
    await page.fill('#lengthMonths', '12');
    await page.check('#requirements-unpaid_work');
    await page.fill('#unpaid_work-hours', '120');
    await page.check('#requirements-rehabilitation_activity');
    await page.fill('#rehabilitation_activity-days', '20');
    await page.check('#requirements-curfew');
    await page.fill('#curfew-hoursPerDay', '20');
    await page.fill('#curfew-daysPerWeek', '7');
    await page.fill('#curfew-months', '3');
    await page.fill('#curfew-place', '14 Station Road, Gateshead');
    assert.ok(await page.isChecked('#curfew-electronicMonitoring'), 'electronic monitoring is the default');
    await page.click('button:has-text("Save the sentence")');
    const summary = await page.textContent('.govuk-error-summary') ?? '';
    assert.match(summary, /140 hours a week: a curfew can be at most 112 hours in any week/);
    assert.equal(await page.inputValue('#unpaid_work-hours'), '120', 'nothing typed is lost');
    assert.ok(await page.isChecked('#requirements-rehabilitation_activity'));
    await expectAccessible(page, 'sentence form with errors');
    await page.fill('#curfew-hoursPerDay', '12');
    await page.click('button:has-text("Save the sentence")');
    await page.waitForURL(/\/events\?saved=1/);

    const text = await page.locator('#event-1').textContent() ?? '';
    assert.match(text, /Community order/);
    assert.match(text, /Key dates/);
    assert.match(text, new RegExp(`Date of sentence\\s*${longDate(today)}`));
    const end = new Date(Date.UTC(year, today.getUTCMonth() + 12, today.getUTCDate() - 1));
    assert.match(text, new RegExp(`Expected end\\s*${longDate(end)}`), 'a 12-month order ends the day before the anniversary');
    assert.match(text, /120 hours/);
    assert.match(text, /20 days/);
    assert.match(text, /12 hours a day, 7 days a week; for 3 months; 14 Station Road, Gateshead; electronically monitored/);
    assert.match(await page.textContent('#sentence-standing') ?? '', /Under an active sentence/);
    await expectAccessible(page, 'sentence tab with key dates');
    await context.close();
  });

  it('records custody with additional licence conditions and shows the licence dates', async () => {
    const { context, page } = await h.signedIn('jo.po');
    const crn = crns[1]!;
    await page.goto(`/people/${crn}/events/new`);
    await page.selectOption('#mainOffence', 'BUR-DWL');
    await fillDateInput(page, 'offenceDate', { year: year - 1, month: 3, day: 2 });
    await fillDateInput(page, 'convictionDate', { year: year - 1, month: 4, day: 1 });
    await page.fill('#court', 'Newcastle Crown Court');
    await page.check('input[name="outcome"][value="sentenced"]');
    await page.check('input[name="sentenceType"][value="custody"]');
    await fillDateInput(page, 'sentencedOn', { year: year - 1, month: 4, day: 1 });
    await page.fill('#lengthMonths', '18');
    await page.check('#licenceConditions-NON_CONTACT');
    await page.check('#licenceConditions-DRUG_TESTING');
    await page.click('button:has-text("Save and recalculate")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Enter the detail of the condition: who the person may not contact/);
    await expectAccessible(page, 'custody form with errors');
    await page.fill('#licence-NON_CONTACT', 'The victim, Ms A');
    await page.click('button:has-text("Save and recalculate")');
    await page.waitForURL(/\/events\?saved=1/);
    const text = await page.locator('#event-1').textContent() ?? '';
    assert.match(text, /Conditional release date \(computed\)/);
    assert.match(text, /Top-up supervision ends/);
    assert.match(text, new RegExp(`Sentence expiry\\s*30 September ${year}`));
    assert.match(text, /Not commit any offence/);
    assert.match(text, /Additional: Not to seek to approach or communicate with a named person without the prior approval of the supervising officer: The victim, Ms A/);
    assert.match(text, /Additional: Attend drug testing/);
    await expectAccessible(page, 'sentence tab with a licence');
    await context.close();
  });
});

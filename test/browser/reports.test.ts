import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A pre-sentence report from the court's request to ready for court, in real Chromium: the court officer
 * records the request, takes it, writes it (a draft, an error, the submission), the senior officer
 * countersigns it and the PDF opens. Every page scanned with axe at WCAG 2.2 AA.
 */
describe('pre-sentence reports in a real browser', { timeout: 240_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    // A Newcastle case open to everyone, with an event and a RoSH, and no report yet.
    crn = (await db.selectFrom('people').innerJoin('case_allocations as a', 'a.person_id', 'people.id').innerJoin('teams', 'teams.id', 'a.team_id')
      .innerJoin('pdus', 'pdus.id', 'teams.pdu_id').select('people.crn').where('pdus.code', '=', 'NE-NCL')
      .where('people.id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('people.id', 'not in', db.selectFrom('pre_sentence_reports').select('person_id'))
      .where('people.id', 'in', db.selectFrom('events').select('person_id'))
      .where('people.id', 'in', db.selectFrom('rosh_assessments').select('person_id'))
      .orderBy('people.id').offset(3).limit(1).executeTakeFirstOrThrow()).crn;
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const hearing = new Date(Date.now() + 14 * 86_400_000);

  it('a court officer requests and writes a report, a senior officer countersigns it, and the PDF opens', async () => {
    const { context, page } = await h.signedIn('chris.court');
    await page.goto('/reports');
    await expectAccessible(page, 'the team queue');
    await page.goto(`/people/${crn}/reports`);
    await expectAccessible(page, 'the Reports tab');
    await page.click('a:has-text("Record a request from the court")');
    await page.waitForURL(`**/people/${crn}/reports/new`);
    await expectAccessible(page, 'the request form');

    await page.click('button:has-text("Record the request")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Select the type of report/);
    await expectAccessible(page, 'the request form with errors');
    await page.locator('input[name="eventNumber"]').first().check();
    await page.check('input[name="type"][value="standard"]');
    await page.fill('#court', 'Newcastle Crown Court');
    await fillDateInput(page, 'hearingOn', { year: hearing.getUTCFullYear(), month: hearing.getUTCMonth() + 1, day: hearing.getUTCDate() });
    await page.fill('#courtNotes', 'The court is considering a community order with unpaid work.');
    await page.click('button:has-text("Record the request")');
    await page.waitForURL(/reports\/\d+\?requested=1/);
    await expectAccessible(page, 'the report page, unassigned');

    await page.selectOption('#assign-assignee', { label: 'Chris Heslop (PSO)' });
    await page.click('button:has-text("Assign")');
    await page.waitForURL(/\?assigned=1/);
    await page.click('#write-report');
    await page.waitForURL(/\/write$/);
    assert.match(await page.textContent('main') ?? '', /RoSH \(overall\)/, 'the risk is pulled from the record');
    await expectAccessible(page, 'the writing page');

    await page.fill('#offenceAnalysis', 'The offence followed a night of heavy drinking.');
    await page.click('button:has-text("Save draft")');
    await page.waitForURL(/\/write\?saved=1/);
    assert.equal(await page.inputValue('#offenceAnalysis'), 'The offence followed a night of heavy drinking.');

    await page.fill('#circumstances', 'Living with their mother; out of work since the summer.');
    await page.fill('#riskAnalysis', 'Alcohol is the main driver of the risk of further violence.');
    await page.check('input[name="sentenceType"][value="community_order"]');
    await page.fill('#lengthMonths', '99');
    await page.check('input[name="requirements"][value="unpaid_work"]');
    await page.fill('#reasons', 'A community order with unpaid work gives the structure the person lacks.');
    await page.click('button:has-text("Submit for countersignature")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /from 1 to 36/);
    assert.equal(await page.inputValue('#riskAnalysis'), 'Alcohol is the main driver of the risk of further violence.', 'typed text kept');
    await expectAccessible(page, 'the writing page with errors');
    await page.fill('#lengthMonths', '12');
    await page.click('button:has-text("Submit for countersignature")');
    await page.waitForURL(/\?submitted=1/);
    assert.match(await page.textContent('main') ?? '', /Awaiting countersignature/);
    await expectAccessible(page, 'the report page, submitted');
    await page.goto('/reports?view=mine');
    await expectAccessible(page, 'my reports');
    await context.close();

    const spo = await h.signedIn('sam.spo');
    await spo.page.goto('/reports');
    await expectAccessible(spo.page, 'the queue with a report awaiting countersignature');
    await spo.page.click(`#awaiting a[href*="/people/${crn}/reports/"]`);
    await spo.page.waitForURL(/reports\/\d+$/);
    await expectAccessible(spo.page, 'the report page, to countersign');
    await spo.page.click('button:has-text("Countersign the report")');
    await spo.page.waitForURL(/\?countersigned=1/);
    assert.match(await spo.page.textContent('main') ?? '', /Ready for court/);
    await expectAccessible(spo.page, 'the report page, complete');

    const link = spo.page.locator('a:has-text("Version 2 (PDF)")');
    const pdf = await spo.page.request.get(await link.getAttribute('href') ?? '');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await spo.context.close();
  });
});

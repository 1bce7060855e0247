import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays } from '../../src/platform/http/dates.ts';
import { londonInstant, londonParts } from '../../src/platform/uk-time.ts';
import { bookAppointment } from '../../src/supervision/contacts/service.ts';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A practitioner's appointment in real Chromium: Jo books one (a clash first shows the error), records
 * its outcome, and sees it on the case's contacts and in her diary. Every page scanned with axe.
 */
describe('appointments and contacts in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  let day = addDays(londonParts(new Date()).date, 60);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 0) day = addDays(day, 1); // a Sunday: the demo diary is empty
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const jo = await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    const cases = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').select(['p.id', 'p.crn'])
      .where('a.ended_at', 'is', null).where('a.practitioner_id', '=', jo.id)
      .where('p.id', 'not in', db.selectFrom('case_access_rules').select('person_id')).orderBy('p.id').limit(2).execute();
    crn = cases[0]!.crn;
    // Jo already sees another person at 10:00 that day.
    await db.transaction().execute((trx) => bookAppointment(trx, { personId: cases[1]!.id, typeCode: 'office', practitionerId: jo.id, startsAt: londonInstant(day, '10:00'), bookedBy: jo.id }));
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const [year, month, dom] = day.split('-').map(Number) as [number, number, number];

  it('books an appointment after a clash, records the outcome, and sees it on the case and in the diary', async () => {
    const { context, page } = await h.signedIn('jo.po');
    await page.goto(`/people/${crn}/contacts`);
    await expectAccessible(page, 'contacts tab');
    await page.click('a:has-text("Book an appointment")');
    await page.waitForURL(`**/people/${crn}/contacts/new-appointment`);
    await expectAccessible(page, 'booking form');

    await page.check('#typeCode'); // the first type: office appointment
    await fillDateInput(page, 'date', { year, month, day: dom });
    await page.fill('#time', '10:15');
    await page.fill('#location', 'Interview room 3');
    await page.click('button:has-text("Book appointment")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /This clashes with .*office appointment from 10:00 to 10:30/);
    assert.equal(await page.inputValue('#location'), 'Interview room 3', 'typed values are kept');
    await expectAccessible(page, 'booking form with a clash');

    await page.fill('#time', '11:00');
    await page.click('button:has-text("Book appointment")');
    await page.waitForURL(`**/people/${crn}/contacts?saved=1`);
    const row = page.locator('#contacts tbody tr', { hasText: 'Office appointment' }).filter({ hasText: '11:00' }).first();
    assert.match(await row.textContent() ?? '', /Booked[\s\S]*/);
    assert.match(await row.textContent() ?? '', /Counts towards compliance/);

    await row.locator('a').first().click();
    await page.waitForURL(`**/people/${crn}/contacts/*`);
    await expectAccessible(page, 'contact page');
    await page.check('#outcome'); // attended and complied
    await page.click('button:has-text("Record outcome")');
    await page.waitForURL('**saved=1');
    assert.match(await page.textContent('main') ?? '', /Attended and complied/);
    assert.match(await page.textContent('main') ?? '', /Outcome recorded/);
    await expectAccessible(page, 'contact page after the outcome');

    await page.goto(`/people/${crn}/contacts`);
    assert.match(await page.locator('#contacts tbody tr').filter({ hasText: '11:00' }).first().textContent() ?? '', /Attended and complied/);

    await page.goto(`/diary?week=${day}`);
    const diary = await page.textContent('main') ?? '';
    assert.match(diary, new RegExp(`11:00[\\s\\S]*${crn}[\\s\\S]*Office appointment[\\s\\S]*Attended and complied`));
    await expectAccessible(page, 'diary');
    await page.click('a:has-text("Previous week")');
    await page.waitForURL('**/diary?week=*');
    await expectAccessible(page, 'diary previous week');
    await context.close();
  });
});

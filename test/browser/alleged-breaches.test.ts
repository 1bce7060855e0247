import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * A provider's reports reach jo.po in real Chromium: the queue, one accepted as a failure to comply, one
 * not accepted (the missing reason caught first). Every page scanned with axe.
 */
describe('alleged breaches in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  const ids: number[] = [];
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const token = await h.t.tokenFor('tyneside.crs');
    const jo = await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    const cases = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').select(['p.crn', 'p.date_of_birth'])
      .where('a.practitioner_id', '=', jo.id).where('a.ended_at', 'is', null)
      .where('p.id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('p.id', 'not in', db.selectFrom('alleged_breaches').select('person_id'))
      .orderBy('p.id').limit(2).execute();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const [i, person] of cases.entries()) {
      const response = await h.t.api('POST', '/api/v1/alleged-breaches', token, {
        crn: person.crn, dateOfBirth: person.date_of_birth, reference: `BROWSER-${i}`, failureDate: yesterday,
        kind: i === 0 ? 'missed_appointment' : 'behaviour', activity: 'unpaid_work', description: `Browser test report ${i}`, contactName: 'Dana Whitfield',
      });
      assert.equal(response.statusCode, 201, response.body);
      ids.push(response.json().id);
    }
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);

  it('jo.po accepts one report and does not accept another', async () => {
    const { page } = await h.signedIn('jo.po');
    await page.goto('/alleged-breaches');
    assert.match(await page.textContent('h1') ?? '', /Alleged breaches/);
    await expectAccessible(page, 'queue');

    await page.click(`a[href="/alleged-breaches/${ids[0]}"]`);
    await page.waitForURL(`**/alleged-breaches/${ids[0]}`);
    assert.match(await page.textContent('main') ?? '', /Browser test report 0/);
    assert.match(await page.textContent('main') ?? '', /Recent contacts/);
    await expectAccessible(page, 'report');
    await page.check('input[name="decision"][value="accept"]');
    await page.fill('#partnerNote', 'Accepted. We will act on it.');
    await page.click('button:has-text("Record decision")');
    await page.waitForURL('**/alleged-breaches?decided=accepted');
    assert.match(await page.textContent('.govuk-notification-banner') ?? '', /Accepted: the failure to comply is recorded/);
    await expectAccessible(page, 'queue after accepting');

    await page.goto(`/alleged-breaches/${ids[1]}`);
    await page.check('input[name="decision"][value="reject"]');
    await page.fill('#partnerNote', 'Not accepted.');
    await page.click('button:has-text("Record decision")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Give the reason you do not accept it/);
    assert.equal(await page.inputValue('#partnerNote'), 'Not accepted.', 'typed values are kept');
    await expectAccessible(page, 'report with errors');
    await page.fill('#reason', 'The supervisor confirmed the person was sent home unwell.');
    await page.click('button:has-text("Record decision")');
    await page.waitForURL('**/alleged-breaches?decided=not_accepted');
    assert.match(await page.textContent('main') ?? '', /Decided in the last 30 days[\s\S]*Not accepted/);

    await page.goto(`/alleged-breaches/${ids[0]}`);
    assert.match(await page.textContent('main') ?? '', /Accepted[\s\S]*Accepted. We will act on it./);
    await expectAccessible(page, 'decided report');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { OutboxAdapter } from '../../src/supervision/reminders/adapter.ts';
import { sweep } from '../../src/supervision/reminders/sender.ts';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * Text reminders in real Chromium: a practitioner records consent (a landline first, refused in words),
 * the sweep writes and "sends" tomorrow's reminder to the outbox, and a team manager reads the outbox.
 */
describe('text reminders in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const person = await db.selectFrom('people').select(['id', 'crn']).where('id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .orderBy('id').limit(1).executeTakeFirstOrThrow();
    crn = person.crn;
    const jo = await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    await db.insertInto('contacts').values({
      person_id: person.id, type_code: 'office', practitioner_id: jo.id, starts_at: '2035-07-17T09:00:00Z', duration_minutes: 30, location: 'Pilgrim Street office',
      counts_for_compliance: true, direct_engagement: true, change: 'booked', recorded_by: jo.id, supersedes_id: null, requirement_id: null,
      outcome: null, outcome_evidence: null, notes: null, change_reason: null, rescheduled_to_contact_id: null,
    }).execute();
  });
  after(() => h?.close());
  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);

  it('records consent, shows the reminder sent, and the outbox', async () => {
    const { context, page } = await h.signedIn('jo.po');
    await page.goto(`/people/${crn}/reminders`);
    await expectAccessible(page, 'case reminders page');
    await page.check('#consented');
    await page.fill('#mobile', '0191 498 0000');
    await page.click('button:has-text("Save answer")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /landline number/);
    await expectAccessible(page, 'case reminders page with errors');
    await page.check('#consented');
    await page.fill('#mobile', '07700 900123');
    await page.click('button:has-text("Save answer")');
    await page.waitForURL(`**/people/${crn}/reminders?saved=1`);
    assert.match(await page.textContent('main') ?? '', /Agreed to text reminders on 07700 900123/);

    const result = await sweep(h.t.database.db, new OutboxAdapter(), new Date('2035-07-16T11:00:00Z'));
    assert.ok(result.sent >= 1);
    await page.reload();
    assert.match(await page.textContent('main') ?? '', /Sent[\s\S]*Hello .*, this is a reminder of your office appointment on Tuesday 17 July at 10am/);
    await expectAccessible(page, 'case reminders page with a reminder');
    await context.close();

    const manager = await h.signedIn('sam.spo');
    await manager.page.goto('/reminders/outbox?status=sent');
    assert.match(await manager.page.textContent('main') ?? '', new RegExp(crn));
    await expectAccessible(manager.page, 'outbox');
    await manager.context.close();
  });
});

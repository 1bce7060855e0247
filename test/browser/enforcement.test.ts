import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { addDays } from '../../src/platform/http/dates.ts';
import { londonInstant } from '../../src/platform/uk-time.ts';
import { recordContact } from '../../src/supervision/contacts/service.ts';
import { accessibilityViolations, fillDateInput, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * Enforcement in real Chromium: jo.po sees a failure to comply in the queue, issues the warning letter; a
 * second failure makes breach action due; jo.po proposes breach and sam.spo countersigns it; the case shows
 * "In breach" with the deadline. Every page scanned with axe.
 */
describe('enforcement in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  let personId: number;
  let jo: number;
  const today = new Date().toISOString().slice(0, 10);
  const fail = (date: string) => h.t.database.db.transaction().execute((trx) => recordContact(trx, {
    personId, typeCode: 'office', practitionerId: jo, startsAt: londonInstant(date, '10:00'), outcome: 'unacceptable_absence', by: jo,
  }));

  before(async () => {
    h = await startBrowserHarness();
    const db = h.t.database.db;
    const joRow = await db.selectFrom('users').select(['id', 'team_id']).where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    jo = joRow.id;
    const found = await db.selectFrom('people as p')
      .innerJoin('sentences as s', (j) => j.onRef('s.person_id', '=', 'p.id').on('s.status', '=', 'active'))
      .select(['p.id', 'p.crn']).where('s.sentence_type', '=', 'community_order').where('s.sentenced_on', '<=', addDays(today, -60))
      .where(sql<boolean>`not exists (select 1 from sentences s2 where s2.person_id = p.id and s2.status = 'active' and s2.sentenced_on > s.sentenced_on)`)
      .where(sql<boolean>`not exists (select 1 from enforcement_actions a where a.person_id = p.id)`)
      .where(sql<boolean>`not exists (select 1 from case_access_rules r where r.person_id = p.id)`)
      .orderBy('p.id').executeTakeFirstOrThrow();
    crn = found.crn;
    personId = found.id;
    await db.updateTable('case_allocations').set({ practitioner_id: jo, team_id: joRow.team_id! }).where('person_id', '=', personId).where('ended_at', 'is', null).execute();
    await fail(addDays(today, -20));
  });
  after(() => h?.close());

  const expectAccessible = async (page: Page, what: string) => assert.deepEqual(await accessibilityViolations(page), [], what);
  const date = (iso: string) => { const [year, month, day] = iso.split('-').map(Number) as [number, number, number]; return { year, month, day }; };

  it('issues a warning, then a breach is proposed and countersigned by sam.spo', async () => {
    const { context, page } = await h.signedIn('jo.po');
    await page.goto('/enforcement');
    await expectAccessible(page, 'queue');
    await page.click(`a[href="/people/${crn}/enforcement"]`);
    await page.waitForURL(`**/people/${crn}/enforcement`);
    assert.match(await page.textContent('[data-testid="enforcement-status"]') ?? '', /warning is to be given/);
    await expectAccessible(page, 'case enforcement tab');
    await page.click('a:has-text("Warning to give")');
    await page.waitForURL('**/actions/*');
    await expectAccessible(page, 'warning action');
    await fillDateInput(page, 'issuedOn', date(addDays(today, 3)));
    await page.click('button:has-text("Issue warning letter")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /must be today or in the past/);
    await expectAccessible(page, 'warning with an error');
    await fillDateInput(page, 'issuedOn', date(addDays(today, -19)));
    await page.click('button:has-text("Issue warning letter")');
    await page.waitForURL(`**/people/${crn}/enforcement?saved=warning`);
    assert.match(await page.textContent('.govuk-notification-banner') ?? '', /warning letter has been issued/);
    const pdf = await page.request.get(await page.getAttribute('a:has-text("warning letter (PDF)")', 'href') ?? '');
    assert.equal(pdf.headers()['content-type'], 'application/pdf');

    await fail(addDays(today, -2));
    await page.reload();
    assert.match(await page.textContent('[data-testid="enforcement-status"]') ?? '', /Breach action due: it must be laid by/);
    await page.click('a:has-text("Breach action due")');
    await page.waitForURL('**/actions/*');
    await page.click('button:has-text("Propose breach")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Give the reasons/);
    await expectAccessible(page, 'propose with an error');
    await page.fill('#reasons', 'A second unacceptable absence within 12 months of the warning.');
    await page.click('button:has-text("Propose breach")');
    await page.waitForURL(`**/people/${crn}/enforcement?saved=proposed`);
    await page.click('a:has-text("Breach for the failure on")');
    assert.match(await page.textContent('main') ?? '', /You proposed this, so another senior officer must countersign it/);
    await expectAccessible(page, 'decision, own proposal');
    await context.close();

    const sam = await h.signedIn('sam.spo');
    await sam.page.goto('/enforcement');
    assert.match(await sam.page.textContent('main') ?? '', new RegExp(`Waiting for your countersignature[\\s\\S]*${crn}`));
    await expectAccessible(sam.page, 'SPO queue');
    await sam.page.click(`a[href^="/people/${crn}/enforcement/decisions/"]`);
    await sam.page.waitForURL('**/decisions/*');
    await expectAccessible(sam.page, 'decision to countersign');
    await sam.page.check('#decision');
    await sam.page.fill('#reasons', 'Agreed: return to court.');
    await sam.page.click('button:has-text("Record decision")');
    await sam.page.waitForURL(`**/people/${crn}/enforcement?saved=countersigned`);
    assert.match(await sam.page.textContent('[data-testid="enforcement-status"]') ?? '', /In breach: breach action must be laid by .* \(\d+ working days?\)/);
    await expectAccessible(sam.page, 'case in breach');
    await sam.context.close();
  });
});

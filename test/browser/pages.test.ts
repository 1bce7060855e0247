import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/** Each page a user meets, opened in real Chromium and scanned with axe: no violations at WCAG 2.2 AA. */
describe('pages in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  let crn: string;
  let restrictedCrn: string;
  before(async () => {
    h = await startBrowserHarness();
    const people = await h.t.database.db.selectFrom('people').select('crn').orderBy('id').limit(11).execute();
    restrictedCrn = people[0]!.crn;
    crn = people[10]!.crn;
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => {
    assert.deepEqual(await accessibilityViolations(page), [], what);
  };

  it('sign-in page, with and without errors', async () => {
    const context = await h.browser.newContext({ baseURL: h.baseUrl });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await expectAccessible(page, 'sign-in');
    await page.click('button:has-text("Sign in")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Enter your username/);
    await expectAccessible(page, 'sign-in with errors');
    await context.close();
  });

  it('my cases, search and the case overview for a practitioner', async () => {
    const { context, page } = await h.signedIn('lee.po');
    await expectAccessible(page, 'my cases');
    assert.match(await page.textContent('h1') ?? '', /My cases/);
    await page.click('a:has-text("Search")');
    await page.fill('#q', crn);
    await page.click('button:has-text("Search")');
    await page.waitForSelector('#results');
    await expectAccessible(page, 'search results');
    await page.click(`table a.govuk-link`);
    await page.waitForURL(`**/people/${crn}`);
    assert.match(await page.textContent('.govuk-caption-l') ?? '', new RegExp(crn));
    await expectAccessible(page, 'case overview');
    await page.goto(`/people/${restrictedCrn}`);
    assert.match(await page.textContent('.moj-alert') ?? '', /Restricted case/);
    await expectAccessible(page, 'restricted case overview');
    await context.close();
  });

  it('search results in pages, with the pagination scanned too', async () => {
    const db = h.t.database.db;
    const { region_id } = await db.selectFrom('people').select('region_id').where('crn', '=', crn).executeTakeFirstOrThrow();
    const crns = Array.from({ length: 25 }, (_, i) => `A97${String(i).padStart(4, '0')}`);
    await db.insertInto('issued_crns').values(crns.map((c) => ({ crn: c }))).execute();
    await db.insertInto('people').values(crns.map((c, i) => ({ crn: c, first_name: `Paged${i}`, last_name: 'Pagewright', date_of_birth: '1980-02-02', sex: 'female', region_id }))).execute();
    const { context, page } = await h.signedIn('lee.po');
    await page.goto('/search?q=Pagewright');
    // The 25, and any demo surnames close to theirs.
    const total = Number((await page.textContent('#results') ?? '').match(/Showing 1 to 20 of (\d+) results/)?.[1]);
    assert.ok(total >= 25 && total <= 40, `${total} results`);
    await expectAccessible(page, 'search results, first of two pages');
    await page.click('.govuk-pagination__next a');
    await page.waitForURL('**/search?q=Pagewright&page=2');
    assert.match(await page.textContent('#results') ?? '', new RegExp(`Showing 21 to ${total} of ${total} results`));
    assert.equal(await page.locator('table tbody tr').count(), total - 20);
    await expectAccessible(page, 'search results, second page');
    await context.close();
  });

  it('risk flags: add with errors, add, see the banner on the case', async () => {
    const { context, page } = await h.signedIn('lee.po');
    await page.goto(`/people/${crn}/flags`);
    await expectAccessible(page, 'risk flags');
    await page.click('button:has-text("Add flag")');
    assert.ok(await page.isVisible('.govuk-error-summary'));
    await expectAccessible(page, 'risk flags with errors');
    await page.selectOption('#typeCode', 'risk_to_staff');
    await page.fill('#notes', 'Threatened staff at the office in 2025: meet in pairs');
    await page.click('button:has-text("Add flag")');
    await page.waitForURL(/saved=1/);
    await page.click('summary:has-text("Review this flag")');
    await expectAccessible(page, 'risk flags with a flag and the review form open');
    await page.goto(`/people/${crn}`);
    assert.match(await page.textContent('.app-flags-banner') ?? '', /Risk to staff/);
    await expectAccessible(page, 'case overview with a flag banner');
    await context.close();
  });

  it('refusal and not-found pages', async () => {
    const { context, page } = await h.signedIn('jo.po');
    const refused = await page.goto(`/people/${restrictedCrn}`);
    assert.equal(refused?.status(), 403);
    await expectAccessible(page, '403');
    const missing = await page.goto('/people/Z999999');
    assert.equal(missing?.status(), 404);
    await expectAccessible(page, '404');
    await context.close();
  });

  it('adding a person: form errors, duplicates and the new case', async () => {
    const { context, page } = await h.signedIn('jo.po');
    await page.goto('/people/new');
    await expectAccessible(page, 'new person form');
    await page.fill('#lastName', 'Brownlow');
    await page.fill('#pnc', '2008/1234567A');
    await page.click('button:has-text("Add person")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Enter a first name/);
    assert.equal(await page.inputValue('#lastName'), 'Brownlow', 'typed values are kept');
    await expectAccessible(page, 'new person form with errors');
    await page.fill('#firstName', 'Bertram');
    await page.fill('#pnc', '');
    await page.fill('#dateOfBirth-day', '3');
    await page.fill('#dateOfBirth-month', '4');
    await page.fill('#dateOfBirth-year', '1985');
    await page.check('#sex');
    await page.click('button:has-text("Add person")');
    await page.waitForURL(/\/people\/A\d{6}\?created=1/);
    await expectAccessible(page, 'new case');
    await page.goto('/people/new');
    await page.fill('#firstName', 'Bertie');
    await page.fill('#lastName', 'Brownlow');
    await page.fill('#dateOfBirth-day', '3');
    await page.fill('#dateOfBirth-month', '4');
    await page.fill('#dateOfBirth-year', '1985');
    await page.check('#sex');
    await page.click('button:has-text("Add person")');
    assert.match(await page.textContent('h1') ?? '', /may already have a record/);
    await expectAccessible(page, 'possible duplicates');
    await page.click('button:has-text("Go back and change the details")');
    assert.equal(await page.inputValue('#firstName'), 'Bertie');
    await context.close();
  });

  it('works with JavaScript off: search, open a case, and a form with errors', async () => {
    const { context, page } = await h.signedIn('kim.pso', { javaScript: false });
    await page.goto('/search');
    await page.fill('#q', crn);
    await page.click('button:has-text("Search")');
    await page.click('table a.govuk-link');
    await page.waitForURL(`**/people/${crn}`);
    await page.goto('/people/new');
    await page.fill('#lastName', 'Nojs');
    await page.click('button:has-text("Add person")');
    assert.match(await page.textContent('.govuk-error-summary') ?? '', /Enter a first name/);
    assert.equal(await page.inputValue('#lastName'), 'Nojs');
    await context.close();
  });

  it('administration: access list and audit trail', async () => {
    const { context, page } = await h.signedIn('admin');
    await page.goto(`/people/${crn}/access`);
    await expectAccessible(page, 'access list');
    await page.click('button:has-text("Save rule")');
    await expectAccessible(page, 'access list with errors');
    await page.goto(`/people/${crn}/audit`);
    await expectAccessible(page, 'audit trail');
    await context.close();
  });
});

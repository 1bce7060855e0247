import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/** The administration pages, driven as an administrator would, each scanned with axe at WCAG 2.2 AA. */
describe('administration pages in a real browser', { timeout: 180_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(() => h.close());

  const expectAccessible = async (page: Page, what: string) => {
    assert.deepEqual(await accessibilityViolations(page), [], what);
  };

  it('users: list, add with errors, add, edit', async () => {
    const { context, page } = await h.signedIn('admin');
    await page.click('a:has-text("Administration")');
    await expectAccessible(page, 'administration index');
    await page.click('a:has-text("Users")');
    await expectAccessible(page, 'users');
    await page.goto('/admin/users/new');
    await expectAccessible(page, 'new user');
    await page.fill('#username', 'x');
    await page.click('button:has-text("Add user")');
    assert.ok(await page.isVisible('.govuk-error-summary'));
    await expectAccessible(page, 'new user with errors');
    await page.fill('#username', 'new.practitioner');
    await page.fill('#displayName', 'New Practitioner');
    await page.selectOption('#roleCode', 'practitioner');
    const team = await h.t.database.db.selectFrom('teams').select('id').where('name', '=', 'Newcastle Central').executeTakeFirstOrThrow();
    await page.selectOption('#teamId', String(team.id));
    await page.fill('#password', 'a-long-enough-password');
    await page.click('button:has-text("Add user")');
    await page.waitForURL(/\/admin\/users/);
    await expectAccessible(page, 'after adding a user');
    const id = (await h.t.database.db.selectFrom('users').select('id').where('username', '=', 'new.practitioner').executeTakeFirstOrThrow()).id;
    await page.goto(`/admin/users/${id}`);
    await expectAccessible(page, 'edit user');
    await context.close();
  });

  it('roles, teams and API tokens', async () => {
    const { context, page } = await h.signedIn('admin');
    await page.goto('/admin/roles');
    await expectAccessible(page, 'roles');
    await page.goto('/admin/roles/new');
    await page.click('button:has-text("Save role")');
    assert.ok(await page.isVisible('.govuk-error-summary'));
    await expectAccessible(page, 'new role with errors');
    await page.goto('/admin/roles/practitioner');
    await expectAccessible(page, 'edit role');
    await page.goto('/admin/teams');
    await expectAccessible(page, 'teams');
    const team = await h.t.database.db.selectFrom('teams').select('id').orderBy('id').executeTakeFirstOrThrow();
    await page.goto(`/admin/teams/${team.id}`);
    await expectAccessible(page, 'edit team');
    await page.goto('/admin/tokens');
    await expectAccessible(page, 'tokens');
    await page.selectOption('#username', 'jo.po');
    await page.fill('#label', 'Browser test');
    await page.click('button:has-text("Issue token")');
    assert.match(await page.inputValue('#token'), /^tl_[\w-]{43}$/);
    await expectAccessible(page, 'token issued');
    await context.close();
  });
});

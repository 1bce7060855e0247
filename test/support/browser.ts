import { AxeBuilder } from '@axe-core/playwright';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './app.ts';

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (own cookies), optionally with JavaScript off, signed in as a demo user. */
  signedIn(username: string, options?: { javaScript?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The real service on a loopback port, and the system Chromium driven by playwright-core. */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  const t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // playwright-core gives each launch a fresh, throwaway profile.
  const browser = await chromium
    .launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    .catch(async (error: unknown) => {
      await t.close(); // a listening server would keep the test process alive
      throw error;
    });
  return {
    t,
    baseUrl,
    browser,
    async signedIn(username, options = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: options.javaScript ?? true });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.fill('#username', username);
      await page.fill('#password', 'throughline-demo');
      await page.click('button:has-text("Sign in")');
      await page.waitForURL('**/cases');
      return { context, page };
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Runs axe against the page at WCAG 2.2 AA and returns the violations, described for a failure message. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Types a date into a GOV.UK date input (the fields `id-day`, `id-month`, `id-year`). */
export async function fillDateInput(page: Page, id: string, date: { year: number; month: number; day: number }) {
  await page.fill(`#${id}-day`, String(date.day));
  await page.fill(`#${id}-month`, String(date.month));
  await page.fill(`#${id}-year`, String(date.year));
}

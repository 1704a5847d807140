/**
 * Helpers for browser tests of the console: start server/dist/main.js on an in-memory SQLite
 * database (sandbox mode, demo data), find where the built pages are served, launch headless
 * Chromium, sign in through the login form, call the API, take screenshots (the server and browser
 * part is server/test/support/ui-stack.ts, shared with the sidebar's and mini-program's tests).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, startUiStack } from '../../server/test/support/ui-stack';

export const shots = join(__dirname, 'screenshots');
export const password = 'lodestar-demo';

export interface Stack {
  /** The API server's origin. */
  api: string;
  /** Where /console/ and /sidebar/ are served: the server itself. */
  base: string;
  browser: Browser;
  stop: () => Promise<void>;
}

export async function startStack(): Promise<Stack> {
  mkdirSync(shots, { recursive: true });
  const stack = await startUiStack({ page: '/console/', marker: '<div id="root">', build: 'npm run build:ui', timeoutMs: 90_000 });
  return { api: stack.api, base: stack.api, browser: stack.browser, stop: stack.stop };
}

/** A JSON call to the API; throws with the status and body on anything but 2xx. */
export const call = <T>(api: string, method: string, path: string, body?: unknown, token?: string): Promise<T> => apiCall<T>(api, method, path, body, token);

export const tokenOf = async (api: string, username: string): Promise<string> => (await call<{ token: string }>(api, 'POST', '/api/auth/login', { username, password })).token;

export async function newPage(browser: Browser, width: number, height = 900): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Signs in through the login form. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.locator('[data-testid=login-form] input[name=username]').fill(username);
  await page.locator('[data-testid=login-form] input[name=password]').fill(password);
  await page.locator('[data-testid=login-form] button[type=submit]').click();
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

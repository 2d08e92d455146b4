// Shared set-up for browser tests: a Paved server with the demo organisation (or an already
// running catalog named by PAVED_BROWSER_URL, for developing the UI against another backend),
// Debian's Chromium, and small helpers that wait for what a user would see.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ROOT, startPaved } from '../helpers/startPaved';

export const SHOTS = join(ROOT, 'test/tmp');

export type Harness = {
  url: string;
  adminToken: string | null;
  browser: Browser;
  /** Uncaught exceptions in any page: a failure even if the DOM happens to look right. */
  pageErrors: string[];
  /** Calls the server as a guest, or with `token` (e.g. the admin token). */
  api<T>(path: string, init?: { method?: string; body?: unknown; token?: string | null }): Promise<{ status: number; body: T }>;
  newPage(opts?: { colorScheme?: 'light' | 'dark' }): Promise<Page>;
  close(): Promise<void>;
};

function ensureWebBuild(): void {
  if (existsSync(join(ROOT, 'dist/web/index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(r.status, 0, 'web build failed');
}

export async function startHarness(): Promise<Harness> {
  mkdirSync(SHOTS, { recursive: true });
  const external = process.env.PAVED_BROWSER_URL;
  let stop = async (): Promise<void> => {};
  let url: string;
  let adminToken: string | null = null;
  if (external) {
    url = external.replace(/\/$/, '');
  } else {
    ensureWebBuild();
    const paved = await startPaved({ demo: true });
    url = paved.url.replace(/\/$/, '');
    adminToken = paved.adminToken;
    stop = () => paved.stop();
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const pageErrors: string[] = [];
  return {
    url,
    adminToken,
    browser,
    pageErrors,
    async api<T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
      const headers: Record<string, string> = init.body === undefined ? {} : { 'content-type': 'application/json' };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const res = await fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async newPage(opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    },
    async close() {
      await browser.close();
      await stop();
    },
  };
}

/** Waits until the locator's text equals `expected` (trimmed), then asserts it (clear failure message). */
export async function expectText(locator: Locator, expected: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let actual = '';
  while (Date.now() < deadline) {
    actual = ((await locator.first().textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
    if (actual === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(actual, expected);
}

/** Waits until the page URL satisfies `check`. */
export async function expectUrl(page: Page, check: (u: URL) => boolean, what: string): Promise<void> {
  await page.waitForURL((u) => check(u), { timeout: 15_000 }).catch(() => undefined);
  assert.ok(check(new URL(page.url())), `expected URL ${what}, got ${page.url()}`);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the actor menu, as a user would, and waits until the header shows who. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.getByTestId('actor').click();
  await page.getByRole('menuitem', { name: 'Sign in with a token…' }).click();
  await page.getByPlaceholder('pvd_…').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const me = await fetch(`${url}/api/auth/whoami`, { headers: { authorization: `Bearer ${token}` } });
  const { actor } = (await me.json()) as { actor: { displayName: string } };
  await expectText(page.getByTestId('actor-name'), actor.displayName);
}

export const fmt = (n: number): string => n.toLocaleString('en-US');

import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { demoSeedCommands, loadApiConfig, type ApiConfig } from '@concord/api';
import { createConcordServer } from '@concord/api-server/server';
import { seed, type Connection } from '@concord/db';
import { totpCode } from '@concord/domain/two-step';
import { openTestDatabase } from '@concord/db/testing';
import { testPasswordHash } from '../../support/api.ts';
import { chromium, type Browser, type Page } from 'playwright-core';

// CONCORD_TEST_WEB_DIST: a build of one's own elsewhere, so another build of apps/web/dist cannot change the app under a running test.
const WEB_DIST = process.env.CONCORD_TEST_WEB_DIST ?? fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));

export interface RunningApp {
  url: string;
  connection: Connection;
  browser: Browser;
  close(): Promise<void>;
}

/** The built web app served by the real server over a seeded database, and a headless Chromium. */
export async function startApp(api: ApiConfig = loadApiConfig({})): Promise<RunningApp> {
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error(`The web app is not built (${WEB_DIST}): run \`pnpm build\` first.`);
  const connection = await openTestDatabase({ seed: testPasswordHash, commands: demoSeedCommands });
  const server: Server = createConcordServer({ db: connection.db, databaseKind: connection.kind, api, webDist: WEB_DIST, log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  return {
    url,
    connection,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
    },
  };
}

/** The app started with one browser page at a desktop width: what most browser tests open first. */
export async function openApp(viewport = { width: 1280, height: 900 }): Promise<{ app: RunningApp; page: Page }> {
  const app = await startApp();
  return { app, page: await app.browser.newPage({ viewport }) };
}

export async function signInAs(page: Page, url: string, email: string, password = 'concord-demo') {
  await page.goto(`${url}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Wait for the outcome (signed in, the two-step code asked for, or an error shown) so a test's next navigation cannot race the sign-in.
  await page.waitForFunction(
    () => !location.pathname.endsWith('/sign-in') || document.querySelector('.govuk-error-summary') !== null || document.querySelector('#code') !== null,
  );
  if (email === DEMO_PLATFORM_ADMIN && (await page.locator('#code').count()) > 0) await enterDemoTwoStepCode(page);
}

/** The demo platform administrator, of whom two-step verification is always required (seeded with the published demo key). */
export const DEMO_PLATFORM_ADMIN = 'admin@concord.example';

/**
 * Enters the demo key's current code on the sign-in page's second step. A code is used once: if this step's code was
 * used by an earlier sign-in of the same test, it enters the next step's (accepted too, for clocks that drift).
 */
async function enterDemoTwoStepCode(page: Page) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.fill('#code', totpCode(seed.DEMO_TWO_STEP_SECRET, new Date(Date.now() + attempt * 30_000)));
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('auth.verifyTwoStep')), page.getByRole('button', { name: 'Continue' }).click()]);
    if (response.ok()) {
      await page.waitForFunction(() => !location.pathname.endsWith('/sign-in'));
      return;
    }
  }
}

/** Saved for people to look at (git-ignored); never compared. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

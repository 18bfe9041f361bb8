import { chromium, type Browser, type Page } from 'playwright-core';
import { totpCode } from '@concord/domain/two-step';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot } from './support/app.ts';
import { emptyDataDir, startServer, type StartedServer } from './support/empty-server.ts';

/**
 * Issue 10, item 1, in the browser: a new installation. `start` on an empty database with demo data off
 * prints a setup link; the link's page creates the first platform administrator, who lands signed in and must
 * set up two-step verification before anything else (issue 10, items 3 and 5). The
 * link works once, and once an administrator exists the next start prints none.
 */
const data = emptyDataDir();
let server: StartedServer;
let browser: Browser;
let page: Page;
let link: string;
let secret = '';

beforeAll(async () => {
  server = await startServer(data.dir);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  data.remove();
});

it('start prints a single-use setup link and no demo sign-ins', () => {
  const printed = server.output();
  expect(printed).toContain('No platform administrator yet');
  expect(printed).not.toContain('Demo sign-ins');
  const found = /(http:\/\/127\.0\.0\.1:\d+\/setup\/[A-Za-z0-9_-]{43})\s/.exec(printed);
  expect(found).not.toBeNull();
  link = found![1]!;
});

it('nobody can sign in yet: not with the demo password', async () => {
  await page.goto(`${server.url}/sign-in`);
  // Without the demo data, no page calls its data demo data.
  await expect.poll(() => page.getByTestId('phase-banner').textContent()).toBe('This is a new service.');
  await page.fill('#email', 'admin@concord.example');
  await page.fill('#password', 'concord-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter a correct email address and password');
});

it('the setup page refuses a short password against its field, with the rule as the hint', async () => {
  await page.goto(link);
  await page.getByRole('heading', { name: 'Set up Concord' }).waitFor();
  expect(await page.locator('#password-hint').textContent()).toContain('at least 12 characters');
  await page.fill('#email', 'ada.admin@council.example');
  await page.fill('#displayName', 'Ada Admin');
  await page.fill('#password', 'too short');
  await page.fill('#confirmPassword', 'too short');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await page.locator('#password-error').waitFor();
  expect(await page.locator('#password-error').textContent()).toContain('Password must be 12 characters or more');
  expect(await page.locator('.govuk-error-summary a[href="#password"]').textContent()).toContain('12 characters');
  await screenshot(page, 'first-run-setup-error');
});

it('a good password creates the platform administrator, signed in and sent to set up two-step verification first', async () => {
  await page.fill('#password', 'heron lantern quarry');
  await page.fill('#confirmPassword', 'heron lantern quarry');
  await screenshot(page, 'first-run-setup-form');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  // Two-step verification is always required of a platform administrator: until it is on, only this page.
  await page.waitForURL(`${server.url}/sessions/two-step`);
  expect(await page.getByTestId('must-enrol').textContent()).toContain('always required for platform administrators');
  await page.goto(`${server.url}/authorities`);
  await page.waitForURL(`${server.url}/sessions/two-step`);
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  secret = ((await page.getByTestId('manual-key').textContent()) ?? '').replace(/\s/g, '');
  await page.fill('#code', totpCode(secret, new Date()));
  await screenshot(page, 'first-run-two-step');
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  await page.getByRole('link', { name: 'Continue to Concord' }).click();
  await page.waitForURL(`${server.url}/`);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const me = await page.evaluate(async () => (await fetch('/trpc/auth.me')).json());
  expect(me.result.data).toMatchObject({ email: 'ada.admin@council.example', displayName: 'Ada Admin', isPlatformAdmin: true, authorityId: null });
  await screenshot(page, 'first-run-signed-in');
});

it('the link works once', async () => {
  const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await other.goto(link);
  await other.fill('#email', 'someone.else@council.example');
  await other.fill('#displayName', 'Someone Else');
  await other.fill('#password', 'another long passphrase');
  await other.fill('#confirmPassword', 'another long passphrase');
  await other.getByRole('button', { name: 'Create administrator' }).click();
  await other.locator('.govuk-error-summary').waitFor();
  expect(await other.locator('.govuk-error-summary').textContent()).toContain('This link cannot be used');
  await screenshot(other, 'first-run-link-used');
  await other.close();
});

it('the next start prints no setup link, and the administrator signs in with their password', async () => {
  await server.stop();
  server = await startServer(data.dir);
  expect(server.output()).not.toContain('/setup/');
  expect(server.output()).not.toContain('No platform administrator yet');
  const again = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await again.goto(`${server.url}/sign-in`);
  await again.fill('#email', 'ada.admin@council.example');
  await again.fill('#password', 'heron lantern quarry');
  await again.getByRole('button', { name: 'Sign in' }).click();
  // The next step's code: this step's was used to turn two-step verification on.
  await again.fill('#code', totpCode(secret, new Date(Date.now() + 30_000)));
  await again.getByRole('button', { name: 'Continue' }).click();
  await again.getByRole('button', { name: 'Sign out' }).waitFor();
  await again.close();
}, 90_000);

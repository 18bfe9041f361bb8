import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, openApp, type RunningApp } from './support/app.ts';

let app: RunningApp;
let page: Page;

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

it('sends a signed-out visitor to sign in', async () => {
  await page.goto(`${app.url}/`);
  await page.waitForURL(/\/sign-in$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Sign in/);
});

it('signs a Sefton commissioner in and shows the Tripartite with Liverpool as lead', async () => {
  await signInAs(page, app.url, 'commissioner.sefton@concord.example');
  await page.getByTestId('header-authority').waitFor();
  expect(await page.getByTestId('header-authority').textContent()).toContain('Sefton Council');
  const partnership = page.getByTestId('partnership').filter({ hasText: 'LCR Tripartite' });
  await expect.poll(() => partnership.count()).toBe(1);
  expect(await partnership.getByTestId('partnership-lead').textContent()).toContain('Liverpool City Council');
  expect(await partnership.textContent()).toContain('Knowsley Council');
  await screenshot(page, 'foundation-home-sefton');
});

it('signs out back to the sign-in page, and home is closed again', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in$/);
  await page.goto(`${app.url}/`);
  await page.waitForURL(/\/sign-in$/);
});

it('shows a clear error for a wrong password', async () => {
  await signInAs(page, app.url, 'commissioner.sefton@concord.example', 'not the password');
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toContain('Enter a correct email address and password');
  expect(page.url()).toMatch(/\/sign-in$/);
  await screenshot(page, 'foundation-sign-in-error');
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, item 5: signing in from a deep link returns to that page (a path on this site only); a form's errors
 * prefix the page's title with "Error: ", the meeting and risk forms included; the benchmark's title names its
 * KPI; "Page not found" is the title of every page not found, a record page's included.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(() => app.close());

async function signIn(email: string) {
  await page.fill('#email', email);
  await page.fill('#password', 'concord-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

it('a deep link opened signed out returns to that page, with its query, after signing in', async () => {
  await page.goto(`${app.url}/benchmark?kpi=COST-01`);
  await page.waitForURL(/\/sign-in$/);
  await signIn('commissioner.devon@concord.example');
  await page.waitForURL((url) => url.pathname === '/benchmark');
  expect(new URL(page.url()).search).toBe('?kpi=COST-01');
  // The benchmark's title names the KPI it shows.
  await expect.poll(() => page.title()).toMatch(/^Benchmark: COST-01 .+ – Concord$/);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in/);
});

it.each(['//example.org/phish', '/\\example.org', 'https://example.org/', '/sign-in'])('a return address %s that is not a page of this site goes home instead', async (from) => {
  await page.goto(`${app.url}/sign-in`);
  await page.locator('#email').waitFor();
  // What the sign-in page would be sent with, as react-router keeps it in the history entry.
  await page.evaluate((f) => history.replaceState({ usr: { from: f, reason: null }, key: 'test', idx: 0 }, ''), from);
  await page.reload();
  await signIn('commissioner.devon@concord.example');
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  expect(page.url()).toBe(`${app.url}/`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in/);
});

it('the meeting action form and the risk form prefix the title with "Error: " while they show errors', async () => {
  await signInAs(page, app.url, 'commissioner.devon@concord.example');
  await page.goto(`${app.url}/meetings`);
  await page.getByRole('link', { name: /2023-09/ }).first().click();
  const form = page.getByTestId('add-action');
  await form.waitFor();
  const title = await page.title();
  expect(title).not.toMatch(/^Error: /);
  await form.getByRole('button', { name: 'Add action' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.title()).toBe(`Error: ${title}`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in/);

  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
  await page.getByRole('link', { name: 'Business cases', exact: true }).click();
  await page.getByRole('link', { name: 'Direct award of a new contract to Shared Lives South West' }).click();
  const risk = page.getByTestId('add-risk');
  await risk.waitFor();
  expect(await page.title()).toBe('Direct award of a new contract to Shared Lives South West – Concord');
  await risk.getByRole('button', { name: 'Add risk' }).click();
  await risk.locator('.govuk-error-summary').waitFor();
  expect(await page.title()).toBe('Error: Direct award of a new contract to Shared Lives South West – Concord');
});

it('"Page not found" is the title of an unknown address, a record not found and a procurement tab that is not there', async () => {
  await page.context().clearCookies();
  await signInAs(page, app.url, 'commissioner.liverpool@concord.example');
  for (const path of ['/nowhere-at-all', '/business-cases/00000000-0000-4000-8000-000000000000', '/contracts/not-an-id', '/meetings/00000000-0000-4000-8000-000000000000']) {
    await page.goto(`${app.url}${path}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expect.poll(() => page.title(), { message: path }).toBe('Page not found – Concord');
  }
  const procurement = await app.connection.db.selectFrom('procurement').select('id').where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow();
  await page.goto(`${app.url}/procurements/${procurement.id}/no-such-tab`);
  await page.getByRole('heading', { level: 2, name: 'Page not found' }).waitFor();
  await expect.poll(() => page.title()).toBe('Page not found – Concord');
});

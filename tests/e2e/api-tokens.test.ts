import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, openApp, type RunningApp } from './support/app.ts';

/** Personal API tokens for BI tools (issue 6, item 6): made on the page, shown once, used by a BI tool, revoked. */
let app: RunningApp;
let page: Page;
let token = '';

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

const readKpis = (bearer: string) => fetch(`${app.url}/api/v1/kpis`, { headers: { authorization: `Bearer ${bearer}` } });

it('a commissioner makes a token from their sessions page; it is shown once and reads the read API', async () => {
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/sessions`);
  await page.getByRole('link', { name: 'API tokens for BI tools' }).click();
  await page.getByRole('heading', { name: 'API tokens for BI tools' }).waitFor();
  expect(await page.textContent('main')).toContain('You have no API tokens.');

  // A label is needed: the error names the field.
  await page.getByRole('button', { name: 'Make token' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('#label-error').textContent()).toContain('Enter a label for the token');

  await page.fill('#label', 'Power BI – monthly KPIs');
  await page.getByLabel('30 days').check();
  await page.getByRole('button', { name: 'Make token' }).click();
  await page.getByTestId('new-token').waitFor();
  token = await page.locator('#new-token').inputValue();
  expect(token).toMatch(/^concord_pat_[A-Za-z0-9_-]{43}$/);
  // How to use it in Power BI, with this token in the header value.
  expect(await page.getByTestId('new-token').textContent()).toContain(`Bearer ${token}`);
  expect(await page.getByTestId('api-url').textContent()).toBe(`${app.url}/api/v1/kpis`);

  const rows = page.getByTestId('api-token');
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().textContent()).toMatch(/Power BI – monthly KPIs.*Never.*Active/);
  await screenshot(page, 'api-token-made');

  const response = await readKpis(token);
  expect(response.status).toBe(200);
  expect(((await response.json()) as { partnerships: { name: string }[] }).partnerships.map((p) => p.name)).toEqual(['South West Peninsula']);

  // Shown once: after a reload only the list remains, now with the use recorded.
  await page.reload();
  await expect.poll(() => rows.count()).toBe(1);
  expect(await page.getByTestId('new-token').count()).toBe(0);
  expect(await page.textContent('body')).not.toContain(token);
  expect(await rows.first().textContent()).not.toContain('Never');
});

it('revoking asks first; a revoked token gets 401', async () => {
  const row = page.getByTestId('api-token').first();
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await row.getByRole('button', { name: 'Keep it' }).click();
  expect((await readKpis(token)).status).toBe(200);

  await row.getByRole('button', { name: /^Revoke/ }).click();
  await row.getByRole('button', { name: /^Yes, revoke/ }).click();
  await page.getByText('You revoked the token “Power BI – monthly KPIs”').waitFor();
  await expect.poll(async () => (await row.textContent()) ?? '').toContain('Revoked');
  expect(await row.getByRole('button').count()).toBe(0);
  expect((await readKpis(token)).status).toBe(401);
  await screenshot(page, 'api-token-revoked');
});

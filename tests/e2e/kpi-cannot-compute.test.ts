import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, "A KPI that cannot be computed says why instead of drawing an empty chart": PPL-01 compares adults in
 * long-term care per 100,000 people aged 18 and over, and the demo holds no 18+ population for the Peninsula's
 * members. Its benchmark page draws no chart and says which population is missing, at 1280 and 375 px.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
}, 120_000);
afterAll(() => app?.close());

it('PPL-01 without 18+ populations says why there is no chart', async () => {
  const peninsula = (await app.connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  await page.goto(`${app.url}/benchmark?partnership=${peninsula}&kpi=PPL-01`);
  const why = page.getByTestId('benchmark-no-figures');
  await why.waitFor();
  expect(await why.textContent()).toMatch(/^No charts for this KPI: no member has a figure to compare for .+\. No 18\+ population is held for /);
  expect(await page.locator('.concord-chart svg').count()).toBe(0);
  await screenshot(page, 'kpi-cannot-compute-1280');
  await page.setViewportSize({ width: 375, height: 812 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, 'kpi-cannot-compute-375');
}, 120_000);

it('the benchmark period is a GOV.UK date input (day, month, year), not a browser date box', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const chooser = page.getByTestId('period-chooser');
  await chooser.waitFor();
  expect(await page.locator('input[type=date]').count()).toBe(0);
  await chooser.getByLabel('Day').fill('1');
  await chooser.getByLabel('Month').fill('4');
  await chooser.getByLabel('Year').fill('2026');
  await chooser.getByRole('button', { name: 'Show this period' }).click();
  await page.waitForURL(/period=2026-04-01/);
  await chooser.getByLabel('Month').fill('13');
  await chooser.getByRole('button', { name: 'Show this period' }).click();
  await expect.poll(() => chooser.locator('.govuk-error-message').textContent()).toContain('Enter the first day of the period as a real date');
  expect(await chooser.locator('.govuk-error-summary').innerText()).toContain('Enter the first day of the period as a real date');
  await expect.poll(() => page.title()).toMatch(/^Error: Benchmark/);
  expect(page.url()).toContain('period=2026-04-01');
}, 60_000);

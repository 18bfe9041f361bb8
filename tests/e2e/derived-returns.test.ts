import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, openApp, type RunningApp } from './support/app.ts';

let app: RunningApp;
let page: Page;

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

it('Plymouth calculates its Shared Lives return from its own placements, sees the working and submits it', async () => {
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/returns`);
  const calendar = page.getByTestId('returns-calendar');
  await calendar.waitFor();
  // The demo returns run to September 2026; the latest month that has ended with no return is SL-01's to calculate.
  const due = calendar.locator('tr', { hasText: 'SL-01' }).filter({ has: page.getByRole('button', { name: /Calculate from our records/ }) }).filter({ hasText: /Due|Missing/ }).first();
  const period = (await due.locator('td').nth(1).textContent())!;
  await due.getByRole('button', { name: /Calculate from our records/ }).click();
  const panel = page.getByTestId('derived-return');
  await panel.getByTestId('derived-working').waitFor();
  expect(await panel.getByRole('heading').first().textContent()).toContain(`SL-01 Long-term Shared Lives placements: ${period}, calculated from our records`);
  expect(await panel.locator('.govuk-summary-list__value').first().textContent()).toBe('13');
  expect(await panel.getByTestId('derived-working').textContent()).toMatch(/^13 Shared Lives placements open on \d{1,2} \w+ 20\d\d, of 18 placements recorded\.$/);
  await screenshot(page, 'derived-return-shared-lives');
  await panel.getByRole('button', { name: 'Submit this figure' }).click();
  await expect.poll(() => panel.count()).toBe(0);
  const row = calendar.locator('tr', { hasText: 'SL-01' }).filter({ hasText: period });
  await expect.poll(async () => (await row.first().textContent()) ?? '').toMatch(/Submitted13/);
});

it('a figure with nothing to count says why and offers nothing to submit', async () => {
  const cost = page.getByTestId('returns-calendar').locator('tr', { hasText: 'COST-01' }).filter({ has: page.getByRole('button', { name: /Calculate from our records/ }) }).first();
  await cost.getByRole('button', { name: /Calculate from our records/ }).click();
  const panel = page.getByTestId('derived-return');
  await panel.locator('.govuk-inset-text').waitFor();
  expect(await panel.locator('.govuk-inset-text').textContent()).toContain('There is nothing to submit: No Residential and nursing care placements were open on');
  await expect.poll(() => panel.getByRole('button', { name: 'Submit this figure' }).count()).toBe(0);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, openApp, type RunningApp } from './support/app.ts';

/**
 * Issue 12, item 4, in the browser: a form sends one key for as long as it is open, so sending it again after
 * a lost answer creates nothing more; a form that stays open for the next record takes a new key.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => ({ app, page } = await openApp({ width: 375, height: 812 })));
afterAll(() => app.close());

it('a fair cost exercise sent again after its answer was lost is recorded once, and the page goes to it', async () => {
  await signInAs(page, app.url, 'commissioner.leicestershire@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/fair-cost/new`);
  await page.getByRole('heading', { name: 'Add a fair cost exercise' }).waitFor();
  await page.fill('#name', 'Lost answer exercise');
  await page.getByLabel('Home care').check();
  await page.getByLabel('An hour').check();
  await page.fill('#heldOn-day', '10');
  await page.fill('#heldOn-month', '1');
  await page.fill('#heldOn-year', '2024');
  await page.fill('#submissions', 'Provider 1, 20.00\nProvider 2, 21.00\nProvider 3, 23.00');

  // The first send reaches the server and is recorded, but its answer never reaches the browser.
  let sends = 0;
  await page.route('**/trpc/fairCost.create*', async (route) => {
    sends += 1;
    if (sends > 1) return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Add exercise' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  const rows = () => app.connection.db.selectFrom('fair_cost_exercise').select('id').where('name', '=', 'Lost answer exercise').execute();
  expect(await rows()).toHaveLength(1);

  // Sent again from the same form: the same key, so the first exercise is the answer and none is added.
  await page.getByRole('button', { name: 'Add exercise' }).click();
  await page.waitForURL(/\/fair-cost\/[0-9a-f-]{36}$/);
  const made = await rows();
  expect(made).toHaveLength(1);
  expect(page.url()).toBe(`${app.url}/fair-cost/${made[0]!.id}`);
  expect(sends).toBe(2);
  await page.getByRole('heading', { name: 'Lost answer exercise' }).waitFor();
  await screenshot(page, 'form-key-fair-cost-after-lost-answer');
});

it('the API token form stays open: the next token it makes is a new one, with its own text', async () => {
  await page.goto(`${app.url}/sessions/api-tokens`);
  await page.getByRole('heading', { name: 'API tokens for BI tools' }).waitFor();
  const texts: string[] = [];
  for (const label of ['First from one form', 'Second from one form']) {
    await page.fill('#label', label);
    await page.getByRole('button', { name: 'Make token' }).click();
    await expect.poll(() => page.locator('#new-token').count()).toBe(1);
    await expect.poll(async () => (await page.textContent('main')) ?? '').toContain(`Copy your token “${label}” now`);
    texts.push(await page.locator('#new-token').inputValue());
  }
  expect(new Set(texts).size).toBe(2);
  const tokens = await app.connection.db.selectFrom('api_token').select('label').where('label', 'like', '% from one form').orderBy('label').execute();
  expect(tokens.map((t) => t.label)).toEqual(['First from one form', 'Second from one form']);
  await screenshot(page, 'form-key-second-api-token');
});

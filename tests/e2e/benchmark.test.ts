import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

let app: RunningApp;
let page: Page;
let peninsula: string;

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  peninsula = (await app.connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => app.close());

it('a Peninsula member opens the Shared Lives benchmark and sees Plymouth’s per-head rate lowest', async () => {
  await signInAs(page, app.url, 'commissioner.cornwall@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.getByRole('link', { name: 'Benchmark' }).first().click();
  await page.goto(`${app.url}/benchmark?partnership=${peninsula}&kpi=SL-01&period=2023-08-01`);
  const table = page.getByTestId('benchmark-table');
  await table.waitFor();
  expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain('Aug 2023');
  // Sort by the per-head rate, lowest first.
  await page.getByRole('button', { name: /Sort by per 100,000/ }).click();
  const rows = table.getByTestId('benchmark-row');
  await expect.poll(() => rows.count()).toBe(5);
  expect(await rows.first().locator('th').textContent()).toContain('Plymouth City Council');
  // One precision per KPI: a rate per 100,000 to one decimal place (issue 13).
  expect(await rows.first().getByTestId('headline').textContent()).toBe('4.9');
  // Somerset chose to be anonymised: the page never names it.
  expect(await page.textContent('body')).not.toMatch(/Somerset/);
  expect(await table.textContent()).toContain('Authority A');
  await page.getByTestId('funnel-table').waitFor({ state: 'attached' }); // inside 'Show the figures behind this chart'
  await screenshot(page, 'benchmark-shared-lives-peninsula');
});

it('the home page reminds of returns due, and the September 2023 pack shows its as-at time', async () => {
  await page.goto(`${app.url}/`);
  await page.getByTestId('returns-due').waitFor();
  await page.goto(`${app.url}/meetings`);
  await page.getByRole('link', { name: /2023-09/ }).first().click();
  await page.getByTestId('pack').waitFor();
  expect(await page.getByTestId('pack').textContent()).toContain('as at 21 September 2023');
  await screenshot(page, 'benchmark-meeting-pack');
});

it('Torbay’s commissioner chooses to be anonymised in the Peninsula; Cornwall’s benchmark no longer names Torbay; a viewer cannot change it', async () => {
  const torbay = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(torbay, app.url, 'commissioner.torbay@concord.example');
  await torbay.getByTestId('header-authority').waitFor();
  await torbay.goto(`${app.url}/partnerships/${peninsula}`);
  const sharing = torbay.getByTestId('benchmark-sharing');
  await sharing.waitFor();
  expect(await sharing.getByTestId('sharing-mode').textContent()).toContain('under our name');
  await sharing.getByLabel('Anonymised').check();
  await sharing.getByRole('button', { name: 'Save how our figures are shown' }).click();
  await expect.poll(() => sharing.getByTestId('sharing-mode').textContent()).toContain('anonymised');
  await screenshot(torbay, 'benchmark-sharing-torbay');

  // Cornwall (signed in above) reads the same benchmark again: Torbay is a letter now, never its name.
  await page.goto(`${app.url}/benchmark?partnership=${peninsula}&kpi=SL-01&period=2023-08-01`);
  const table = page.getByTestId('benchmark-table');
  await expect.poll(() => table.getByTestId('benchmark-row').count()).toBe(5);
  expect(await page.textContent('body')).not.toMatch(/Torbay|Somerset/);
  expect(await table.textContent()).toContain('Authority B');

  const viewer = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(viewer, app.url, 'viewer.torbay@concord.example');
  await viewer.getByTestId('header-authority').waitFor();
  await viewer.goto(`${app.url}/partnerships/${peninsula}`);
  await viewer.getByTestId('benchmark-sharing').getByText('A commissioner of your authority can change this.').waitFor();
  expect(await viewer.getByRole('button', { name: 'Save how our figures are shown' }).count()).toBe(0);
  await Promise.all([torbay.close(), viewer.close()]);
});

it('COST-01 in the LCR Tripartite shows pounds, not pence: median £996.03, Sefton £1,105.65, at 1280 and 375 px', async () => {
  const lcr = (await app.connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
  const sefton = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(sefton, app.url, 'commissioner.sefton@concord.example');
  await sefton.getByTestId('header-authority').waitFor();
  await sefton.goto(`${app.url}/benchmark?partnership=${lcr}&kpi=COST-01&period=2026-07-01`);
  const view = sefton.getByTestId('benchmark');
  await view.getByTestId('benchmark-table').waitFor();
  const text = (await view.textContent())!;
  expect(text).toContain('Compared: £ (pounds) — partnership median £996.03');
  expect(text).not.toMatch(/99,603|110565|996\.03\d/);
  const own = view.getByTestId('benchmark-row').filter({ hasText: '(you)' });
  expect(await own.getByTestId('headline').textContent()).toBe('£1,105.65');
  // One value column: the headline is the value (no second identical column).
  expect(await view.getByTestId('benchmark-table').locator('thead th').allTextContents()).not.toContain('Value');
  // The bar labels and the axis are in pounds too.
  expect(await view.locator('.recharts-label-list, .recharts-label').allTextContents()).toContain('£1,105.65');
  const xTicks = await view.locator('figure').first().locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  expect(xTicks.length).toBeGreaterThan(1);
  expect(xTicks.filter((t) => !/^£[\d,]+$/.test(t))).toEqual([]);
  await screenshot(sefton, 'benchmark-cost-01-1280');
  await sefton.setViewportSize({ width: 375, height: 800 });
  await view.getByTestId('benchmark-table').waitFor();
  await screenshot(sefton, 'benchmark-cost-01-375');
  await sefton.close();
});

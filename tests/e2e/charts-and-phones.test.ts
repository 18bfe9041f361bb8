import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { axeViolations, settled, widthAtPhone } from './support/page-checks.ts';

/**
 * Issue 13, charts and phones: the SPC chart reads in NHS "Making Data Count" words with its icons, the funnel plot
 * labels its points, every chart has its figures behind it in a details component; on a phone the navigation
 * collapses behind a Menu button, and the benchmark, business case, options appraisal and contract register do not
 * scroll sideways (screenshots of each at 375 and 1280 px).
 */
let app: RunningApp;
let page: Page;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  const db = app.connection.db;
  ids.peninsula = (await db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  ids.businessCase = (await db.selectFrom('business_case').select('id').where('authority_id', '=', 'E06000026').executeTakeFirstOrThrow()).id;
  ids.appraisal = (await db.selectFrom('options_appraisal').select('id').where('authority_id', '=', 'E06000026').executeTakeFirstOrThrow()).id;
});
afterAll(() => app.close());

const phoneWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

/** Screenshots at 1280 and at 375 px, where the page must not scroll sideways (naming what sticks out if it does). */
async function bothWidths(name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-1280`);
  const { width, culprits } = await widthAtPhone(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, `${name}-375`);
  expect({ name, width, culprits }).toEqual({ name, width: expect.toSatisfy((w: number) => w <= 375), culprits: [] });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Each test in a browser context of its own, signed in as `email`. */
async function signedIn(email: string) {
  await page?.context().close();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, app.url, email);
  await page.getByTestId('header-authority').waitFor();
}

it('the Peninsula benchmark: SPC in Making Data Count words, funnel points labelled, the figures behind each chart', async () => {
  await signedIn('commissioner.devon@concord.example');
  await page.goto(`${app.url}/benchmark?partnership=${ids.peninsula}&kpi=SL-01&period=2026-09-01`);
  await page.getByTestId('benchmark-table').waitFor();
  await settled(page);

  const readings = page.getByTestId('spc-readings');
  const variation = (await readings.locator('li strong').first().textContent())!;
  expect(variation).toMatch(/^(Common cause variation|Special cause — (improvement|concern|unusually high|unusually low))$/);
  expect(await readings.locator('svg.concord-spc-icon').count()).toBeGreaterThan(0);
  expect(await page.locator('main').innerText()).not.toMatch(/special.cause.neither|common_cause|outside_limits|two_of_three/i);

  // Each chart's figures sit behind "Show the figures behind this chart": funnel (4 named points) and SPC (12 periods).
  const behind = page.locator('details', { hasText: 'Show the figures behind this chart' });
  expect(await behind.count()).toBe(2);
  for (const d of await behind.all()) await d.locator('summary').click();
  await expect.poll(() => page.getByTestId('funnel-table').getByRole('row').count()).toBe(5);
  await expect.poll(() => page.getByTestId('spc-table').getByRole('row').count()).toBe(13);
  const flags = await page.getByTestId('spc-table').locator('tbody td:nth-child(3)').allTextContents();
  for (const f of flags) expect(f).toMatch(/^(None|((Above|Below) the (upper|lower) process limit|Run of 6 or more (above|below) the mean|6 or more (rising|falling) in a row|2 of 3 close to the (upper|lower) limit)(; )?)+$/);

  // The funnel plot names its points (short names; the table gives them whole); the anonymised member is not among them.
  const funnel = page.locator('section', { has: page.getByRole('heading', { name: /^Funnel plot/ }) });
  const labels = await funnel.locator('.recharts-label-list text').allTextContents();
  expect([...labels].sort()).toEqual(['Cornwall', 'Devon', 'Plymouth', 'Torbay']);

  expect(await axeViolations(page)).toEqual([]);
  await bothWidths('benchmark-sl-01');
  // At 375 px the bar chart still draws its bars.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect.poll(() => page.locator('figure').first().locator('.recharts-bar-rectangle path').evaluateAll((bars) => bars.filter((b) => b.getBoundingClientRect().width > 2).length)).toBeGreaterThan(3);
  await page.setViewportSize({ width: 1280, height: 900 });
}, 180_000);

it('on a phone the navigation collapses behind a Menu button that opens it', async () => {
  await signedIn('commissioner.devon@concord.example');
  const nav = page.getByRole('navigation', { name: 'Menu' });
  const menu = nav.getByRole('button', { name: 'Menu' });
  expect(await menu.isVisible()).toBe(false);
  expect(await nav.getByRole('link', { name: 'Contracts' }).isVisible()).toBe(true);

  await page.setViewportSize({ width: 375, height: 800 });
  await menu.waitFor();
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  expect(await menu.getAttribute('aria-controls')).toBe('navigation');
  expect(await nav.getByRole('link', { name: 'Contracts' }).isVisible()).toBe(false);
  await screenshot(page, 'navigation-closed-375');
  await menu.click();
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  await nav.getByRole('link', { name: 'Contracts' }).waitFor();
  await screenshot(page, 'navigation-open-375');
  await nav.getByRole('link', { name: 'Contracts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contract register' }).waitFor();
  // Closed again on the new page.
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  expect(await phoneWidth()).toBeLessThanOrEqual(375);
}, 120_000);

it('the contract register, business case and options appraisal fit a phone', async () => {
  await signedIn('commissioner.plymouth@concord.example');
  for (const [name, path, heading] of [
    ['contract-register', '/contracts', 'Contract register'],
    ['business-case', `/business-cases/${ids.businessCase}`, null],
    ['options-appraisal', `/appraisals/${ids.appraisal}`, null],
  ] as const) {
    await page.goto(`${app.url}${path}`);
    await (heading ? page.getByRole('heading', { level: 1, name: heading }) : page.getByRole('heading', { level: 1 })).waitFor();
    await settled(page);
    await bothWidths(name);
  }
}, 300_000);

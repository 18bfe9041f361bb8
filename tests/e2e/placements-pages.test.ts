import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 14, item 3: the placements list is paged by the server (100 a page) with GOV.UK pagination, instead of asking
 * for the first 1,000. Leicestershire's demo data holds 1,775 placements: 18 pages. A filter starts again at page 1.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, app.url, 'commissioner.leicestershire@concord.example');
}, 120_000);
afterAll(() => app?.close());

const references = () => page.getByTestId('placement').evaluateAll((rows) => rows.map((r) => r.querySelector('th')?.textContent ?? ''));

it('100 placements a page, GOV.UK pagination, a filter back to page 1', async () => {
  await page.goto(`${app.url}/placements`);
  await page.getByTestId('placement-count').waitFor();
  expect(await page.getByTestId('placement-count').textContent()).toBe('1,775 placements, page 1 of 18.');
  await expect.poll(() => page.getByTestId('placement').count()).toBe(100);
  const first = await references();
  const pages = page.getByRole('navigation', { name: 'Pages' });
  expect(await pages.getByRole('link', { name: 'Page 18' }).count()).toBe(1);

  await pages.getByRole('link', { name: /Next/ }).click();
  await expect.poll(() => page.getByTestId('placement-count').textContent()).toBe('1,775 placements, page 2 of 18.');
  expect(new URL(page.url()).searchParams.get('page')).toBe('2');
  await expect.poll(async () => (await references())[0]).not.toBe(first[0]);
  const second = await references();
  expect(second).toHaveLength(100);
  expect(second.filter((r) => first.includes(r))).toEqual([]);
  await screenshot(page, 'placements-page-2');

  await page.setViewportSize({ width: 375, height: 812 });
  await pages.scrollIntoViewIfNeeded();
  await screenshot(page, 'placements-pages-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByLabel('Funding route').selectOption({ label: 'Direct Payment' });
  await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBeNull();
  // The previous page stays on screen until the filtered one arrives.
  await expect.poll(() => page.getByTestId('placement-count').textContent()).not.toContain('1,775');
  expect(await page.getByTestId('placement-count').textContent()).toMatch(/^[\d,]+ placements?(, page 1 of \d+)?\.$/);
}, 120_000);

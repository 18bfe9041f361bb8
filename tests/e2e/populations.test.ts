import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, screenshot, signInAs, type RunningApp } from './support/app.ts';

/**
 * Issue 6, item 3: the ONS population estimates behind per-head KPIs. Plymouth's commissioner finds them from
 * the KPI library, loads its 2023 row from the ONS MYE2 CSV (bad files refused beside the field, nothing
 * loaded), and sees the bands worked out; its viewer reads them with no form; the platform administrator
 * has them in the navigation.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

const PLYMOUTH = 'E06000026';
const DEVON = 'E10000008';

/** The ONS MYE2 persons layout with a title line above the header, as ONS publishes it. */
function mye(rows: { code: string; perYear: number; ninetyPlus: number; allAges?: number }[]): Buffer {
  const header = ['Code', 'Name', 'Geography', 'All ages', ...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
  const body = rows.map((r) => [r.code, `Area ${r.code}`, 'Unitary Authority', String(r.allAges ?? r.perYear * 90 + r.ninetyPlus), ...Array.from({ length: 90 }, () => String(r.perYear)), String(r.ninetyPlus)]);
  return Buffer.from(['Mid-2023 population estimates, persons', header.join(','), ...body.map((b) => b.join(','))].join('\n'));
}
const upload = (buffer: Buffer) => page.getByLabel('ONS file (CSV)').setInputFiles({ name: 'MYE2-persons-2023.csv', mimeType: 'text/csv', buffer });
const rows = () => page.getByTestId('population-row');
const plymouthRow = (year: number) => rows().filter({ hasText: 'Plymouth City Council (you)' }).filter({ hasText: String(year) });

it('Plymouth’s commissioner finds the estimates from the KPI library and loads its 2023 row', async () => {
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/kpis`);
  await page.getByRole('link', { name: 'population estimates' }).click();
  await page.getByRole('heading', { level: 1, name: 'Population estimates' }).waitFor();
  await expect.poll(() => plymouthRow(2021).count()).toBe(1);
  const before = await rows().count();

  // Nothing chosen: both fields named.
  await page.getByRole('button', { name: 'Load estimates' }).click();
  expect(await page.locator('#year-error').textContent()).toContain('Enter the year of the estimates, like 2023');
  expect(await page.locator('#populationFile-error').textContent()).toContain('Choose the ONS CSV file');

  // A row whose All ages is not the sum of its single years: refused naming the row, nothing loaded.
  await page.getByLabel('Year of the estimates').fill('2023');
  await upload(mye([{ code: PLYMOUTH, perYear: 3_000, ninetyPlus: 2_000, allAges: 999 }]));
  await page.getByRole('button', { name: 'Load estimates' }).click();
  await expect.poll(() => page.locator('#populationFile-error').textContent()).toContain('row 3, All ages: 999 is not the sum of the single years (272000)');
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('row 3, All ages');
  expect(await rows().count()).toBe(before);
  await screenshot(page, 'populations-refused');

  // The good file: only Plymouth's row is loaded (Devon's is another authority's), bands worked out.
  await upload(mye([
    { code: PLYMOUTH, perYear: 3_000, ninetyPlus: 2_000 },
    { code: DEVON, perYear: 9_000, ninetyPlus: 9_000 },
  ]));
  await page.getByRole('button', { name: 'Load estimates' }).click();
  await expect.poll(() => plymouthRow(2023).count()).toBe(1);
  expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Loaded 2023: 4 figures for 1 authority.');
  const cells = await plymouthRow(2023).locator('td').allTextContents();
  expect(cells.slice(0, 5)).toEqual(['2023', '272,000', '218,000', '77,000', '47,000']);
  expect(await rows().filter({ hasText: 'Devon County Council' }).filter({ hasText: '2023' }).count()).toBe(0);
  expect(await rows().count()).toBe(before + 1);
  await screenshot(page, 'populations-loaded');
});

it('Plymouth’s viewer reads the estimates with no form; the administrator has them in the navigation', async () => {
  const viewer = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(viewer, app.url, 'viewer.plymouth@concord.example');
  await viewer.getByTestId('header-authority').waitFor();
  await viewer.goto(`${app.url}/populations`);
  await expect.poll(() => viewer.getByTestId('population-row').count()).toBeGreaterThan(0);
  expect(await viewer.getByTestId('population-import').count()).toBe(0);
  expect(await viewer.getByRole('navigation').getByRole('link', { name: 'Populations' }).count()).toBe(0);

  const admin = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(admin, app.url, 'admin@concord.example');
  await admin.getByRole('navigation').getByRole('link', { name: 'Populations' }).click();
  await admin.getByTestId('population-import').waitFor();
  expect(await admin.getByTestId('population-import').textContent()).toContain('Every authority Concord knows is loaded from the file');
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, screenshot, signInAs, type RunningApp } from './support/app.ts';

/**
 * Issue 10, item 2: the platform administrator manages the authority registry. From the navigation they
 * register Manchester, Salford and Trafford (a code that is not a council's refused beside the field), see
 * them listed and found by search, import Bolton from the ONS file after a preview, and mark Trafford inactive.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

const rows = () => page.getByTestId('registry-row');

async function registerCouncil(code: string, name: string) {
  await page.getByRole('link', { name: 'Register a council' }).click();
  await page.getByRole('heading', { level: 1, name: 'Register a council' }).waitFor();
  await page.getByLabel('GSS code').fill(code);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Region').selectOption('North West');
  await page.getByRole('button', { name: 'Register council' }).click();
}

it('the platform administrator registers Manchester, Salford and Trafford and sees them listed', async () => {
  await signInAs(page, app.url, 'admin@concord.example');
  await page.getByRole('navigation').getByRole('link', { name: 'Authorities' }).click();
  await page.getByRole('heading', { level: 1, name: 'Manage authorities' }).waitFor();

  // A code with a space in it is not a GSS code: refused beside the field, nothing registered.
  await registerCouncil('E08 000003', 'Manchester City Council');
  await expect.poll(() => page.locator('#code-error').textContent()).toContain('E06, E08, E09 or E10 and 6 digits');
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('E06, E08, E09 or E10');
  await screenshot(page, 'registry-refused');
  await page.getByRole('button', { name: 'Cancel' }).click();

  for (const [code, name] of [
    ['E08000003', 'Manchester City Council'],
    ['E08000006', 'Salford City Council'],
    ['E08000009', 'Trafford Council'],
  ] as const) {
    await page.getByRole('heading', { level: 1, name: 'Manage authorities' }).waitFor();
    await registerCouncil(code, name);
    await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain(`${name} (${code}) is registered`);
    expect(await rows().first().textContent()).toContain('Metropolitan district');
    await page.goto(`${app.url}/authorities`);
  }

  await page.getByLabel('Name or code').fill('E08000');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => rows().allTextContents()).toHaveLength(6); // three new, Knowsley, Liverpool, Sefton
  const names = await rows().locator('th').allTextContents();
  expect(names.filter((n) => ['Manchester City Council', 'Salford City Council', 'Trafford Council'].includes(n))).toEqual(['Manchester City Council', 'Salford City Council', 'Trafford Council']);
  await screenshot(page, 'registry-listed');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'registry-listed-375');
  await page.setViewportSize({ width: 1280, height: 900 });
});

it('imports Bolton from the ONS file after a preview that writes nothing', async () => {
  const csv = [
    'Mid-2023 population estimates, persons',
    'Code,Name,Geography,All ages',
    'E12000002,NORTH WEST,Region,1',
    'E08000001,Bolton,Metropolitan District,1',
    'E08000003,Manchester City Council,Metropolitan District,1',
    'E07000040,East Devon,Non-metropolitan District,1',
  ].join('\n');
  await page.goto(`${app.url}/authorities`);
  await page.getByRole('link', { name: 'Import from the ONS file' }).click();
  await page.getByLabel('ONS file (CSV)').setInputFiles({ name: 'MYE2-persons-2023.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Preview import' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check the import' }).waitFor();
  expect(await page.getByTestId('import-summary').textContent()).toContain('1 to add, 0 to rename, 1 already registered');
  expect(await page.getByTestId('import-add').textContent()).toContain('Bolton');
  await screenshot(page, 'registry-import-preview');
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('Imported: 1 added, 0 renamed, 1 unchanged');
  await page.getByLabel('Name or code').fill('Bolton');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => rows().allTextContents()).toHaveLength(1);
});

it('marks Trafford inactive after a confirmation', async () => {
  await page.goto(`${app.url}/authorities?search=E08000009`);
  await page.getByRole('link', { name: 'Change Trafford Council' }).click();
  await page.getByRole('button', { name: 'Mark inactive' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mark Trafford Council inactive?' }).waitFor();
  await page.getByRole('button', { name: 'Mark inactive' }).click();
  await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('Trafford Council is marked inactive');
  expect(await rows().first().textContent()).toContain('Inactive');
  await screenshot(page, 'registry-inactive');
});

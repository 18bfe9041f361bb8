import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, item 4: an action that cannot be undone asks first and ends on a success banner, with no error
 * summary left beside it. Plymouth approves its submitted Shared Lives business case.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
});
afterAll(() => app.close());

const TITLE = 'Direct award of a new contract to Shared Lives South West';
const status = async () => (await app.connection.db.selectFrom('business_case').select('status').where('title', '=', TITLE).executeTakeFirstOrThrow()).status;

it('approving a business case asks first, can go back, and ends on a success banner with no stale error', async () => {
  await page.goto(`${app.url}/business-cases`);
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 2, name: 'Record the decision' }).waitFor();
  await page.fill('#decision-maker', 'People Reporting Group');
  await page.fill('#decision-reference', 'PRG-2023-09');
  // A wrong day first: the error summary is shown, nothing is asked.
  await page.getByRole('button', { name: 'Record approval' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.getByTestId('confirm-step').count()).toBe(0);

  await page.fill('#approved-on-day', '2');
  await page.fill('#approved-on-month', '10');
  await page.fill('#approved-on-year', '2023');
  await page.getByRole('button', { name: 'Record approval' }).click();
  const confirm = page.getByTestId('confirm-step');
  await confirm.waitFor();
  expect(await confirm.innerText()).toContain(`Approve “${TITLE}”?`);
  expect(await confirm.innerText()).toContain('Approval cannot be undone');
  expect(await page.locator('.govuk-error-summary').count()).toBe(0);
  expect(await status()).toBe('submitted');

  await confirm.getByRole('button', { name: 'Go back' }).click();
  await page.getByRole('button', { name: 'Record approval' }).waitFor();
  expect(await status()).toBe('submitted');

  await page.getByRole('button', { name: 'Record approval' }).click();
  await page.getByRole('button', { name: 'Yes, approve the business case' }).click();
  const banner = page.locator('.govuk-notification-banner--success');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('The business case is approved and frozen: decision PRG-2023-09.');
  expect(await page.locator('.govuk-error-summary').count()).toBe(0);
  await expect.poll(() => page.getByTestId('case-status').innerText()).toBe('Approved');
  expect(await status()).toBe('approved');
  expect(await page.title()).toBe(`${TITLE} – Concord`);
  await screenshot(page, 'business-case-approved');
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, openApp, type RunningApp } from './support/app.ts';

/**
 * The returns calendar covers a window of due dates (issue 14, item 3): by default 12 months back to 3 ahead, changed
 * with two GOV.UK date inputs, refused before asking when back to front or more than 5 years long.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

const fill = async (id: string, day: string, month: string, year: string) => {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
};

it('Plymouth sees the returns due in the last year and the next three months, and looks back to 2023', async () => {
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/returns`);
  await page.getByTestId('returns-calendar').waitFor();
  expect(await page.getByTestId('returns-window-text').textContent()).toMatch(/^Returns due from \d{1,2} \w+ 20\d\d to \d{1,2} \w+ 20\d\d\.$/);
  expect(await page.getByTestId('returns-calendar').textContent()).not.toContain('Aug 2023');

  await page.selectOption('#returns-kpi', 'SL-01');
  await page.getByText('Change the due dates').click();
  await fill('returns-from', '1', '1', '2023');
  await fill('returns-to', '31', '12', '2024');
  await page.getByRole('button', { name: 'Show these dates' }).click();
  await page.waitForURL(/from=2023-01-01&to=2024-12-31/);
  await expect.poll(() => page.getByTestId('returns-window-text').textContent()).toBe('Returns due from 1 January 2023 to 31 December 2024.');
  const august = page.getByTestId('returns-calendar').getByRole('row').filter({ hasText: 'Aug 2023' });
  await expect.poll(async () => (await august.first().textContent()) ?? '').toMatch(/SL-01.*Aug 2023.*30 September 2023.*Submitted.*13/);
  await screenshot(page, 'returns-window-2023');
});

it('a window of more than five years is refused against its last due date, before asking', async () => {
  await page.getByText('Change the due dates').click();
  await fill('returns-from', '1', '1', '2018');
  await fill('returns-to', '31', '12', '2024');
  await page.getByRole('button', { name: 'Show these dates' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose due dates at most 5 years apart');
  expect(await page.locator('#returns-to-error').textContent()).toContain('Choose due dates at most 5 years apart');
  expect(page.url()).toContain('from=2023-01-01&to=2024-12-31');
});

it('on a phone the window and the calendar fit 375 px', async () => {
  const phone = await app.browser.newPage({ viewport: { width: 375, height: 800 } });
  await signInAs(phone, app.url, 'commissioner.plymouth@concord.example');
  await phone.getByTestId('header-authority').waitFor();
  await phone.goto(`${app.url}/returns?from=2023-01-01&to=2024-12-31`);
  await phone.getByTestId('returns-calendar').waitFor();
  await phone.getByText('Change the due dates').click();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(phone, 'returns-window-375');
  await phone.close();
});

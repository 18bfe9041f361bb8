import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, item 2: the business case form takes its dates in GOV.UK day, month and year boxes (not ISO text
 * boxes) and its service type as a choice in words (not a typed code); what is saved is the day and the code.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
});
afterAll(() => app.close());

async function fillDate(id: string, day: string, month: string, year: string) {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
}

it('dates are day, month and year; the service type is chosen in words; both are saved as the API stores them', async () => {
  await page.goto(`${app.url}/business-cases`);
  await page.fill('#new-case-title', 'Home care for 2024/25');
  await page.getByRole('button', { name: 'Start a business case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home care for 2024/25' }).waitFor();
  const editor = page.getByTestId('case-editor');
  await editor.waitFor();
  expect(await editor.innerText()).not.toMatch(/YYYY-MM-DD|shared_lives|home_care/);
  const services = await page.locator('#case-service-type option').allInnerTexts();
  expect(services).toEqual(['None', 'Extra Care care and support', 'Supported living', 'Shared Lives', 'Home care', 'Residential and nursing care', 'Other']);
  await page.locator('#case-service-type').selectOption({ label: 'Home care' });

  // A date that is not a real one is refused before anything is sent.
  await fillDate('case-live-as-at', '31', '6', '2024');
  await page.getByRole('button', { name: 'Add a milestone' }).click();
  await page.fill('#milestone-0-activity', 'Contracts signed');
  await fillDate('milestone-0-date', '31', '3', '2025');
  await page.getByRole('button', { name: 'Save business case' }).click();
  expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the date to count placements on as a real date');
  expect(await page.title()).toMatch(/^Error: /);

  await fillDate('case-live-as-at', '1', '7', '2024');
  await page.getByRole('button', { name: 'Save business case' }).click();
  await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(0);
  await expect
    .poll(async () => {
      const row = await app.connection.db.selectFrom('business_case').select(['financial', 'milestones']).where('title', '=', 'Home care for 2024/25').executeTakeFirstOrThrow();
      return { service: row.financial.serviceType, liveAsAt: row.financial.liveAsAt, milestones: row.milestones };
    })
    .toEqual({ service: 'home_care', liveAsAt: '2024-07-01', milestones: [{ activity: 'Contracts signed', date: '2025-03-31' }] });

  // Opened again, the boxes show the days saved.
  await page.reload();
  await page.getByTestId('case-editor').waitFor();
  expect(await page.inputValue('#case-live-as-at-day')).toBe('1');
  expect(await page.inputValue('#case-live-as-at-month')).toBe('7');
  expect(await page.inputValue('#milestone-0-date-year')).toBe('2025');
  expect(await page.locator('#case-service-type').inputValue()).toBe('home_care');
});

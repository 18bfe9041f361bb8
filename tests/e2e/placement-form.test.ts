import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * One placement without a CSV file. Plymouth's commissioner adds a Shared Lives placement under the 2023
 * direct award, with the days it was requested and sourced: a weekly cost of "abc" and an end date before the
 * start are refused beside their fields, and a reference already used is refused by the API beside the
 * reference; then the placement is in the list. The commissioner corrects its weekly cost. Plymouth's viewer
 * is offered neither the Add button nor Change links, and the form's address tells them they cannot.
 */

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

const newPage = () => app.browser.newPage({ viewport: { width: 1400, height: 900 } });
const row = (reference: string) => page.getByTestId('placement').filter({ has: page.getByRole('rowheader', { name: reference, exact: true }) });

async function fillDate(id: string, day: string, month: string, year: string) {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
}

it('Plymouth’s commissioner adds a Shared Lives placement, refused first for a bad cost, dates and a used reference', async () => {
  page = await newPage();
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
  await page.goto(`${app.url}/placements`);
  expect(await page.getByTestId('placement-count').textContent()).toBe('18 placements.');
  await page.getByRole('button', { name: 'Add a placement' }).click();
  await page.getByRole('heading', { name: 'Add a placement' }).waitFor();
  expect(await page.locator('#reference-hint').textContent()).toContain('Your reference for the placement, not the person’s name');

  // A spot placement's provider is found by typing (the register can hold thousands), not picked from a list of all.
  await page.locator('#providerId').pressSequentially('shared li');
  const suggestion = page.locator('#providerId__listbox li', { hasText: 'Shared Lives South West' });
  await suggestion.waitFor();
  expect(await page.locator('#providerId__listbox li').count()).toBeLessThanOrEqual(20);
  await screenshot(page, 'placement-form-provider-chooser');
  await suggestion.click();
  expect(await page.locator('#providerId').inputValue()).toBe('Shared Lives South West');

  const contract = await app.connection.db.selectFrom('contract').select('id').where('reference', '=', 'PCC-SL-2023').executeTakeFirstOrThrow();
  await page.fill('#reference', 'PLY-SL-0001');
  await page.selectOption('#contractId', contract.id);
  expect(await page.getByTestId('contract-provider').textContent()).toContain('Shared Lives South West');
  await expect.poll(() => page.locator('#providerId').count()).toBe(0);
  await page.getByLabel('Shared Lives', { exact: true }).check();
  await page.fill('#locality', 'Plympton');
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByLabel('Council-commissioned', { exact: true }).check();
  await fillDate('startDate', '15', '9', '2025');
  await fillDate('endDate', '1', '9', '2025');
  await page.fill('#weeklyCost', 'abc');
  await page.fill('#weeklyHours', '20');
  await fillDate('requestedOn', '1', '9', '2025');
  await fillDate('sourcedOn', '5', '9', '2025');
  await page.getByRole('button', { name: 'Add placement' }).click();

  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('#weeklyCost-error').textContent()).toContain('The weekly cost must be an amount in pounds');
  expect(await page.locator('#endDate-error').textContent()).toContain('The end date (1 September 2025) cannot be before the start date (15 September 2025)');
  await expect.poll(() => page.locator('.govuk-error-summary__list li').count()).toBe(2);
  await screenshot(page, 'placement-form-errors');

  // The page lets these through; the API refuses a reference Plymouth already uses, beside the reference.
  await page.fill('#weeklyCost', '245.00');
  await fillDate('endDate', '', '', '');
  await page.getByRole('button', { name: 'Add placement' }).click();
  await page.locator('#reference-error').waitFor();
  expect(await page.locator('#reference-error').textContent()).toContain('PLY-SL-0001 is already a placement of your authority');
  await expect.poll(() => page.locator('#weeklyCost-error').count()).toBe(0);

  await page.fill('#reference', 'ply-sl-0100');
  await page.getByRole('button', { name: 'Add placement' }).click();
  await page.getByText('Placement PLY-SL-0100 was added.').waitFor();
  expect(new URL(page.url()).pathname).toBe('/placements');
  expect(await page.getByTestId('placement-count').textContent()).toBe('19 placements.');
  const added = row('PLY-SL-0100');
  await expect.poll(() => added.count()).toBe(1);
  const cells = await added.locator('td').allTextContents();
  expect(cells).toEqual(['PCC-SL-2023Shared Lives South West', 'Shared LivesCouncil-commissioned', 'PlymptonIn area', '15 September 2025ongoing', '£245.0020 hours', 'Change placement PLY-SL-0100']);
  await screenshot(page, 'placement-added');

  const saved = await app.connection.db
    .selectFrom('placement')
    .select(['contract_id', 'service_type', 'weekly_cost_pence', 'requested_on', 'sourced_on', 'start_date', 'end_date', 'in_area'])
    .where('reference', '=', 'PLY-SL-0100')
    .executeTakeFirstOrThrow();
  expect(saved).toEqual({
    contract_id: contract.id,
    service_type: 'shared_lives',
    weekly_cost_pence: 24_500,
    requested_on: '2025-09-01',
    sourced_on: '2025-09-05',
    start_date: '2025-09-15',
    end_date: null,
    in_area: true,
  });
});

it('Plymouth’s commissioner changes the placement’s weekly cost; its reference and service type stay fixed', async () => {
  await row('PLY-SL-0100').getByRole('link', { name: 'Change placement PLY-SL-0100' }).click();
  await page.getByRole('heading', { name: 'Change placement PLY-SL-0100' }).waitFor();
  expect(await page.inputValue('#weeklyCost')).toBe('245.00');
  expect(await page.inputValue('#sourcedOn-day')).toBe('5');
  await expect.poll(() => page.locator('#reference').count()).toBe(0);
  await expect.poll(() => page.locator('input[name="serviceType"]').count()).toBe(0);
  await screenshot(page, 'placement-change');

  await page.fill('#weeklyCost', '260.50');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Placement PLY-SL-0100 was changed.').waitFor();
  await expect.poll(() => row('PLY-SL-0100').locator('td').nth(4).textContent()).toBe('£260.5020 hours');
  expect(await page.getByTestId('placement-count').textContent()).toBe('19 placements.');
  const saved = await app.connection.db.selectFrom('placement').select(['weekly_cost_pence', 'sourced_on']).where('reference', '=', 'PLY-SL-0100').executeTakeFirstOrThrow();
  expect(saved).toEqual({ weekly_cost_pence: 26_050, sourced_on: '2025-09-05' });
});

it('Plymouth’s viewer sees the placements but no Add button or Change links', async () => {
  page = await newPage();
  await signInAs(page, app.url, 'viewer.plymouth@concord.example');
  await page.goto(`${app.url}/placements`);
  await page.getByTestId('placement-count').waitFor();
  expect(await page.getByTestId('placement-count').textContent()).toBe('19 placements.');
  await expect.poll(() => page.getByRole('button', { name: 'Add a placement' }).count()).toBe(0);
  await expect.poll(() => page.getByRole('link', { name: /^Change/ }).count()).toBe(0);
  await page.goto(`${app.url}/placements/new`);
  await page.getByRole('heading', { name: 'You cannot add or change placements' }).waitFor();
  await expect.poll(() => page.getByTestId('placement-form').count()).toBe(0);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { axeViolations } from './support/page-checks.ts';

/**
 * Issue 4's forms in the browser. Leicestershire exercises the first one-year extension option of a Help to
 * Live at Home lead contract and sees the new end date and the extension with what it adds. Plymouth raises the
 * Shared Lives weekly rate from 1 April 2024 under a recorded decision and sees the price change with its value
 * change; sets its Shared Lives budget for 2023/24 and adds a block payment, seeing the committed spend, forecast
 * and variance worked out again; ends a placement; a bad amount or date is refused inline naming the field. A viewer
 * sees none of the forms.
 */

const LEICESTERSHIRE = 'commissioner.leicestershire@concord.example';
const PLYMOUTH = 'commissioner.plymouth@concord.example';

let app: RunningApp;
let page: Page;
let lot1: { id: string; end_date: string; annual_value_pence: number; total_value_pence: number };
let sharedLives: { id: string };

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
  lot1 = await app.connection.db.selectFrom('contract').select(['id', 'end_date', 'annual_value_pence', 'total_value_pence']).where('reference', '=', 'LCC-HTLAH-L01').executeTakeFirstOrThrow();
  sharedLives = await app.connection.db.selectFrom('contract').select('id').where('reference', '=', 'PCC-SL-2023').executeTakeFirstOrThrow();
});
afterAll(() => app.close());

async function heading1(text: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

async function fillDate(id: string, day: string, month: string, year: string) {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
}

/** A summary list row's value. */
const summary = (testId: string) => page.getByTestId(testId).locator('dd').first().textContent();
const cell = (row: ReturnType<Page['getByTestId']>, n: number) => row.locator('td').nth(n).textContent();

it('Leicestershire exercises extension option 1 and sees the new end date and the extension with its value', async () => {
  await signInAs(page, app.url, LEICESTERSHIRE);
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/contracts/${lot1.id}`);
  await heading1(/Help to Live at Home lead provider: lot 1/);
  expect(await summary('contract-end')).toBe('6 November 2019');
  await expect.poll(() => page.getByTestId('variation').count()).toBe(0);

  await page.getByText('Decide extension option 1 (12 months)').click();
  expect(await page.getByTestId('extension-effect').textContent()).toContain('from 6 November 2019 to 6 November 2020 and adds £1,035,794.44 to the total value (366 days at £1,032,964.40 a year)');
  // Nothing recorded without the decision: the summary names each field.
  await page.getByRole('button', { name: 'Record the decision' }).first().click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose whether to exercise or decline option 1');
  expect(await page.locator('#extension-decisionReference-error').textContent()).toContain('Enter the decision reference');

  await page.getByRole('radio', { name: 'Exercise option 1' }).check();
  await page.fill('#extension-decisionReference', 'Cabinet, 18 June 2019, minute 12');
  await fillDate('extension-decidedOn', '18', '6', '2019');
  await page.fill('#extension-reason', 'Time to redesign the service with the CCGs before re-procuring');
  await screenshot(page, 'contract-forms-extension-form');
  await page.getByRole('button', { name: 'Record the decision' }).first().click();
  await page.getByText('Option exercised: LCC-HTLAH-L01 now ends on 6 November 2020.').waitFor();

  expect(await summary('contract-end')).toBe('6 November 2020');
  await expect.poll(() => page.getByTestId('variation').count()).toBe(1);
  const variation = page.getByTestId('variation');
  expect(await variation.locator('th').innerText()).toBe('Extension (an option in the contract)\nEffective 7 November 2019');
  expect(await cell(variation, 0)).toBe('End 6 November 2019 → 6 November 2020');
  // A year of the annual value (366 days to 6 November 2020 ÷ 365).
  const adds = Math.round((lot1.annual_value_pence * 366) / 365);
  const pounds = (p: number) => `£${(p / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  expect(await cell(variation, 1)).toBe(pounds(adds));
  expect(await summary('contract-total-value')).toBe(pounds(lot1.total_value_pence + adds));
  await expect.poll(async () => (await page.getByTestId('extension-option').first().textContent()) ?? '').toContain('Exercised');
  await screenshot(page, 'contract-forms-extension');
});

it('Plymouth records a rate change: the new weekly rate joins the rate card and the price change shows its value', async () => {
  page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signInAs(page, app.url, PLYMOUTH);
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/contracts/${sharedLives.id}`);
  await heading1(/Shared Lives: direct award/);
  await expect.poll(() => page.getByTestId('contract-rate').count()).toBe(1);

  await page.getByText('Record a rate change').click();
  expect(await page.locator('label[for="rate-0-rate"]').textContent()).toBe('Long-term placement (average), per week');
  expect(await page.locator('#rate-0-rate-hint').textContent()).toBe('Now £245.00');
  await page.getByRole('button', { name: 'Add a new band' }).click();
  await page.fill('#rate-1-band', 'Short break');
  await page.selectOption('#rate-1-unit', 'night');
  await page.fill('#rate-1-rate', '85');
  await fillDate('rate-effectiveOn', '1', '4', '2024');
  await page.fill('#rate-0-rate', '260.0O');
  await page.fill('#rate-newAnnualValue', '420,000');
  await page.fill('#rate-justification', 'Carer rate raised to keep and recruit Shared Lives carers (business case option 2)');
  await page.fill('#rate-legalBasis', 'Contract clause 9, annual price review');
  await page.fill('#rate-decisionReference', 'People Reporting Group, 12 March 2024');
  await fillDate('rate-decidedOn', '12', '3', '2024');
  await page.getByRole('button', { name: 'Record rate change' }).click();
  // A bad amount is refused inline, naming the field.
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('#rate-0-rate-error').textContent()).toBe('Error: The new Long-term placement (average) rate must be an amount in pounds, like 1,250.00');
  await screenshot(page, 'contract-forms-rate-change-error');

  await page.fill('#rate-0-rate', '260.00');
  await page.getByRole('button', { name: 'Record rate change' }).click();
  await page.getByText(/^Rate change recorded: £[\d,.]+ more over the rest of the contract\.$/).waitFor();

  await expect.poll(() => page.getByTestId('contract-rate').count()).toBe(3);
  const rates = await page.getByTestId('contract-rate').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent)));
  expect(rates).toEqual([
    ['Long-term placement (average)', 'per week', '£260.00', '1 April 2024'],
    ['Short break', 'per night', '£85.00', '1 April 2024'],
    ['Long-term placement (average)', 'per week', '£245.00', '4 September 2023'],
  ]);
  expect(await summary('contract-rates-reviewed')).toBe('12 March 2024');

  const variation = page.getByTestId('variation');
  await expect.poll(() => variation.count()).toBe(1);
  expect(await variation.locator('th').innerText()).toBe('Price change\nEffective 1 April 2024');
  expect(await cell(variation, 0)).toBe('Annual value £403,589.00 → £420,000.00');
  // £16,411 a year more for the 548 days from 1 April 2024 to 30 September 2025.
  expect(await cell(variation, 1)).toBe('£24,638.98');
  expect(await variation.locator('td').nth(2).innerText()).toBe('Carer rate raised to keep and recruit Shared Lives carers (business case option 2)\nLegal basis: Contract clause 9, annual price review');
  expect(await cell(variation, 3)).toBe('People Reporting Group, 12 March 2024, 12 March 2024');
  expect(await summary('contract-annual-value')).toBe('£420,000.00');
  await screenshot(page, 'contract-forms-rate-change');
});

it('Plymouth sets its Shared Lives budget and adds a block payment, and sees the spend, forecast and variance worked out again', async () => {
  await page.goto(`${app.url}/budgets`);
  await heading1('Budgets');
  await page.selectOption('#financialYear', '2023');
  const row = page.getByTestId('budget-row').filter({ hasText: 'Shared Lives' });
  // The row is there for the default year before 2023/24 has loaded: wait for 2023/24's budget.
  await expect.poll(() => cell(row, 0)).toBe('£403,589.00');
  const spentBefore = await cell(row, 1);
  const committedBefore = await cell(row, 2);
  const forecastBefore = await cell(row, 3);
  const varianceBefore = await cell(row, 4);

  await page.getByText('Set a budget').click();
  await page.selectOption('#budget-serviceType', 'shared_lives');
  expect(await page.locator('#budget-financialYear').inputValue()).toBe('2023');
  // Too large for the API: its message lands on the field.
  await page.fill('#budget-amount', '200,000,000,000');
  await page.getByRole('button', { name: 'Set budget' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('#budget-amount-error').textContent()).toBe('Error: The budget must not be more than £1,000,000,000.00');

  await page.fill('#budget-amount', '425,000');
  await page.getByRole('button', { name: 'Set budget' }).click();
  await page.getByText('Budget set: Shared Lives 2023/24, £425,000.00.').waitFor();
  await expect.poll(() => cell(row, 0)).toBe('£425,000.00');
  const varianceAfterBudget = await cell(row, 4);
  expect(money(varianceAfterBudget) - money(varianceBefore)).toBe(2_141_100);

  await page.getByText('Add a block payment').click();
  await page.selectOption('#block-serviceType', 'shared_lives');
  await page.locator('#block-contract option', { hasText: 'PCC-SL-2023' }).waitFor({ state: 'attached' });
  await page.selectOption('#block-contract', { label: 'PCC-SL-2023: Shared Lives: direct award to Shared Lives South West, 2 years' });
  await page.fill('#block-description', 'Carer recruitment campaign');
  await page.fill('#block-amount', '5,000.5.0');
  await fillDate('block-dueOn', '1', '2', '2024');
  await page.getByRole('button', { name: 'Add block payment' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('#block-amount-error').textContent()).toBe('Error: The amount must be an amount in pounds, like 1,250.00');
  await screenshot(page, 'contract-forms-block-payment-error');

  await page.fill('#block-amount', '5,000.50');
  await page.getByRole('button', { name: 'Add block payment' }).click();
  await page.getByText('Block payment added: £5,000.50 due 1 February 2024, counted in 2023/24.').waitFor();
  // 2023/24 is over, so the payment is spent to date (nothing is left committed): the forecast outturn rises and the variance falls by it.
  await expect.poll(async () => money(await cell(row, 1)) - money(spentBefore)).toBe(500_050);
  expect(await cell(row, 2)).toBe(committedBefore);
  expect(money(await cell(row, 3)) - money(forecastBefore)).toBe(500_050);
  expect(money(varianceAfterBudget) - money(await cell(row, 4))).toBe(500_050);
  const payment = page.getByTestId('block-payment').filter({ hasText: 'Carer recruitment campaign' });
  await payment.waitFor();
  expect(await payment.getByRole('link').textContent()).toBe('PCC-SL-2023');
  expect(await cell(payment, 3)).toBe('£5,000.50');
  await screenshot(page, 'contract-forms-budgets');
});

it('Plymouth ends a placement under the contract; an end before its start is refused on the date', async () => {
  await page.goto(`${app.url}/contracts/${sharedLives.id}`);
  await heading1(/Shared Lives: direct award/);
  const placement = page.getByTestId('contract-placement').filter({ hasText: 'PLY-SL-0013' });
  expect(await cell(placement, 3)).toBe('Ongoing');
  await page.getByText('End a placement').click();
  await page.selectOption('#end-placement', { label: 'PLY-SL-0013, from 31 December 2021' });
  await fillDate('end-placement-date', '30', '12', '2021');
  await page.getByRole('button', { name: 'End placement' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('#end-placement-date-error').textContent()).toMatch(/^Error: The end date \((30 December 2021|2021-12-30)\) cannot be before the start date \((31 December 2021|2021-12-31)\)$/);
  await expect.poll(() => page.locator('.govuk-error-summary a[href="#end-placement-date-day"]').count()).toBe(1);

  await fillDate('end-placement-date', '31', '3', '2025');
  await page.getByRole('button', { name: 'End placement' }).click();
  await page.getByText('Placement PLY-SL-0013 ends on 31 March 2025.').waitFor();
  await expect.poll(() => cell(placement, 3)).toBe('31 March 2025');
  await expect.poll(() => page.locator('#end-placement option', { hasText: 'PLY-SL-0013' }).count()).toBe(0);
});

it('Leicestershire terminates the extended lot 1 contract early: the effect shown as the date is typed, the decision required, then Terminated', async () => {
  const leicestershire = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page = leicestershire;
  await signInAs(page, app.url, LEICESTERSHIRE);
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/contracts/${lot1.id}`);
  await heading1(/Help to Live at Home lead provider: lot 1/);
  expect(await summary('contract-end')).toBe('6 November 2020');
  const before = money(await summary('contract-total-value'));
  await page.getByText('Terminate this contract').click();
  // A day after the end is the end-of-term decision's business, said as the date is typed.
  await fillDate('termination-terminatedOn', '7', '11', '2020');
  await expect.poll(() => page.getByTestId('termination-effect').textContent()).toBe('LCC-HTLAH-L01 already ends on 6 November 2020: record what happens at the end of its term instead');
  // 31 March 2020: 220 days to 6 November 2020 are not bought.
  await fillDate('termination-terminatedOn', '31', '3', '2020');
  const cut = Math.round((lot1.annual_value_pence * 220) / 365);
  const pounds = (p: number) => `£${(p / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  await expect.poll(() => page.getByTestId('termination-effect').textContent()).toBe(`Ending on 31 March 2020 instead of 6 November 2020 cuts 220 days and takes ${pounds(cut)} off the total value.`);
  await page.getByRole('button', { name: 'Terminate the contract' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('#termination-justification-error').textContent()).toContain('Enter the justification');
  expect(await page.locator('#termination-decisionReference-error').textContent()).toContain('Enter the decision reference');

  await page.fill('#termination-justification', 'The lead provider handed back the lot; the CCGs and the council recommission it');
  await page.fill('#termination-legalBasis', 'Clause 31 (termination by agreement)');
  await page.fill('#termination-decisionReference', 'Cabinet, 17 March 2020, minute 8');
  await fillDate('termination-decidedOn', '17', '3', '2020');
  await page.getByRole('button', { name: 'Terminate the contract' }).click();
  await page.getByText('LCC-HTLAH-L01 is terminated: it ends on 31 March 2020.').waitFor();
  await expect.poll(() => summary('contract-end')).toBe('31 March 2020');
  expect(money(await summary('contract-total-value'))).toBe(before - cut);
  const termination = page.getByTestId('variation').filter({ hasText: 'Termination (ended early)' });
  await expect.poll(() => termination.count()).toBe(1);
  expect(await cell(termination, 0)).toBe('End 6 November 2020 → 31 March 2020');
  expect(await page.getByTestId('termination-form').count()).toBe(0);
  await screenshot(page, 'contract-forms-terminated');
});

it('a viewer reads the contract and budgets but is offered none of the forms', async () => {
  page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signInAs(page, app.url, 'viewer.plymouth@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/contracts/${sharedLives.id}`);
  await heading1(/Shared Lives: direct award/);
  await expect.poll(() => page.getByTestId('variation').count()).toBe(1);
  for (const form of ['rate-change-form', 'end-decision-form', 'termination-form', 'variation-form', 'end-placement-form']) await expect.poll(() => page.getByTestId(form).count()).toBe(0);
  await page.goto(`${app.url}/budgets`);
  await heading1('Budgets');
  await page.getByTestId('budget-row').first().waitFor();
  for (const form of ['set-budget-form', 'block-payment-form']) await expect.poll(() => page.getByTestId(form).count()).toBe(0);
});

it('the variations read without sideways scrolling at 1280 px, and on a phone the page does not scroll sideways', async () => {
  // The longest justification and legal basis the form takes in practice, with a long unbroken reference in each.
  const long = (what: string) => `${what}: ${'the partnership board agreed the change after consulting carers and the provider; '.repeat(4)}https://democracy.plymouth.gov.uk/ieListDocuments.aspx?CId=1234&MId=56789&Ver=4`;
  await app.connection.db.updateTable('contract_variation').set({ justification: long('Justification'), legal_basis: long('Regulation 72(1)(c)') }).where('contract_id', '=', sharedLives.id).execute();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, app.url, PLYMOUTH);
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/contracts/${sharedLives.id}`);
  await heading1(/Shared Lives: direct award/);
  const variation = page.getByTestId('variation');
  await expect.poll(() => variation.count()).toBe(1);
  expect(await variation.locator('td').nth(2).innerText()).toBe(`${long('Justification')}\nLegal basis: ${long('Regulation 72(1)(c)')}`);
  const box = page.getByRole('region', { name: 'Variations' });
  const widths = () => box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  const at1280 = await widths();
  expect(at1280.client).toBeGreaterThan(900);
  expect(at1280.scroll).toBeLessThanOrEqual(at1280.client);
  expect(await axeViolations(page)).toEqual([]);
  await box.scrollIntoViewIfNeeded();
  await screenshot(page, 'contract-variations-1280');

  await page.setViewportSize({ width: 375, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // The justification keeps a readable column (the box scrolls instead) rather than a word a line.
  expect((await variation.locator('td').nth(2).boundingBox())!.width).toBeGreaterThanOrEqual(150);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'contract-variations-375');
});

/** '−£1,234.56' → −123456 */
function money(text: string | null): number {
  const m = /^(−|-)?£([\d,]+)\.(\d{2})/.exec(text ?? '');
  if (!m) throw new Error(`not money: ${text}`);
  const pence = Number(m[2]!.replace(/,/g, '')) * 100 + Number(m[3]);
  return m[1] ? -pence : pence;
}

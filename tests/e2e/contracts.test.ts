import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 4 in the browser: Kent's contract register with its warnings, sorted and filtered; Kent continues its
 * eight home care contracts to 31 May 2019 and sees the £7,095,568.31 they add before confirming; the contract
 * then shows the continuation. Plymouth's placements, market view and budgets (with the uplift calculator) read.
 */

const KENT = 'commissioner.kent@concord.example';
const PLYMOUTH = 'commissioner.plymouth@concord.example';

let app: RunningApp;
let page: Page;
let homeCare: { id: string; reference: string }[] = [];

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const kent = await app.connection.db.selectFrom('authority').select('id').where('name', 'ilike', '%Kent%').executeTakeFirstOrThrow();
  homeCare = await app.connection.db
    .selectFrom('contract')
    .select(['id', 'reference'])
    .where('authority_id', '=', kent.id)
    .where('service_type', '=', 'home_care')
    .orderBy('reference')
    .execute();
});
afterAll(() => app.close());

async function heading1(text: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

it('Kent reads its register with warnings linking to contracts, sorts by reference and filters by service type', async () => {
  expect(homeCare).toHaveLength(8);
  await signInAs(page, app.url, KENT);
  await page.getByTestId('header-authority').waitFor();
  await page.getByRole('link', { name: 'Contracts', exact: true }).first().click();
  await heading1('Contract register');
  expect(await page.title()).toBe('Contract register – Concord');
  await page.getByTestId('contract').first().waitFor();
  await page.getByTestId('contract-warnings').waitFor();
  const warnings = page.getByTestId('contract-warning');
  expect(await warnings.count()).toBeGreaterThan(0);
  expect(await warnings.first().getByRole('link').getAttribute('href')).toMatch(/^\/contracts\/[0-9a-f-]{36}$/);

  await page.selectOption('#serviceType', 'home_care');
  await page.getByTestId('register-totals').filter({ hasText: '8 contracts' }).waitFor();
  expect(await page.getByTestId('register-totals').textContent()).toContain('£33,632,993.52 a year');
  await page.getByTestId('sort-reference').click();
  await page.getByTestId('sort-reference').click();
  await page.getByTestId('sort-reference').filter({ hasText: 'sorted descending' }).waitFor();
  const refs = await page.getByTestId('contract').locator('th').allTextContents();
  expect(refs).toEqual(homeCare.map((c) => c.reference).reverse());
  await screenshot(page, 'contracts-register');
});

it('Kent chooses its eight home care contracts and 31 May 2019, sees £7,095,568.31 added before confirming, then confirms', async () => {
  await page.getByRole('link', { name: 'Continue contracts' }).first().click();
  await heading1('Continue contracts');
  for (const c of homeCare) await page.getByTestId(`choose-${c.reference}`).check();
  await page.fill('#commonEndDate-day', '31');
  await page.fill('#commonEndDate-month', '5');
  await page.fill('#commonEndDate-year', '2019');
  await page.getByTestId('continuation-total').waitFor();
  expect(await page.getByTestId('continuation-total').textContent()).toBe('£7,095,568.31');
  expect(await page.getByTestId('continuation-line').count()).toBe(9);
  await screenshot(page, 'contracts-continuation-preview');

  // Nothing is recorded without the decision: the error summary takes focus.
  await page.getByTestId('confirm-continuation').click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.title()).toBe('Error: Continue contracts – Concord');

  await page.fill('#justification', 'Align Homecare contracts to one end date for the Phase 3 transformation');
  await page.fill('#legalBasis', 'Continuation outside competition; legal advice in the exempt appendix');
  await page.fill('#decisionReference', 'Cabinet Member decision 17/00030b');
  await page.fill('#decidedOn-day', '20');
  await page.fill('#decidedOn-month', '6');
  await page.fill('#decidedOn-year', '2017');
  await page.getByTestId('confirm-continuation').click();
  await page.getByText('8 contracts continued to 31 May 2019, adding £7,095,568.31.').waitFor();

  await page.goto(`${app.url}/contracts/${homeCare[0]!.id}`);
  await heading1(/.+/);
  await page.getByTestId('variation').first().waitFor();
  expect(await page.getByTestId('variation').last().textContent()).toContain('Cabinet Member decision 17/00030b');
  expect(await page.getByTestId('contract-end').textContent()).toContain('31 May 2019');
  await screenshot(page, 'contracts-detail');
});

it('Plymouth reads its placements, market view and budgets, and works out an uplift', async () => {
  const plymouth = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page = plymouth;
  await signInAs(page, app.url, PLYMOUTH);
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/placements`);
  await heading1('Placements');
  await page.getByTestId('placement-count').waitFor();
  expect(await page.getByTestId('placement').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('placement').first().textContent()).not.toMatch(/\b(Mr|Mrs|Ms)\b/);

  // A bad file: every problem by row, and nothing imported.
  await page.setInputFiles('#placementsFile', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('reference,provider\nX,Nobody\n') });
  await page.getByRole('button', { name: 'Import placements' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await page.getByTestId('nothing-imported').waitFor();
  expect(await page.getByTestId('import-problem').count()).toBeGreaterThan(0);
  await screenshot(page, 'contracts-placements');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  expect((await download).suggestedFilename()).toMatch(/^placements-\d{4}-\d{2}-\d{2}\.xlsx$/);

  await page.goto(`${app.url}/market`);
  await heading1('Market view');
  await page.getByTestId('service-market').waitFor();
  expect(await page.getByTestId('market-provider').count()).toBeGreaterThan(0);
  await screenshot(page, 'contracts-market');

  await page.goto(`${app.url}/budgets`);
  await heading1('Budgets');
  await page.selectOption('#financialYear', '2023');
  await page.getByTestId('budget-row').first().waitFor();
  await page.selectOption('#upliftServiceType', 'shared_lives');
  await page.fill('#risePercent', '5');
  await page.selectOption('#startMonth', '10');
  await page.getByRole('button', { name: 'Work out the cost' }).click();
  await page.getByTestId('uplift-full-year').waitFor();
  expect(await page.getByTestId('uplift-full-year').textContent()).toMatch(/£[\d,]+\.\d{2}/);
  await screenshot(page, 'contracts-budgets');
});

import { PLYMOUTH_SHARED_LIVES_APPRAISAL } from '@concord/domain';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 7 in the browser: Plymouth's commissioner builds seed 000's options appraisal from scratch in the grid,
 * watches the totals come out 6 / 9 / 15 / 21 as the scores go in, and sees option 4 recommended; then opens the
 * seeded Shared Lives business case: the preview, the risk register with its heat map and the raised flag.
 */
const SHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));
const COMMISSIONER = 'commissioner.plymouth@concord.example';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signInAs(page, app.url, COMMISSIONER);
  await page.getByTestId('header-authority').waitFor();
});
afterAll(() => app.close());

async function h1(text: string) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

it('builds the Shared Lives options appraisal in the grid and recommends option 4', async () => {
  await page.getByRole('link', { name: 'Business cases', exact: true }).click();
  await h1('Business cases');
  await page.fill('#new-appraisal-title', 'Shared Lives options (built in the browser)');
  await page.getByRole('button', { name: 'Start an options appraisal' }).click();
  await h1('Shared Lives options (built in the browser)');

  for (const option of PLYMOUTH_SHARED_LIVES_APPRAISAL.options) {
    await page.fill('#new-option', option.name);
    await page.getByRole('button', { name: 'Add option' }).click();
  }
  for (const criterion of PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria) {
    await page.fill('#new-criterion', criterion.name);
    await page.fill('#new-criterion-question', criterion.question);
    await page.getByRole('button', { name: 'Add criterion' }).click();
  }
  await expect.poll(() => page.getByTestId('score').count()).toBe(36);
  expect(await page.getByTestId('recommendation').textContent()).toContain('36 scores still to enter');

  const options = PLYMOUTH_SHARED_LIVES_APPRAISAL.options;
  const criteria = PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria;
  for (const s of PLYMOUTH_SHARED_LIVES_APPRAISAL.scores) {
    const option = options.find((o) => o.id === s.optionId)!.name;
    const criterion = criteria.find((c) => c.id === s.criterionId)!.name;
    await page.getByLabel(`Score for ${option} against ${criterion}`, { exact: true }).selectOption(String(s.score));
  }
  expect(await page.getByTestId('total').allTextContents()).toEqual(['6', '9', '15', '21']);
  expect(await page.getByTestId('rank').allTextContents()).toEqual(['4', '3', '2', '1']);
  const recommendation = await page.getByTestId('recommendation').textContent();
  expect(recommendation).toContain('Recommended: Option 4: Extend existing arrangements with current provider');
  expect(recommendation).toContain('21 out of 27');

  // Live: lower one score of option 4 and the total moves at once.
  await page.getByLabel('Score for Extend existing arrangements with current provider against User benefit', { exact: true }).selectOption('2');
  expect((await page.getByTestId('total').allTextContents())[3]).toBe('20');
  await page.getByLabel('Score for Extend existing arrangements with current provider against User benefit', { exact: true }).selectOption('3');

  await page.getByRole('button', { name: 'Save appraisal' }).click();
  await page.getByTestId('saved').waitFor();
  await screenshot(page, 'business-case-appraisal-grid');

  // Saved on the server: the list says what it recommends.
  await page.getByRole('link', { name: 'Business cases', exact: true }).first().click();
  await h1('Business cases');
  await page.getByTestId('appraisals').getByText('Shared Lives options (built in the browser)').waitFor();
  expect(await page.getByTestId('appraisals').textContent()).toContain('recommends Extend existing arrangements with current provider');
});

it('starts a business case, links the appraisal and enters the money: the preview recommends option 4', async () => {
  await page.fill('#new-case-title', 'Shared Lives direct award (built in the browser)');
  await page.getByRole('button', { name: 'Start a business case' }).click();
  await h1('Shared Lives direct award (built in the browser)');
  await page.getByLabel('Options appraisal', { exact: true }).selectOption({ label: 'Shared Lives options (built in the browser)' });
  await page.fill('#case-budget-year', '2023/24');
  await page.fill('#case-budget', '403,589');
  await page.fill('#case-term', '2');
  await page.fill('#case-contract-value', '807178');
  await page.getByRole('button', { name: 'Add a milestone' }).click();
  await page.fill('#milestone-0-activity', 'Contract go live');
  // GOV.UK day, month and year inputs (issue 13, item 2).
  await page.fill('#milestone-0-date-day', '1');
  await page.fill('#milestone-0-date-month', '10');
  await page.fill('#milestone-0-date-year', '2023');
  await page.getByRole('button', { name: 'Save business case' }).click();
  await page.getByTestId('preview').getByText('£807,178').waitFor();
  const preview = await page.getByTestId('preview').textContent();
  expect(preview).toContain('Option 4: Extend existing arrangements with current provider is progressed');
  expect(preview).toContain('£403,589');
  expect(preview).toContain('1 October 2023');
  expect(await page.getByTestId('case-status').textContent()).toBe('Draft');

  // The uplift of the paper (11.5% and one more paid week from October 2023), costed on Plymouth's
  // placements exactly as the budgets calculator costs them: 13 placements, £11,300.51 (issue 13).
  const serviceType = page.locator('#case-service-type');
  if ((await serviceType.evaluate((e) => e.tagName)) === 'SELECT') await serviceType.selectOption('shared_lives');
  else await serviceType.fill('shared_lives');
  await page.fill('#case-uplift-rise', '11.5');
  await page.fill('#case-uplift-weeks', '1');
  await page.selectOption('#case-uplift-month', { label: 'October' });
  await page.fill('#case-financial-year', '2023');
  await page.getByRole('button', { name: 'Save business case' }).click();
  await page.getByTestId('preview').getByText('£11,300.51').waitFor();
  expect(await page.getByTestId('preview').textContent()).toContain('Uplift costed on our 13 placements running on 1 October 2023 (as the budgets calculator costs them)');
  // The paper's nearest reading: the whole extra week in the part year, at the current rate.
  await page.locator('#case-extraWeeksInPartYear-2').check();
  await page.locator('#case-extraWeeksAt-2').check();
  await page.getByRole('button', { name: 'Save business case' }).click();
  await page.getByTestId('preview').getByText('£12,709.84').waitFor();
  await screenshot(page, 'business-case-uplift-1280');
  await page.getByRole('link', { name: 'Business cases', exact: true }).first().click();
  await h1('Business cases');
});

it("shows Plymouth's submitted Shared Lives case: preview, exports, risk register, heat map and the raised flag", async () => {
  await page.getByRole('link', { name: 'Direct award of a new contract to Shared Lives South West' }).click();
  await h1('Direct award of a new contract to Shared Lives South West');
  expect(await page.getByTestId('case-status').textContent()).toBe('Submitted');
  const preview = await page.getByTestId('preview').textContent();
  expect(preview).toContain('Option 4: Extend existing arrangements with current provider is progressed');
  expect(preview).toContain('£807,178');
  expect(preview).toContain('£403,589');
  expect(preview).toContain('1 October 2023');
  // The calculator's figure for the paper's uplift (issue 13), beside the £12,500 the paper states.
  expect(preview).toContain('£11,300.51');
  expect(preview).toContain('£12,500');
  await expect.poll(() => page.getByTestId('risk').count()).toBe(5);
  await expect.poll(() => page.getByTestId('raised-flag').count()).toBe(1);
  expect(await page.getByTestId('heat-map-before').textContent()).toContain('Red');
  expect(await page.getByTestId('export-pdf').isEnabled()).toBe(true);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-docx').click();
  expect((await download).suggestedFilename()).toMatch(/\.docx$/);
  await screenshot(page, 'business-case-plymouth');
  mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('risk-register').screenshot({ path: `${SHOTS}/business-case-plymouth-risks.png` });
  await page.getByTestId('preview').screenshot({ path: `${SHOTS}/business-case-plymouth-preview.png` });
});

it("shows Sefton's Extra Care demand model with its chart", async () => {
  const sefton = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(sefton, app.url, 'commissioner.sefton@concord.example');
  await sefton.getByTestId('header-authority').waitFor();
  await sefton.getByRole('link', { name: 'Business cases', exact: true }).click();
  await sefton.getByRole('link', { name: 'Extra Care and specialised housing for people aged 75+' }).click();
  await sefton.getByTestId('demand-table').waitFor();
  const table = await sefton.getByTestId('demand-table').textContent();
  for (const figure of ['1,794', '449', '897', '179', '2,514', '629', '1,257', '251']) expect(table).toContain(figure);
  await sefton.getByTestId('demand-chart').locator('svg').first().waitFor();
  await screenshot(sefton, 'business-case-demand-sefton');
  await sefton.close();
});

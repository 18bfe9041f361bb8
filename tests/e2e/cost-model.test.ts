import { computeCostModel, formatPence } from '@concord/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 5 in the browser: the Tripartite lead changes a figure of its Extra Care model's draft and sees the rate
 * move, worked out in the browser by the domain; Plymouth compares its Shared Lives carer rate across the
 * Peninsula (2.8% to 12.3% less); a partner reads the model but cannot change it.
 */

const LEAD = 'commissioner.liverpool@concord.example';
const PARTNER = 'commissioner.sefton@concord.example';
const PLYMOUTH = 'commissioner.plymouth@concord.example';
const EXTRA_CARE = 'Tripartite Extra Care cost model';

let app: RunningApp;
let page: Page;
let modelId = '';
let peninsula = '';
let draftParameters: { schemes: Record<string, unknown>[] };

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const model = await app.connection.db.selectFrom('cost_model').select('id').where('name', '=', EXTRA_CARE).executeTakeFirstOrThrow();
  modelId = model.id;
  const v2 = await app.connection.db.selectFrom('cost_model_version').select('parameters').where('cost_model_id', '=', modelId).where('version', '=', 2).executeTakeFirstOrThrow();
  draftParameters = (typeof v2.parameters === 'string' ? JSON.parse(v2.parameters) : v2.parameters) as typeof draftParameters;
  peninsula = (await app.connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => app.close());

async function heading1(text: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

it('the Tripartite lead edits the draft Extra Care model and sees the rate move as they type, then saves', async () => {
  await signInAs(page, app.url, LEAD);
  await page.getByTestId('header-authority').waitFor();
  await page.getByRole('link', { name: 'Cost models', exact: true }).first().click();
  await heading1('Cost models');
  expect(await page.title()).toBe('Cost models – Concord');
  await expect.poll(() => page.getByRole('button', { name: 'Create a model' }).count()).toBe(1);
  await page.getByRole('link', { name: EXTRA_CARE }).click();
  await heading1(EXTRA_CARE);
  await page.getByRole('button', { name: 'Edit draft version 2' }).click();
  await page.getByRole('heading', { name: 'Edit draft version 2' }).waitFor();
  expect(await page.title()).toBe(`Edit version 2 – ${EXTRA_CARE} – Concord`);

  const bootle = page.getByTestId('live-breakdown').getByTestId('breakdown').first();
  const before = computeCostModel('extra_care', draftParameters).rates[0]!;
  expect(await bootle.getByTestId('breakdown-total').textContent()).toBe(formatPence(before.ratePence));

  // Bootle's day hours from 420 to 400: the domain's own figure for the new input appears without saving.
  const changed = { schemes: draftParameters.schemes.map((s, i) => (i === 0 ? { ...s, dayHoursPerWeek: 400 } : s)) };
  const after = computeCostModel('extra_care', changed).rates[0]!;
  expect(after.ratePence).not.toBe(before.ratePence);
  expect(formatPence(after.ratePence)).toBe('£8,630.00');
  await page.fill('#pm-schemes-0-dayHoursPerWeek', '400');
  await expect.poll(() => bootle.getByTestId('breakdown-total').textContent()).toBe(formatPence(after.ratePence));
  expect(await bootle.getByTestId('breakdown-line').first().textContent()).toContain('400 hours a week × £17.20');
  await expect.poll(() => bootle.getByTestId('breakdown-line').count()).toBe(after.lines.length);

  // A negative figure: the domain's message, on its field and in the error summary, and nothing saved.
  await page.fill('#pm-schemes-1-hourlyRatePence', '-3');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toContain('Hourly rate must not be negative');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
  expect(await page.locator('#pm-schemes-1-hourlyRatePence-error').textContent()).toContain('must not be negative');
  expect(await page.title()).toMatch(/^Error: /);
  await page.fill('#pm-schemes-1-hourlyRatePence', '17.20');
  await screenshot(page, 'cost-model-editor');

  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByTestId('saved').waitFor();
  const saved = await app.connection.db.selectFrom('cost_model_version').select('parameters').where('cost_model_id', '=', modelId).where('version', '=', 2).executeTakeFirstOrThrow();
  const savedParameters = (typeof saved.parameters === 'string' ? JSON.parse(saved.parameters) : saved.parameters) as typeof draftParameters;
  expect(savedParameters.schemes[0]!.dayHoursPerWeek).toBe(400);
  expect(computeCostModel('extra_care', savedParameters).rates[0]!.ratePence).toBe(after.ratePence);

  // The diff between v1 and the draft: the hourly rate on every scheme, Bootle's day hours, and each rate before and after.
  await page.goto(`${app.url}/cost-models/${modelId}/compare?from=1&to=2`);
  await page.getByRole('heading', { name: 'Changes from version 1 to version 2' }).waitFor();
  const changes = page.getByTestId('parameter-change');
  await expect.poll(() => changes.count()).toBe(5);
  expect(await changes.filter({ hasText: 'Sefton: Bootle scheme: Day hours a week' }).textContent()).toMatch(/420.*400/);
  expect(await changes.filter({ hasText: 'Sefton: Bootle scheme: Hourly rate' }).textContent()).toMatch(/£16\.50.*£17\.20/);
  expect(await page.getByTestId('rate-change').first().textContent()).toContain(formatPence(after.ratePence));
  await screenshot(page, 'cost-model-diff');
});

it('Plymouth compares its Shared Lives carer rate across the Peninsula: 2.8% to 12.3% less than the others', async () => {
  await page.context().clearCookies();
  await signInAs(page, app.url, PLYMOUTH);
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/rates/compare?partnership=${peninsula}&service=shared_lives`);
  await heading1('Shared Lives rates across South West Peninsula');
  const band = page.getByTestId('band-comparison').filter({ hasText: 'Long-term' });
  await band.waitFor();
  expect(await band.getByTestId('smallest-gap').textContent()).toBe('2.8%');
  expect(await band.getByTestId('largest-gap').textContent()).toBe('12.3%');
  await expect.poll(() => band.getByTestId('gap').count()).toBe(4);
  expect(await band.getByTestId('model-rate').textContent()).toContain('£265.00');
  // My own row is marked, and the chart is an image with its figures in words.
  const mine = band.locator('tr.concord-my-row');
  await expect.poll(() => mine.count()).toBe(1);
  expect(await mine.textContent()).toContain('£245.00');
  await expect.poll(() => band.getByTestId('comparison-row').count()).toBe(5);
  const chart = band.getByTestId('rate-chart').locator('svg[role="img"]');
  expect(await chart.getAttribute('aria-label')).toContain('£245.00');
  await expect.poll(() => chart.locator('rect').count()).toBe(5);
  await screenshot(page, 'cost-model-comparison');

  // The uplift scenario from the comparison: 11.5% and one extra paid week from October.
  await band.getByRole('link', { name: /Model an uplift/ }).click();
  await heading1('Uplift scenario');
  await page.fill('#rise', '11.5');
  await page.fill('#weeks', '1');
  await page.selectOption('#month', '10');
  await page.fill('#placements', '13');
  await page.getByRole('button', { name: 'Work out the cost' }).click();
  await page.getByTestId('scenario-result').waitFor();
  expect(await page.getByTestId('in-year-cost').textContent()).toBe('£11,300.51');
  expect(await page.getByTestId('annual-cost').textContent()).toBe('£22,601.02');
  // £273.18 after the uplift: still below Cornwall's £279.36, above the rest.
  expect(await page.getByTestId('scenario-gaps').textContent()).toContain('Plymouth City Council pays 2.2% less than Cornwall Council');
  await screenshot(page, 'cost-model-scenario');
});

it('a Tripartite partner reads the Extra Care model but sees no way to change it', async () => {
  await page.context().clearCookies();
  await signInAs(page, app.url, PARTNER);
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/cost-models`);
  await heading1('Cost models');
  await expect.poll(() => page.getByRole('button', { name: 'Create a model' }).count()).toBe(0);
  await page.getByRole('link', { name: EXTRA_CARE }).click();
  await heading1(EXTRA_CARE);
  await page.getByTestId('read-only').waitFor();
  await expect.poll(() => page.getByRole('button', { name: /Edit draft/ }).count()).toBe(0);
  await expect.poll(() => page.getByRole('button', { name: /Create a new version/ }).count()).toBe(0);
  await page.getByRole('link', { name: 'Version 2' }).click();
  await page.getByRole('heading', { name: /^Version 2/ }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: /Publish|Edit this draft/ }).count()).toBe(0);
  // The breakdown is there to read.
  await expect.poll(() => page.getByTestId('breakdown').count()).toBe(4);
  // The editor's address itself refuses.
  await page.goto(`${app.url}/cost-models/${modelId}/versions/2/edit`);
  await page.getByText('Only the lead commissioner of the partnership’s lead authority can change its cost model.').waitFor();
  await expect.poll(() => page.locator('input').count()).toBe(0);
  await page.goto(`${app.url}/cost-models/${modelId}/versions/2`);
  await page.getByTestId('breakdown').first().waitFor();
  await screenshot(page, 'cost-model-partner-version');
});

it('Staffordshire’s supported living model shows its rates by band and scheme size, each with its build-up', async () => {
  await page.context().clearCookies();
  await signInAs(page, app.url, 'commissioner.staffordshire@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.goto(`${app.url}/cost-models`);
  await page.getByRole('link', { name: 'Supported Living weekly rates' }).click();
  const grid = page.getByTestId('rate-grid');
  await grid.waitFor();
  await expect.poll(() => grid.locator('tbody tr').count()).toBe(3);
  await expect.poll(() => grid.locator('thead th').count()).toBe(4);
  await expect.poll(() => page.getByTestId('breakdown').count()).toBe(9);
  await screenshot(page, 'cost-model-supported-living');
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROVIDER_PASSWORD, registerProvider } from '../support/providers.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { fillEach } from './support/provider-steps.ts';

/**
 * Issue 11, items 3 and 4, in the browser: a registered (not yet verified) provider finds the Tripartite Extra Care
 * PDPS among the opportunities and applies to its Sefton lot through the task list; Liverpool's lead commissioner
 * sees it submitted online and not yet verified, verifies it, passes the gateway, scores and admits it; the provider
 * sees its outcome, scores and feedback. Screenshots at 1280 and 375 px.
 */
let app: RunningApp;
let provider: Page;
let lead: Page;
const NAME = 'Wirral Homecare 210 Ltd';

beforeAll(async () => {
  app = await startApp();
  const registered = await registerProvider(app.connection, 210);
  provider = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  lead = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAs(provider, app.url, registered.email, PROVIDER_PASSWORD);
});
afterAll(() => app.close());

async function atPhoneWidth(page: Page, name: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

it('a provider finds the Tripartite PDPS and applies to a lot through the task list', async () => {
  await provider.goto(`${app.url}/organisation/opportunities`);
  await provider.getByRole('heading', { level: 1, name: 'Opportunities' }).waitFor();
  const pdps = provider.getByTestId('opportunity').filter({ hasText: 'LCR-EC-2018' });
  await pdps.waitFor();
  await screenshot(provider, 'online-application-opportunities');
  await atPhoneWidth(provider, 'online-application-opportunities-375');
  await pdps.getByRole('link').click();
  await provider.getByRole('heading', { level: 1, name: 'Care and support in Extra Care housing: LCR Tripartite PDPS' }).waitFor();
  expect(await provider.getByTestId('window').textContent()).toContain('accepts applications whenever it is open');
  await screenshot(provider, 'online-application-opportunity');
  await provider.getByRole('button', { name: 'Start an application' }).click();
  await provider.getByTestId('task-list').waitFor();
  await screenshot(provider, 'online-application-task-list');
  await atPhoneWidth(provider, 'online-application-task-list-375');

  await provider.getByRole('link', { name: 'Lots and prices' }).click();
  await provider.getByLabel('Lot 1: Sefton').check();
  await provider.getByLabel('Your price for lot 1: Sefton').fill('21.50');
  await provider.getByRole('button', { name: 'Save and continue' }).click();
  await provider.getByTestId('task-list').waitFor();

  await provider.getByRole('link', { name: 'Gateway questions' }).click();
  await fillEach(provider.locator('textarea'), 'Yes: certificates are in our profile.');
  await provider.getByRole('button', { name: 'Save and continue' }).click();
  await provider.getByTestId('task-list').waitFor();

  await provider.getByRole('link', { name: 'Quality answers' }).click();
  await fillEach(provider.locator('textarea'), 'Our approach, with evidence from our Wirral schemes.');
  await provider.getByRole('button', { name: 'Save and continue' }).click();
  await provider.getByTestId('task-list').waitFor();

  await provider.getByRole('link', { name: 'Check answers and submit' }).click();
  await provider.getByRole('heading', { level: 1, name: 'Check your answers before submitting' }).waitFor();
  await screenshot(provider, 'online-application-check');
  await provider.getByTestId('submit-application').click();
  await expect.poll(() => provider.locator('.govuk-notification-banner--success').textContent()).toContain('Application submitted to Liverpool City Council');
  expect(await provider.getByTestId('application-status').textContent()).toBe('Submitted: being evaluated');
  await screenshot(provider, 'online-application-submitted');
});

it('Liverpool sees it submitted online and unverified, verifies it, scores and admits it', async () => {
  await signInAs(lead, app.url, 'commissioner.liverpool@concord.example');
  const procurementId = (await app.connection.db.selectFrom('procurement').select('id').where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow()).id;
  await lead.goto(`${app.url}/procurements/${procurementId}/applications`);
  const row = lead.locator('tr').filter({ hasText: NAME }).first();
  await row.waitFor();
  expect(await row.textContent()).toContain('Submitted online');
  expect(await row.textContent()).toContain('Organisation not yet verified');
  await row.getByRole('link', { name: NAME }).click();
  await lead.getByTestId('online-submission').waitFor();
  await screenshot(lead, 'online-application-lead-unverified');
  await lead.getByRole('button', { name: `Verify ${NAME}` }).click();
  await expect.poll(() => lead.locator('.govuk-notification-banner--success').textContent()).toContain(`${NAME} is verified`);
  await expect.poll(() => lead.getByTestId('unverified').count()).toBe(0);

  await lead.getByTestId('pass-all').click();
  await lead.getByRole('button', { name: 'Save gateway answers' }).click();
  await lead.getByTestId('scoring-grid').waitFor();
  for (const select of await lead.getByTestId('scoring-grid').locator('select').all()) await select.selectOption('4');
  for (const box of await lead.getByTestId('scoring-grid').locator('textarea').all()) await box.fill('Well evidenced and specific to Sefton.');
  await lead.getByRole('button', { name: 'Save your scores' }).click();
  await expect.poll(() => lead.locator('.govuk-notification-banner--success').textContent()).toContain('scores were saved');
  await lead.getByLabel('Admit', { exact: true }).check();
  await lead.getByRole('button', { name: 'Record decision' }).click();
  await lead.getByTestId('confirm-step').getByRole('button', { name: 'Yes, admit' }).click();
  const status = async () =>
    (await app.connection.db.selectFrom('application as a').innerJoin('provider as p', 'p.id', 'a.provider_id').select('a.status').where('p.legal_name', '=', NAME).executeTakeFirstOrThrow()).status;
  await expect.poll(status, { timeout: 30_000 }).toBe('admitted');
  await screenshot(lead, 'online-application-lead-admitted');
}, 180_000);

it('the provider sees its outcome, scores and feedback', async () => {
  await provider.goto(`${app.url}/organisation/applications`);
  const mine = provider.getByTestId('my-application').first();
  await mine.waitFor();
  await expect.poll(() => mine.textContent()).toContain('Admitted');
  await mine.getByRole('link').click();
  await provider.getByTestId('outcome').waitFor();
  const scores = await provider.getByTestId('score').allTextContents();
  expect(scores.length).toBeGreaterThan(0);
  expect(scores.every((s) => s.includes('4 out of 5') && s.includes('Well evidenced and specific to Sefton.'))).toBe(true);
  await screenshot(provider, 'online-application-outcome');
  await atPhoneWidth(provider, 'online-application-outcome-375');
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, item 4, more actions that cannot be undone: each asks first, 'Go back' changes nothing, and confirming
 * ends on a success banner with no error summary left beside it.
 */
let app: RunningApp;
let lead: Page;
beforeAll(async () => {
  app = await startApp();
  lead = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(lead, app.url, 'commissioner.liverpool@concord.example');
});
afterAll(() => app.close());

const SPECIFICATION = 'Care and support in Extra Care housing: Tripartite overarching specification';

it('publishing a specification version asks first, can go back, ends on a success banner and explains how the partnership adopts it', async () => {
  const spec = await app.connection.db.selectFrom('specification').select('id').where('title', '=', SPECIFICATION).executeTakeFirstOrThrow();
  const status = async () =>
    (await app.connection.db.selectFrom('specification_version').select('status').where('specification_id', '=', spec.id).where('version', '=', 2).executeTakeFirstOrThrow()).status;
  await lead.goto(`${app.url}/specifications/${spec.id}/versions/2`);
  await lead.getByRole('button', { name: 'Publish version 2' }).click();
  const confirm = lead.getByTestId('confirm-step');
  await confirm.waitFor();
  expect(await confirm.innerText()).toContain(`Publish version 2 of “${SPECIFICATION}”?`);
  expect(await confirm.innerText()).toContain('Publishing cannot be undone');
  expect(await lead.getByTestId('adoption').count()).toBe(0);
  expect(await status()).toBe('draft');

  await confirm.getByRole('button', { name: 'Go back' }).click();
  await lead.getByRole('button', { name: 'Publish version 2' }).waitFor();
  expect(await lead.getByTestId('confirm-step').count()).toBe(0);
  expect(await status()).toBe('draft');

  await lead.getByRole('button', { name: 'Publish version 2' }).click();
  await lead.getByRole('button', { name: 'Yes, publish version 2' }).click();
  const banner = lead.locator('.govuk-notification-banner--success');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('Version 2 was published. It can no longer change.');
  await expect.poll(() => lead.getByTestId('version-status').first().innerText()).toBe('Published');
  expect(await lead.locator('.govuk-error-summary').count()).toBe(0);
  expect(await lead.getByRole('button', { name: 'Publish version 2' }).count()).toBe(0);
  expect(await status()).toBe('published');
  const adoption = await lead.getByTestId('adoption').innerText();
  expect(adoption).toContain('How the partnership adopts a new version.');
  expect(adoption).toContain('A procurement already published keeps the version it was published with');
  await screenshot(lead, 'specification-published');
});

it('a direct call-off asks first, naming the provider and the annual value in pounds, and ends on a success banner', async () => {
  const sefton = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(sefton, app.url, 'commissioner.sefton@concord.example');
  await sefton.getByTestId('header-authority').waitFor();
  await sefton.goto(`${app.url}/call-offs`);
  await sefton.getByRole('button', { name: 'Start a call-off' }).click();
  await sefton.getByLabel(/Tripartite/).first().check();
  await sefton.getByRole('radio', { name: /^Lot \d+: Sefton/ }).check();
  await sefton.fill('#schemeName', 'Netherton Extra Care scheme (issue 13 test)');
  await sefton.fill('#clientGroup', 'Older people');
  await sefton.fill('#units', '20');
  await sefton.fill('#dayHours', '200');
  await sefton.fill('#nightHours', '70');
  await sefton.fill('#locality', 'Netherton');
  await sefton.fill('#startDate-day', '1');
  await sefton.fill('#startDate-month', '4');
  await sefton.fill('#startDate-year', '2027');
  await sefton.fill('#termMonths', '24');
  await sefton.getByRole('radio', { name: /^Direct call-off/ }).check();
  await sefton.getByRole('button', { name: 'Continue' }).click();
  const form = sefton.getByTestId('direct-award');
  await form.waitFor();
  await form.locator('#providerId').selectOption({ index: 1 });
  const provider = (await form.locator('#providerId option:checked').innerText()).trim();
  await sefton.fill('#justification', 'The only provider on the lot with a registered manager in Netherton.');
  await sefton.fill('#awardedOn-day', '16');
  await sefton.fill('#awardedOn-month', '12');
  await sefton.fill('#awardedOn-year', '2026');
  await sefton.fill('#contractReference', 'SMBC-EC-NETHERTON');
  await sefton.fill('#annualValue', '212,345.67');
  const status = async () => (await app.connection.db.selectFrom('call_off').select('status').where('scheme_name', '=', 'Netherton Extra Care scheme (issue 13 test)').executeTakeFirstOrThrow()).status;

  await sefton.getByRole('button', { name: 'Award and create the contract' }).click();
  const confirm = sefton.getByTestId('confirm-step');
  await confirm.waitFor();
  expect(await confirm.getByRole('heading').innerText()).toBe(`Award this call-off to ${provider} for £212,345.67 a year?`);
  expect(await confirm.innerText()).toContain('An award cannot be undone');
  expect(await status()).toBe('draft');
  await confirm.getByRole('button', { name: 'Go back' }).click();
  await sefton.getByRole('button', { name: 'Award and create the contract' }).waitFor();
  expect(await status()).toBe('draft');

  await sefton.getByRole('button', { name: 'Award and create the contract' }).click();
  await sefton.getByRole('button', { name: 'Yes, award and create the contract' }).click();
  const banner = sefton.locator('.govuk-notification-banner--success');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('Called off directly: the contract is in your register.');
  expect(await sefton.locator('.govuk-error-summary').count()).toBe(0);
  await sefton.getByTestId('call-off-award').waitFor();
  expect(await sefton.getByTestId('award-provider').locator('dd').innerText()).toBe(provider);
  expect(await sefton.getByTestId('award-annual-value').locator('dd').innerText()).toBe('£212,345.67');
  expect(await status()).toBe('awarded');
  await screenshot(sefton, 'call-off-direct-awarded');
});

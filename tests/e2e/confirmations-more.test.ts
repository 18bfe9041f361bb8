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

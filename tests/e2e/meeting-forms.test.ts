import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, openApp, type RunningApp } from './support/app.ts';

/** Issue 6 web forms: the Peninsula's lead (Devon) records an action; a member sees its queried return. */
let app: RunningApp;
let page: Page;

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

it('the lead commissioner adds an action to a meeting; a bad date is refused inline first', async () => {
  await signInAs(page, app.url, 'commissioner.devon@concord.example');
  await page.goto(`${app.url}/meetings`);
  await page.getByRole('link', { name: /2023-09/ }).first().click();
  const form = page.getByTestId('add-action');
  await form.waitFor();
  await form.getByLabel('Owner').selectOption({ label: 'Plymouth City Council' });
  await form.getByLabel('Action').fill('Plymouth to report on carer recruitment');
  await form.getByRole('button', { name: 'Add action' }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the due date');
  await form.getByLabel('Day').fill('30');
  await form.getByLabel('Month').fill('11');
  await form.getByLabel('Year').fill('2023');
  await form.getByRole('button', { name: 'Add action' }).click();
  await page.getByRole('cell', { name: 'Plymouth to report on carer recruitment', exact: true }).waitFor();
});

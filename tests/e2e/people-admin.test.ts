import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GSS } from '../support/api.ts';
import { openApp, screenshot, signInAs, type RunningApp } from './support/app.ts';

/**
 * Issue 10, items 3 and 5, in the browser: the platform administrator invites an authority's first administrator
 * from the registry's authority page; Sefton's administrator changes a colleague's roles on the person's page (at
 * least one, the last administrator kept) and requires two-step verification, after which a colleague who has not
 * set it up is sent to the Two-step verification page at their next sign-in.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

async function bothWidths(p: Page, name: string) {
  await screenshot(p, `${name}-1280`);
  await p.setViewportSize({ width: 375, height: 800 });
  await screenshot(p, `${name}-375`);
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await p.setViewportSize({ width: 1280, height: 900 });
}

it('the platform administrator invites Kent’s first administrator from its registry page and is shown the link', async () => {
  await signInAs(page, app.url, 'admin@concord.example');
  await page.goto(`${app.url}/authorities?search=${GSS.kent}`);
  await page.getByRole('link', { name: /^Change Kent/ }).click();
  await page.getByRole('heading', { name: 'Invite an administrator' }).waitFor();

  await page.fill('#admin-email', 'not an email');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.locator('#admin-email-error').waitFor();
  expect(await page.locator('#admin-email-error').textContent()).toContain('Enter an email address in the correct format');

  await page.fill('#admin-email', 'first.admin@kent.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByTestId('issued-link').waitFor();
  expect(((await page.getByTestId('issued-link').textContent()) ?? '').trim()).toMatch(new RegExp(`^${app.url}/invitation/[A-Za-z0-9_-]{43}$`));
  await bothWidths(page, 'registry-invite-administrator');
  // The same email again is refused against the field.
  await page.fill('#admin-email', 'first.admin@kent.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.locator('#admin-email-error').waitFor();
  expect(await page.locator('#admin-email-error').textContent()).toContain('already been invited');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
});

it('Sefton’s administrator changes a colleague’s roles on their page: at least one, and the last administrator kept', async () => {
  await signInAs(page, app.url, 'admin.sefton@concord.example');
  await page.goto(`${app.url}/people`);
  await page.getByRole('heading', { name: 'Manage people' }).waitFor();
  await page.getByRole('link', { name: 'Liam Doyle' }).click();
  await page.getByRole('heading', { name: 'Liam Doyle' }).waitFor();
  expect(await page.getByTestId('person-two-step').textContent()).toContain('Off');

  await page.getByLabel('Contract officer').uncheck();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose at least one role');

  await page.getByLabel('Finance officer').check();
  await page.getByLabel('Viewer').check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await page.getByText('Their roles are changed').waitFor();
  await bothWidths(page, 'people-person-roles');
  await page.getByRole('link', { name: 'Back to Manage people' }).click();
  const row = page.getByTestId('person').filter({ hasText: 'Liam Doyle' });
  await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/Finance officer.*Viewer|Viewer.*Finance officer/);

  // Their own page: the only administrator cannot drop the role.
  await page.getByRole('link', { name: 'Erin Walsh' }).click();
  await page.getByRole('heading', { name: 'Erin Walsh' }).waitFor();
  await page.getByLabel('Viewer').check();
  await page.getByLabel('Authority administrator').uncheck();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('at least one authority administrator');
});

it('Sefton’s administrator requires two-step verification; a colleague without it is sent to set it up at their next sign-in', async () => {
  await page.goto(`${app.url}/people`);
  await page.getByRole('button', { name: 'Require two-step verification' }).click();
  await page.getByRole('button', { name: 'Stop requiring two-step verification' }).waitFor();
  expect(await page.getByTestId('two-step-requirement').textContent()).toContain('People already signed in stay signed in');
  await bothWidths(page, 'people-two-step-required');

  const context = await app.browser.newContext({ viewport: { width: 375, height: 800 } });
  const viewer = await context.newPage();
  await signInAs(viewer, app.url, 'viewer.sefton@concord.example');
  await viewer.waitForURL(`${app.url}/sessions/two-step`);
  expect(await viewer.getByTestId('must-enrol').textContent()).toContain('Your authority requires two-step verification');
  await viewer.goto(`${app.url}/contracts`);
  await viewer.waitForURL(`${app.url}/sessions/two-step`);
  await screenshot(viewer, 'two-step-required-viewer-375');
  await context.close();
});

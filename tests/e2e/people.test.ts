import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, screenshot, signInAs, type RunningApp } from './support/app.ts';

/**
 * Manage people (issue 10, item 3): Sefton's authority administrator invites a viewer, the link is shown, the
 * invitee opens it in another browser, accepts and lands signed in; the administrator deactivates them and their
 * next page is the sign-in page.
 */
const PASSWORD = 'heron lantern quarry';
let app: RunningApp;
let page: Page;
let link = '';

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

it('the authority administrator invites a viewer and is shown the link to pass on', async () => {
  await signInAs(page, app.url, 'admin.sefton@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.getByRole('link', { name: 'People', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Manage people' }).waitFor();
  expect(await page.getByTestId('person').first().textContent()).toBeTruthy();

  // No role chosen: the error is against the field.
  await page.fill('#email', 'new.viewer@sefton.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose at least one role');

  await page.getByLabel('Viewer').check();
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByTestId('issued-link').waitFor();
  link = ((await page.getByTestId('issued-link').textContent()) ?? '').trim();
  expect(link).toMatch(new RegExp(`^${app.url}/invitation/[A-Za-z0-9_-]{43}$`));
  await expect.poll(() => page.getByTestId('invitation').count()).toBe(1);
  await screenshot(page, 'people-invited-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'people-invited-375');
  await page.setViewportSize({ width: 1280, height: 900 });
});

it('the invitee accepts in another browser and lands signed in as a viewer of Sefton', async () => {
  const context = await app.browser.newContext({ viewport: { width: 375, height: 800 } });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
  await invitee.fill('#displayName', 'Nia Newcomer');
  await invitee.fill('#password', PASSWORD);
  await invitee.fill('#confirmPassword', PASSWORD);
  await screenshot(invitee, 'people-accept-375');
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await invitee.getByTestId('my-roles').waitFor();
  expect(await invitee.getByTestId('my-roles').textContent()).toContain('Viewer');
  await screenshot(invitee, 'people-accepted-375');

  // The administrator sees them, and deactivates them after confirming.
  await page.reload();
  const row = page.getByTestId('person').filter({ hasText: 'Nia Newcomer' });
  await row.waitFor();
  await row.getByRole('button', { name: /^Deactivate/ }).click();
  await row.getByRole('button', { name: /^Yes, deactivate/ }).click();
  await page.getByText('The person is deactivated').waitFor();
  await expect.poll(async () => (await row.textContent()) ?? '').toContain('Deactivated');
  await screenshot(page, 'people-deactivated-1280');

  // Their next request is refused: the page sends them to sign in.
  await invitee.goto(`${app.url}/`);
  await invitee.waitForURL(/\/sign-in/);
  await context.close();
});

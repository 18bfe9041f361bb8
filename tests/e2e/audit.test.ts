import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, screenshot, signInAs, type RunningApp } from './support/app.ts';

/**
 * Audit log screens (issue 10, item 5): Sefton's administrator invites a colleague and Sefton's commissioner
 * opens a contract; Sefton's administrator reads both in Sefton's log, in plain words, and filters it to people
 * events; the platform administrator sees Sefton's "Invited a colleague" but not the contract; a viewer is
 * told they cannot see the log. Screenshots at 1280 and 375 px.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

const labels = (p: Page) => p.getByTestId('audit-event').getByTestId('audit-label').allTextContents();

/** Signs in in a browser of their own (the platform administrator with the demo two-step key, as signInAs does). */
async function asSomeoneElse(email: string): Promise<Page> {
  const other = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAs(other, app.url, email);
  await other.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  return other;
}

it('Sefton’s administrator reads Sefton’s log in plain words, and filters it to people events', async () => {
  await signInAs(page, app.url, 'admin.sefton@concord.example');
  await page.getByRole('link', { name: 'People', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Manage people' }).waitFor();
  await page.fill('#email', 'audit.colleague@sefton.example');
  await page.getByLabel('Viewer').check();
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByTestId('issued-link').waitFor();

  // Sefton's commissioner opens a contract: a read of a record, in Sefton's log.
  const commissioner = await asSomeoneElse('commissioner.sefton@concord.example');
  await commissioner.goto(`${app.url}/contracts`);
  const contract = commissioner.locator('table a[href^="/contracts/"]').first();
  await contract.waitFor();
  await contract.click();
  await commissioner.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
  // The contract itself is on screen (not the register still showing while the page loads): its read is written.
  await commissioner.getByRole('link', { name: 'Back to the contract register' }).waitFor();

  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await expect.poll(() => labels(page)).toContain('Viewed a contract');
  expect(await labels(page)).toContain('Invited a colleague');
  const invited = page.getByTestId('audit-event').filter({ hasText: 'audit.colleague@sefton.example' });
  expect(await invited.locator('td').first().textContent()).toBe('Erin Walshadmin.sefton@concord.example');
  expect(await invited.textContent()).toContain('Done');
  expect(await page.getByTestId('audit-event').allTextContents()).not.toContainEqual(expect.stringContaining('people.invite'));
  await screenshot(page, 'audit-authority-1280');

  await page.getByText('Filter the log').click();
  await page.getByLabel('Kind of event').selectOption({ label: 'People and invitations' });
  await page.getByLabel('Who').fill('Erin');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/kind=people/);
  await expect.poll(async () => [...new Set(await labels(page))]).not.toContain('Viewed a contract');
  expect(await labels(page)).toContain('Invited a colleague');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'audit-authority-filtered-375');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // A day that is not a date is refused against its field.
  await page.fill('#from-day', '31');
  await page.fill('#from-month', '2');
  await page.fill('#from-year', '2026');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('The first day must be a real date');
  await page.setViewportSize({ width: 1280, height: 900 });
});

it('the platform administrator sees Sefton’s invitation, named with Sefton, but not its contract', async () => {
  const admin = await asSomeoneElse('admin@concord.example');
  await admin.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const invited = admin.getByTestId('audit-event').filter({ hasText: 'audit.colleague@sefton.example' });
  await invited.waitFor();
  expect(await invited.getByTestId('audit-authority').textContent()).toBe('Sefton Council · People and invitations');
  expect(await invited.getByTestId('audit-label').textContent()).toBe('Invited a colleague');
  expect(await labels(admin)).not.toContain('Viewed a contract');
  await screenshot(admin, 'audit-platform-1280');
  await admin.setViewportSize({ width: 375, height: 800 });
  await screenshot(admin, 'audit-platform-375');
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

it('a viewer is told the log is not theirs to see', async () => {
  const viewer = await asSomeoneElse('viewer.sefton@concord.example');
  expect(await viewer.getByRole('navigation').getByRole('link', { name: 'Audit log' }).count()).toBe(0);
  await viewer.goto(`${app.url}/audit`);
  await expect.poll(() => viewer.getByTestId('audit-forbidden').textContent()).toContain('You do not have permission to see the audit log');
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, screenshot, signInAs, type RunningApp } from './support/app.ts';

/**
 * Partnership settings (issue 10, items 4 and 5): Kent's commissioner proposes a partnership and invites Sefton;
 * Sefton's commissioner, in another browser, sees the invitation, accepts and sees the settings; Kent sees the
 * members, invitation and history; Sefton leaves (after confirming) and no longer has the partnership.
 */
const NAME = 'Kent and Sefton Home Care';
const SEFTON = 'E08000014';
let app: RunningApp;
let page: Page;

beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

async function bothWidths(p: Page, name: string) {
  await p.setViewportSize({ width: 1280, height: 900 });
  await screenshot(p, `${name}-1280`);
  await p.setViewportSize({ width: 375, height: 800 });
  await screenshot(p, `${name}-375`);
  // Nothing scrolls sideways at 375 px.
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await p.setViewportSize({ width: 1280, height: 900 });
}

it('a commissioner proposes a partnership: errors against their fields, then the settings page', async () => {
  await signInAs(page, app.url, 'commissioner.kent@concord.example');
  await page.getByTestId('header-authority').waitFor();
  await page.getByRole('link', { name: 'Partnerships', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Partnerships', exact: true }).waitFor();
  await page.getByTestId('propose-link').click();
  await page.getByRole('heading', { name: 'Propose a partnership' }).waitFor();
  await page.getByRole('button', { name: 'Propose the partnership' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the partnership’s name');
  await bothWidths(page, 'partnership-propose-errors');

  await page.fill('#name', NAME);
  await page.getByLabel('Framework consortium').check();
  await page.fill('#purpose', 'Home care commissioned together by Kent and Sefton');
  await page.getByRole('button', { name: 'Propose the partnership' }).click();
  await page.getByRole('heading', { name: NAME }).waitFor();
  expect(await page.getByTestId('settings-lead').textContent()).toContain('Kent County Council');

  await page.selectOption('#authorityId', SEFTON);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByTestId('settings-notice').waitFor();
  expect(await page.getByTestId('settings-invitation').first().textContent()).toContain('Invited');
});

it('the invited authority sees the invitation only, accepts it, and sees the partnership’s settings', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const sefton = await context.newPage();
  await signInAs(sefton, app.url, 'commissioner.sefton@concord.example');
  await sefton.goto(`${app.url}/partnerships`);
  const card = sefton.getByTestId('invitation').filter({ hasText: NAME });
  await card.waitFor();
  expect(await card.textContent()).toContain('Kent County Council');
  await bothWidths(sefton, 'partnership-invitation');
  await card.getByRole('button', { name: /^Accept/ }).click();
  await sefton.getByRole('heading', { name: NAME }).waitFor();
  await expect.poll(() => sefton.getByTestId('settings-member').count()).toBe(2);

  // Kent sees both members, the accepted invitation and the history.
  await page.reload();
  await expect.poll(() => page.getByTestId('settings-member').count()).toBe(2);
  expect(await page.getByTestId('settings-invitation').first().textContent()).toContain('Accepted');
  const history = (await page.getByTestId('history-event').allTextContents()).join('\n');
  expect(history).toContain('Proposed the partnership');
  expect(history).toContain('Invited an authority: Sefton Council');
  expect(history).toContain('Accepted the invitation and joined');
  await bothWidths(page, 'partnership-settings-lead');

  // Sefton leaves today, after confirming; the partnership is no longer its.
  await sefton.getByRole('heading', { name: 'Leave the partnership' }).waitFor();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
  await sefton.fill('#leaveOn-day', String(Number(today[2])));
  await sefton.fill('#leaveOn-month', String(Number(today[1])));
  await sefton.fill('#leaveOn-year', today[0]!);
  await sefton.getByRole('button', { name: 'Continue' }).click();
  await sefton.getByRole('button', { name: /^Yes, leave on/ }).waitFor();
  await bothWidths(sefton, 'partnership-leave-confirm');
  await sefton.getByRole('button', { name: /^Yes, leave on/ }).click();
  await sefton.getByRole('heading', { name: 'Partnerships', exact: true }).waitFor();
  await sefton.getByTestId('my-partnerships').waitFor();
  expect(await sefton.getByTestId('my-partnerships').textContent()).not.toContain(NAME);

  await page.reload();
  await expect.poll(async () => (await page.getByTestId('settings-member').filter({ hasText: 'Sefton' }).textContent()) ?? '').not.toContain('Member');
  await context.close();
});

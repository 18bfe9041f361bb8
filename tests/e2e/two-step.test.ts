import { totpCode } from '@concord/domain/two-step';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, screenshot, signInAs, type RunningApp } from './support/app.ts';

/**
 * Issue 10, item 3: a demo commissioner turns on two-step verification from the Sessions page (the test reads
 * the key shown for typing in by hand and computes codes from it, as an authenticator app would), keeps the
 * recovery codes, signs out, and signs in again with the password and a code; a wrong code is refused beside
 * its field.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => ({ app, page } = await openApp()));
afterAll(() => app.close());

const EMAIL = 'commissioner.sefton@concord.example';
const after = (seconds: number) => new Date(Date.now() + seconds * 1000);

it('a commissioner enrols an authenticator app, then signs in with a code', async () => {
  await signInAs(page, app.url, EMAIL);
  await page.goto(`${app.url}/sessions`);
  await page.getByRole('link', { name: 'Two-step verification' }).click();
  await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  const key = (await page.getByTestId('manual-key').textContent())!.replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  expect(await page.getByRole('img', { name: /QR code/ }).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await screenshot(page, 'two-step-enrol');

  // A wrong code: refused beside the field, nothing turned on.
  await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(totpCode(key, after(-600)));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await expect.poll(() => page.locator('#code-error').textContent()).toContain('6-digit code');

  await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(totpCode(key, new Date()));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
  await expect.poll(() => page.getByText('Two-step verification is on').count()).toBe(1);
  await screenshot(page, 'two-step-recovery-codes');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'two-step-recovery-codes-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

  // The password alone no longer signs in: the second step asks for a code.
  await page.fill('#email', EMAIL);
  await page.fill('#password', 'concord-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const codeField = page.getByLabel('Enter the 6-digit code from your authenticator app');
  await codeField.waitFor();
  expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
  expect(await codeField.getAttribute('inputmode')).toBe('numeric');
  await codeField.fill('000000' === totpCode(key, new Date()) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.locator('#code-error').textContent()).toContain('6-digit code');
  await screenshot(page, 'two-step-sign-in-refused');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'two-step-sign-in-refused-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The code used to turn it on cannot be used again: the app's next code.
  await codeField.fill(totpCode(key, after(30)));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  await page.goto(`${app.url}/sessions/two-step`);
  await expect.poll(() => page.getByText('You have 10 unused recovery codes').count()).toBe(1);
});

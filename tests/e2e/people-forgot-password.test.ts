import { loadApiConfig } from '@concord/api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordingMail } from '../support/api.ts';
import { screenshot, startApp, type RunningApp } from './support/app.ts';

/**
 * "Forgot your password?" (issue 10, item 3) in the browser, with mail configured (a recording nodemailer transport,
 * no network): the sign-in page offers it, the page says the same whether or not the email has an account, and the
 * emailed link sets a new password that then signs in.
 */
const PASSWORD = 'heron lantern quarry';
const { mail, sent } = recordingMail();
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp({ ...loadApiConfig({}), mail });
  page = await app.browser.newPage({ viewport: { width: 375, height: 800 } });
});
afterAll(() => app.close());

async function ask(email: string) {
  await page.goto(`${app.url}/sign-in`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await page.fill('#email', email);
  await page.getByRole('button', { name: 'Send a reset link' }).click();
  await page.getByTestId('forgot-sent').waitFor();
  return (await page.getByTestId('forgot-sent').textContent()) ?? '';
}

it('says the same for an email with no account, and sends nothing', async () => {
  const said = await ask('nobody@example.org');
  expect(said).toContain('If that email address has a Concord account, we have sent it a link');
  expect(sent).toEqual([]);
});

it('emails a link for an account; the link sets a new password that signs in', async () => {
  const said = await ask('commissioner.sefton@concord.example');
  expect(said).toContain('If that email address has a Concord account, we have sent it a link');
  await screenshot(page, 'forgot-password-sent-375');
  expect(sent.map((m) => m.to)).toEqual(['commissioner.sefton@concord.example']);
  const link = /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43})/.exec(sent[0]!.text)![1]!;

  await page.goto(link);
  await page.fill('#password', PASSWORD);
  await page.fill('#confirmPassword', PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.waitForURL(/\/sign-in/);
  await page.fill('#email', 'commissioner.sefton@concord.example');
  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
});

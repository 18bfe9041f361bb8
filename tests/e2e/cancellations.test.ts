import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seftonCallOff } from '../support/call-offs.ts';
import { fixtureApplication, fixtureProcurement } from '../support/procurement.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issues 3 and 4 in the browser. Sefton cancels a mini-competition before award: an empty form is refused naming
 * the reason and the date; then the call-off shows Cancelled with its day and reason, and no response, award or
 * cancel form is offered. Sefton's viewer is offered no cancel form. Liverpool's lead commissioner records a
 * provider's withdrawal of its application; the applications list shows it Withdrawn.
 */

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

const newPage = () => app.browser.newPage({ viewport: { width: 1400, height: 900 } });
const summary = (testId: string) => page.getByTestId(testId).locator('dd').first().textContent();

async function fillDate(id: string, day: string, month: string, year: string) {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
}

it('Sefton cancels a mini-competition before award, with the day and the reason', async () => {
  const made = await seftonCallOff(app.connection, 'mini_competition', { invite: true, respond: true });
  page = await newPage();
  await signInAs(page, app.url, 'commissioner.sefton@concord.example');
  await page.goto(`${app.url}/call-offs/${made.id}`);
  const form = page.getByTestId('cancel-call-off');
  await form.waitFor();
  expect(await form.locator('.govuk-warning-text').textContent()).toContain('Cancelling stops the mini-competition');

  await form.getByRole('button', { name: 'Cancel this call-off' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.locator('#cancellationReason-error').textContent()).toContain('Give the reason for cancelling the call-off');
  expect(await page.locator('#cancelledOn-error').textContent()).toContain('Enter the date the call-off was cancelled');
  await screenshot(page, 'call-off-cancel-errors');

  await page.fill('#cancellationReason', 'The housing provider has withdrawn the scheme');
  await fillDate('cancelledOn', '9', '2', '2026');
  await form.getByRole('button', { name: 'Cancel this call-off' }).click();
  await page.getByText('The call-off was cancelled.').waitFor();
  expect(await summary('call-off-status')).toBe('Cancelled');
  expect(await summary('call-off-cancellation')).toBe('9 February 2026: The housing provider has withdrawn the scheme');
  await expect.poll(() => page.getByTestId('cancel-call-off').count()).toBe(0);
  await expect.poll(() => page.getByTestId('response-form').count()).toBe(0);
  await expect.poll(() => page.getByTestId('award-form').count()).toBe(0);
  await screenshot(page, 'call-off-cancelled');
  const row = await app.connection.db.selectFrom('call_off').select(['status', 'cancelled_on']).where('id', '=', made.id).executeTakeFirstOrThrow();
  expect(row).toEqual({ status: 'cancelled', cancelled_on: '2026-02-09' });
});

it('Sefton’s viewer is offered no cancel form', async () => {
  const made = await seftonCallOff(app.connection, 'direct');
  page = await newPage();
  await signInAs(page, app.url, 'viewer.sefton@concord.example');
  await page.goto(`${app.url}/call-offs/${made.id}`);
  await page.getByTestId('call-off-status').waitFor();
  await expect.poll(() => page.getByTestId('cancel-call-off').count()).toBe(0);
});

it('Liverpool’s lead commissioner records a withdrawal; the applications list shows it Withdrawn', async () => {
  const p = await fixtureProcurement(app.connection.db, { status: 'evaluation' });
  const applicationId = await fixtureApplication(app.connection.db, p);
  page = await newPage();
  await signInAs(page, app.url, 'commissioner.liverpool@concord.example');
  await page.goto(`${app.url}/procurements/${p.id}/applications/${applicationId}`);
  const form = page.getByTestId('withdrawal');
  await form.waitFor();
  await page.fill('#withdrawalReason', 'The provider is leaving the market');
  await fillDate('withdrawnOn', '20', '5', '2024');
  await form.getByRole('button', { name: 'Record the withdrawal' }).click();
  await page.getByText('application was recorded').waitFor();
  const status = page.locator('tr', { has: page.locator(`a[href$="${applicationId}"]`) }).getByTestId('application-status');
  expect(await status.textContent()).toBe('Withdrawn');
  await screenshot(page, 'application-withdrawn');
  const row = await app.connection.db.selectFrom('application').select(['status', 'outcome_reason', 'decided_on']).where('id', '=', applicationId).executeTakeFirstOrThrow();
  expect(row).toEqual({ status: 'withdrawn', outcome_reason: 'The provider is leaving the market', decided_on: '2024-05-20' });
});

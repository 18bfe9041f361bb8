import { readFileSync } from 'node:fs';
import { createCaller } from '@concord/api';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextFor } from '../support/api.ts';
import { PROVIDER_PASSWORD, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { atPhoneWidth, openFromMenu } from './support/provider-steps.ts';

/**
 * Issue 11, item 5 in the browser: a verified provider holding a Sefton contract finds it under "Your contracts" and
 * submits January's monitoring return by the form; Sefton queries it with a reason; the provider sees the reason and
 * corrects it (a second window's stale copy is refused with the CONFLICT message); Sefton accepts it. Then the provider
 * downloads the template and uploads a CSV with one bad row (the row's problem is listed, nothing is saved) and a
 * good one (both returns saved). A bid writer of the organisation reads the returns but is offered no form.
 * Screenshots at 1280 and 375 px.
 */
let app: RunningApp;
let provider: RegisteredProvider;
let contractId: string;
let reference: string;
const SEFTON = 'commissioner.sefton@concord.example';
const REASON = 'Late visits do not match our call monitoring log';

beforeAll(async () => {
  app = await startApp();
  provider = await registerVerifiedProvider(app.connection, 300);
  contractId = await seftonContractFor(app.connection, provider.providerId, 0);
  reference = (await sql<{ reference: string }>`SELECT reference FROM contract WHERE id = ${contractId}`.execute(app.connection.db)).rows[0]!.reference;
});
afterAll(() => app.close());

async function pageFor(email: string, password?: string): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await signInAs(page, app.url, email, password);
  return page;
}

/** The figures' boxes, in the form's order: hours, missed, late, turnover, complaints. */
async function fillFigures(page: Page, figures: [string, string, string, string, string]) {
  const labels = ['Hours delivered', 'Missed visits', 'Late visits', 'Staff turnover', 'Complaints'];
  for (const [i, label] of labels.entries()) await page.getByTestId('return-form').getByLabel(label, { exact: true }).fill(figures[i]!);
}

const rowFor = (page: Page, period: string) => page.getByTestId('monitoring-return').filter({ hasText: period });
const storedReturns = async () => (await provider.caller.providerReturn.list({ contractId, limit: 100, offset: 0 })).map((r) => [r.periodStart, r.status, r.lateVisits]);

it('the provider finds its contract and submits January’s return by the form', async () => {
  const page = await pageFor(provider.email, PROVIDER_PASSWORD);
  await openFromMenu(page, 'Your contracts');
  await page.getByRole('heading', { level: 1, name: 'Your contracts' }).waitFor();
  const row = page.getByTestId('provider-contract').filter({ hasText: reference });
  expect(await row.textContent()).toContain('Sefton Council');
  await screenshot(page, 'monitoring-01-provider-contracts');
  await atPhoneWidth(page, 'monitoring-01-provider-contracts-375');
  await row.getByRole('link').click();
  await page.getByTestId('return-form').waitFor();
  expect(await page.getByTestId('no-returns').textContent()).toContain('not sent a monitoring return');

  // A figure left out is asked for, and nothing is sent.
  const dates = { 'return-periodStart': ['1', '1', '2026'], 'return-periodEnd': ['31', '1', '2026'] };
  for (const [id, [d, m, y]] of Object.entries(dates)) {
    await page.locator(`#${id}-day`).fill(d!);
    await page.locator(`#${id}-month`).fill(m!);
    await page.locator(`#${id}-year`).fill(y!);
  }
  await fillFigures(page, ['4210', '3', '', '12.5', '1']);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter late visits');
  expect(await storedReturns()).toEqual([]);

  // Saved as a draft first: the provider's alone.
  await fillFigures(page, ['4210', '3', '17', '12.5', '1']);
  await page.getByRole('button', { name: 'Save as draft' }).click();
  expect(await page.getByTestId('return-notice').textContent()).toBe('Your return for January 2026 is saved as a draft. Sefton Council cannot see it until you submit it.');
  expect(await rowFor(page, 'January 2026').getByTestId('return-status').textContent()).toBe('Draft');
  expect(await storedReturns()).toEqual([['2026-01-01', 'draft', 17]]);

  // A second return for the same month is not made: the draft is opened again from the table instead.
  await fillFigures(page, ['1', '1', '1', '1', '1']);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('You have a return for January 2026 already');
  await rowFor(page, 'January 2026').getByTestId('change-return').click();
  expect(await page.getByTestId('return-form').getByRole('heading', { level: 2 }).first().textContent()).toBe('Change your return for January 2026');
  expect(await page.getByTestId('return-form').getByLabel('Late visits', { exact: true }).inputValue()).toBe('17');
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByTestId('return-notice').getByText('Your return for January 2026 is submitted to Sefton Council.', { exact: true }).waitFor();
  const january = rowFor(page, 'January 2026');
  expect(await january.getByTestId('return-status').textContent()).toBe('Submitted');
  expect(await january.getByTestId('return-submitted').textContent()).toMatch(/^Submitted \d{1,2} \w+ 20\d\d$/);
  expect(await january.textContent()).toContain('4,210');
  expect(await storedReturns()).toEqual([['2026-01-01', 'submitted', 17]]);
  await screenshot(page, 'monitoring-02-provider-submitted');
  await atPhoneWidth(page, 'monitoring-02-provider-submitted-375');
});

it('Sefton sees the return on its contract page and queries it with a reason', async () => {
  const sefton = await pageFor(SEFTON);
  await sefton.goto(`${app.url}/contracts/${contractId}`);
  const january = rowFor(sefton, 'January 2026');
  await january.waitFor();
  expect(await january.textContent()).toContain('12.5%');
  await january.getByTestId('query-return').click();
  // The reason is required.
  await sefton.getByRole('button', { name: 'Continue' }).click();
  expect(await sefton.locator('.govuk-error-summary').textContent()).toContain('Enter why you are querying the return');
  await sefton.getByLabel('Why are you querying it?').fill(REASON);
  await sefton.getByRole('button', { name: 'Continue' }).click();
  expect(await sefton.getByTestId('confirm-step').getByRole('heading').innerText()).toBe('Query Wirral Homecare 300 Ltd’s return for January 2026?');
  await screenshot(sefton, 'monitoring-03-council-query-confirm');
  await sefton.getByRole('button', { name: 'Yes, query the return' }).click();
  await sefton.getByText('You queried Wirral Homecare 300 Ltd’s return for January 2026.', { exact: false }).waitFor();
  expect(await rowFor(sefton, 'January 2026').getByTestId('return-status').textContent()).toBe('Queried');
  expect(await storedReturns()).toEqual([['2026-01-01', 'queried', 17]]);
  await screenshot(sefton, 'monitoring-04-council-queried');
  await atPhoneWidth(sefton, 'monitoring-04-council-queried-375');
});

it('the provider sees the reason and corrects the return; a stale copy in another window is refused', async () => {
  const page = await pageFor(provider.email, PROVIDER_PASSWORD);
  const other = await page.context().newPage();
  for (const p of [page, other]) {
    await p.goto(`${app.url}/organisation/contracts/${contractId}`);
    await rowFor(p, 'January 2026').waitFor();
  }
  expect(await rowFor(page, 'January 2026').getByTestId('return-query-reason').textContent()).toBe(`Queried: ${REASON}`);
  for (const p of [page, other]) await rowFor(p, 'January 2026').getByTestId('change-return').click();
  expect(await page.getByTestId('return-form-query').textContent()).toBe(`Sefton Council queried this return: ${REASON}`);
  await screenshot(page, 'monitoring-05-provider-correcting');
  await atPhoneWidth(page, 'monitoring-05-provider-correcting-375');

  await fillFigures(page, ['4210', '3', '21', '12.5', '1']);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  expect(await page.getByTestId('return-notice').textContent()).toBe('Your return for January 2026 is submitted to Sefton Council.');
  expect(await storedReturns()).toEqual([['2026-01-01', 'submitted', 21]]);

  // The other window still holds the queried version: its change is refused, and what it typed is not saved.
  await fillFigures(other, ['4210', '3', '99', '12.5', '1']);
  await other.getByRole('button', { name: 'Submit', exact: true }).click();
  expect(await other.locator('.govuk-error-summary').textContent()).toMatch(/Changed by .+ — reload to see it/);
  expect(await storedReturns()).toEqual([['2026-01-01', 'submitted', 21]]);
  await screenshot(other, 'monitoring-06-provider-stale');
});

it('Sefton accepts the corrected return after a confirmation', async () => {
  const sefton = await pageFor(SEFTON);
  await sefton.goto(`${app.url}/contracts/${contractId}`);
  const january = rowFor(sefton, 'January 2026');
  await january.waitFor();
  // The corrected figure: period (the row's header), then hours delivered, missed visits, late visits.
  expect(await january.locator('td').nth(2).textContent()).toBe('21');
  await january.getByTestId('accept-return').click();
  expect(await sefton.getByTestId('confirm-step').getByRole('heading').innerText()).toBe('Accept Wirral Homecare 300 Ltd’s return for January 2026?');
  await sefton.getByRole('button', { name: 'Go back' }).click();
  expect(await storedReturns()).toEqual([['2026-01-01', 'submitted', 21]]);
  await january.getByTestId('accept-return').click();
  await sefton.getByRole('button', { name: 'Yes, accept the return' }).click();
  await sefton.getByText('You accepted Wirral Homecare 300 Ltd’s return for January 2026.').waitFor();
  expect(await rowFor(sefton, 'January 2026').getByTestId('return-status').textContent()).toBe('Accepted');
  expect(await storedReturns()).toEqual([['2026-01-01', 'accepted', 21]]);
  await screenshot(sefton, 'monitoring-07-council-accepted');

  const page = await pageFor(provider.email, PROVIDER_PASSWORD);
  await page.goto(`${app.url}/organisation/contracts/${contractId}`);
  const accepted = rowFor(page, 'January 2026');
  expect(await accepted.getByTestId('return-status').textContent()).toBe('Accepted');
  expect(await accepted.getByTestId('change-return').count()).toBe(0);
});

it('the provider uploads returns: the template, a file with a bad row (nothing saved), then a good one', async () => {
  const page = await pageFor(provider.email, PROVIDER_PASSWORD);
  await page.goto(`${app.url}/organisation/contracts`);
  await page.getByTestId('upload-returns-link').click();
  await page.getByRole('heading', { level: 1, name: 'Upload monitoring returns' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
  const template = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(template[0]).toBe('Contract reference,Period start,Period end,Hours delivered,Missed visits,Late visits,Staff turnover percent,Complaints');
  await screenshot(page, 'monitoring-08-upload');
  await atPhoneWidth(page, 'monitoring-08-upload-375');

  const csv = (march: string) =>
    Buffer.from([template[0], `${reference},2026-02-01,2026-02-28,3900,2,11,10.0,0`, `${reference},2026-03-01,2026-03-31,${march},1,9,9.5,2`].join('\r\n'));
  const check = async (body: Buffer) => {
    await page.locator('#returnsFile').setInputFiles({ name: 'returns.csv', mimeType: 'text/csv', buffer: body });
    await page.getByRole('button', { name: 'Check the file' }).click();
  };

  await check(csv('-40'));
  await page.getByTestId('upload-problem').first().waitFor();
  const problems = await page.getByTestId('upload-problem').allInnerTexts();
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^3\s+Hours delivered\s+/);
  expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/^There is a problemRow 3(: Hours delivered|, hours delivered: )/);
  expect(await page.getByTestId('nothing-saved').textContent()).toContain('Nothing was saved');
  expect(await storedReturns()).toEqual([['2026-01-01', 'accepted', 21]]);
  await screenshot(page, 'monitoring-09-upload-problems');
  await atPhoneWidth(page, 'monitoring-09-upload-problems-375');

  await check(csv('4050'));
  await page.getByTestId('upload-ready').waitFor();
  expect(await storedReturns()).toEqual([['2026-01-01', 'accepted', 21]]);
  await page.getByRole('button', { name: 'Submit the returns' }).click();
  expect(await page.getByTestId('upload-done').textContent()).toBe('2 monitoring returns submitted. Each council is told.');
  expect(await storedReturns()).toEqual([
    ['2026-03-01', 'submitted', 9],
    ['2026-02-01', 'submitted', 11],
    ['2026-01-01', 'accepted', 21],
  ]);
  await screenshot(page, 'monitoring-10-upload-done');

  await page.goto(`${app.url}/organisation/contracts/${contractId}`);
  await rowFor(page, 'March 2026').waitFor();
  expect(await page.getByTestId('monitoring-return').count()).toBe(3);
});

it('a bid writer reads the contract and its returns, and is told who sends them instead of a form', async () => {
  const email = 'writer300@homecare300.example';
  const { path } = await provider.caller.organisation.invite({ email, roles: ['bid_writer'] });
  const token = path!.split('/').pop()!;
  await createCaller(contextFor(app.connection, null, { meta: { ip: '198.51.100.230' } })).organisation.acceptInvitation({ token, displayName: 'Robin Writer', password: PROVIDER_PASSWORD, confirmPassword: PROVIDER_PASSWORD });
  const writer = await pageFor(email, PROVIDER_PASSWORD);
  await writer.goto(`${app.url}/organisation/contracts/${contractId}`);
  await rowFor(writer, 'January 2026').waitFor();
  expect(await writer.getByTestId('monitoring-return').count()).toBe(3);
  expect(await writer.getByTestId('role-note').textContent()).toBe('Only a provider administrator or a contract manager can send monitoring returns. You are signed in as a bid writer.');
  expect(await writer.getByTestId('return-form').count()).toBe(0);
  expect(await writer.getByTestId('change-return').count()).toBe(0);
  await writer.goto(`${app.url}/organisation/contracts/upload`);
  await writer.getByTestId('role-note').waitFor();
  expect(await writer.getByTestId('upload-form').count()).toBe(0);
});

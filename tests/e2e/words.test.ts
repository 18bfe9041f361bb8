import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seftonCallOff } from '../support/call-offs.ts';
import { signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, item 1: no page shows a stored code (`social_value`, lower-case `quality`, `contract_officer` …), and
 * the terms of the trade are explained where they appear (PDPS, OCDS).
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(() => app.close());

/** A snake_case code, as the database stores it, anywhere in the page's main text. */
const CODE = /\b[a-z]+(?:_[a-z0-9]+)+\b/g;
const mainText = () => page.locator('main').innerText();

async function signInAfresh(email: string) {
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  if (await signOut.count()) {
    await signOut.click();
    await page.waitForURL(/\/sign-in/);
  }
  await signInAs(page, app.url, email);
}

it('the mini-competition form names each criterion’s kind in words, not its code', async () => {
  const made = await seftonCallOff(app.connection, 'mini_competition');
  await signInAs(page, app.url, 'commissioner.sefton@concord.example');
  await page.goto(`${app.url}/call-offs/${made.id}`);
  const invite = page.getByTestId('invite');
  await invite.waitFor();
  const labels = await invite.locator('.govuk-checkboxes__label').allInnerTexts();
  const criteria = labels.filter((l) => l.includes('in the procurement'));
  expect(criteria.length).toBeGreaterThan(2);
  for (const text of criteria) expect(text).toMatch(/\((Quality|Price|Social value) criterion, \d+(\.\d+)?% in the procurement\)$/);
  expect(await invite.innerText()).not.toMatch(/\((quality|price|social_value)\b/);
  expect((await mainText()).match(CODE)).toBeNull();
});

it('a procurement’s overview explains its route and what OCDS is, with no code on the page', async () => {
  await page.goto(`${app.url}/procurements`);
  await page.getByRole('link', { name: /LCR Tripartite PDPS/ }).first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const pdps = page.getByTestId('explained-pdps');
  await pdps.getByText('What is a PDPS?').click();
  expect(await pdps.innerText()).toContain('pseudo dynamic purchasing system (PDPS) is an approved list of providers');
  const ocds = page.getByTestId('explained-ocds');
  await ocds.getByText('What is OCDS JSON?').click();
  expect(await ocds.innerText()).toContain('Open Contracting Data Standard');
  expect(await mainText()).toContain('An approved list providers can apply to join at any time while it runs.');
  expect((await mainText()).match(CODE)).toBeNull();
  await page.getByRole('link', { name: 'Criteria', exact: true }).click();
  await page.getByRole('table').first().waitFor();
  const text = await mainText();
  expect(text.match(CODE)).toBeNull();
  expect(text).not.toMatch(/\t(quality|price)\t/);
});

it('a rate comparison marks your authority once, in words', async () => {
  const peninsula = (await app.connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  await signInAfresh('commissioner.plymouth@concord.example');
  await page.goto(`${app.url}/rates/compare?partnership=${peninsula}&service=shared_lives`);
  const mine = page.locator('[data-testid="comparison-row"].concord-my-row th').first();
  await mine.waitFor();
  const text = await mine.innerText();
  expect(text).toBe('Plymouth City Council (your authority)');
  expect(text).not.toContain('(you)');
  expect((await mainText()).match(CODE)).toBeNull();
});

it('an authority administrator sees people’s roles in words', async () => {
  await signInAfresh('admin.sefton@concord.example');
  await page.goto(`${app.url}/people`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('table').first().waitFor();
  const text = await mainText();
  expect(text).toContain('Contract officer');
  expect(text.match(CODE)).toBeNull();
});

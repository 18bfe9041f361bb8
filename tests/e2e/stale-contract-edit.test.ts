import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callerFor, GSS, signIn } from '../support/api.ts';
import { fixtureContract } from '../support/contracts.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 12, item 4 in the browser, for a contract: Sefton's commissioner has the contract open and records a
 * variation while the contract officer saves a change to the same contract. The variation is refused with the GOV.UK
 * error summary naming the officer ("Changed by NAME at TIME — reload to see it"), what was typed stays to copy, and
 * nothing is recorded; after a reload the same variation saves.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 375, height: 900 } });
  await signInAs(page, app.url, 'commissioner.sefton@concord.example');
});
afterAll(() => app.close());

async function fillDate(id: string, day: string, month: string, year: string) {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
}

async function typeVariation() {
  await page.getByText('Record a variation').click();
  await page.getByRole('radio', { name: 'Scope change' }).check();
  await fillDate('effectiveOn', '1', '10', '2026');
  await page.fill('#valueChange', '1500.00');
  await page.fill('#justification', 'Two more households at the scheme');
  await page.fill('#legalBasis', 'Regulation 72(1)(b)');
  await page.fill('#decisionReference', 'OD 26/301');
  await fillDate('decidedOn', '1', '10', '2026');
}

it('a variation from a contract someone changed meanwhile is refused naming them, keeps what was typed, and saves after a reload', async () => {
  const c = await fixtureContract(app.connection.db, GSS.sefton, { endDate: '2030-03-31' });
  await page.goto(`${app.url}/contracts/${c.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await typeVariation();

  const officer = callerFor(app.connection, (await signIn(app.connection, 'officer.sefton@concord.example')).session);
  const { rowVersion } = await officer.contract.get({ contractId: c.id });
  await officer.contract.update({ contractId: c.id, version: rowVersion, title: 'Extra care: renamed by the officer' });

  await page.getByRole('button', { name: 'Record variation' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  const name = (await app.connection.db.selectFrom('app_user').select('display_name').where('email', '=', 'officer.sefton@concord.example').executeTakeFirstOrThrow()).display_name;
  expect(await page.getByTestId('variation-form').locator('.govuk-error-summary').textContent()).toMatch(
    new RegExp(`Changed by ${name} at \\d{1,2}:\\d{2}(am|pm) on \\d{1,2} [A-Z][a-z]+ \\d{4} — reload to see it`),
  );
  expect(await page.inputValue('#valueChange')).toBe('1500.00');
  expect(await page.inputValue('#justification')).toBe('Two more households at the scheme');
  await screenshot(page, 'contract-variation-stale-edit-375');
  const variations = () => app.connection.db.selectFrom('contract_variation').select('value_change_pence').where('contract_id', '=', c.id).execute();
  expect(await variations()).toEqual([]);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: /renamed by the officer/ }).waitFor();
  await typeVariation();
  await page.getByRole('button', { name: 'Record variation' }).click();
  await page.getByText('Variation recorded.').waitFor();
  expect(await variations()).toEqual([{ value_change_pence: 150_000 }]);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVERPOOL_COMMISSIONER } from '../support/procurement.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 12, item 4 in the browser, for the records given a version by migration 0047: two administrators change
 * one person's roles, and two lead commissioners one partnership's KPI set. The second, still looking at what they
 * loaded, is told who changed it and when ("Changed by NAME at TIME — reload to see it"), their choices stay on the
 * page, and the first person's change is what is kept.
 */
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

const CHANGED_BY = (name: string) => new RegExp(`Changed by ${name} at \\d{1,2}:\\d{2}(am|pm) on \\d{1,2} [A-Z][a-z]+ \\d{4} — reload to see it`);
const nameOf = async (email: string) => (await app.connection.db.selectFrom('app_user').select('display_name').where('email', '=', email).executeTakeFirstOrThrow()).display_name;

async function opened(email: string, url: string, ready: string, width = 1280): Promise<Page> {
  const page = await app.browser.newPage({ viewport: { width, height: 900 } });
  await signInAs(page, app.url, email);
  await page.goto(url);
  await page.getByRole('heading', { name: ready }).waitFor();
  return page;
}

it('two administrators change one person’s roles: the second is refused, naming the first, and keeps their choice', async () => {
  const admin = 'admin.sefton@concord.example';
  const person = await app.connection.db.selectFrom('app_user').select(['id', 'display_name']).where('email', '=', 'officer.sefton@concord.example').executeTakeFirstOrThrow();
  const url = `${app.url}/people/${person.id}`;
  const first = await opened(admin, url, person.display_name);
  const second = await opened(admin, url, person.display_name, 375);

  await first.getByLabel('Finance officer').check();
  await first.getByRole('button', { name: 'Save roles' }).click();
  await first.getByText('Their roles are changed').waitFor();

  await second.getByLabel('Viewer').check();
  await second.getByRole('button', { name: 'Save roles' }).click();
  await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await second.locator('.govuk-error-summary').textContent()).toMatch(CHANGED_BY(await nameOf(admin)));
  expect(await second.getByLabel('Viewer').isChecked()).toBe(true);
  expect(await second.getByLabel('Finance officer').isChecked()).toBe(false);
  expect(await second.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(second, 'stale-person-roles-375');

  const roles = await app.connection.db.selectFrom('membership').select('role').where('user_id', '=', person.id).orderBy('role').execute();
  expect(roles.map((r) => r.role)).toEqual(['contract_officer', 'finance']);
});

it('two lead commissioners change the Tripartite’s KPI set: the second is refused, naming the first, and keeps their choice', async () => {
  const partnership = await app.connection.db.selectFrom('partnership').select(['id', 'name']).where('name', 'like', '%Tripartite%').executeTakeFirstOrThrow();
  const url = `${app.url}/partnerships/${partnership.id}/settings`;
  const first = await opened(LIVERPOOL_COMMISSIONER, url, partnership.name);
  const second = await opened(LIVERPOOL_COMMISSIONER, url, partnership.name);
  const boxes = (page: Page) => page.locator('input[name="kpiCodes"]');
  const checked = async (page: Page) => (await boxes(page).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked)));
  const loaded = await checked(first);
  const on = loaded.findIndex((c) => c);
  const off = loaded.findIndex((c) => !c);

  await boxes(first).nth(on).uncheck();
  await first.getByRole('button', { name: 'Save the KPI set' }).click();
  await first.getByTestId('settings-notice').waitFor();

  await boxes(second).nth(off).check();
  await second.getByRole('button', { name: 'Save the KPI set' }).click();
  await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await second.locator('.govuk-error-summary').textContent()).toMatch(CHANGED_BY(await nameOf(LIVERPOOL_COMMISSIONER)));
  // What the second person chose is still chosen: the loaded set with one more.
  expect(await checked(second)).toEqual(loaded.map((c, i) => c || i === off));
  await screenshot(second, 'stale-kpi-set-1280');

  await first.reload();
  await first.getByRole('heading', { name: partnership.name }).waitFor();
  expect(await checked(first)).toEqual(loaded.map((c, i) => c && i !== on));
});

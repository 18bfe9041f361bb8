import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureSpecification, LIVERPOOL_COMMISSIONER } from '../support/procurement.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 12, item 4 in the browser: two people edit one specification draft. The first saves; the second,
 * still looking at the version they loaded, saves too and is told who changed it and when (the GOV.UK error
 * summary: "Changed by NAME at TIME — reload to see it"); what they typed stays on the page to copy, and
 * the first person's text is what the draft holds.
 */
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

const editor = async (url: string): Promise<Page> => {
  const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signInAs(page, app.url, LIVERPOOL_COMMISSIONER);
  await page.goto(url);
  await page.locator('#section-1-body').waitFor();
  return page;
};

it('a save from a stale draft is refused naming who changed it and when, and keeps what was typed', async () => {
  const spec = await fixtureSpecification(app.connection.db, { draft: true });
  const url = `${app.url}/specifications/${spec.id}/versions/2/edit`;
  const first = await editor(url);
  const second = await editor(url);

  await first.fill('#section-1-body', 'Outcomes agreed at the March board');
  await first.getByRole('button', { name: 'Save draft' }).click();
  await first.getByText('Draft saved.').waitFor();

  await second.fill('#section-1-body', 'My own rewrite of the outcomes');
  await second.getByRole('button', { name: 'Save draft' }).click();
  await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
  const name = (await app.connection.db.selectFrom('app_user').select('display_name').where('email', '=', LIVERPOOL_COMMISSIONER).executeTakeFirstOrThrow()).display_name;
  expect(await second.locator('.govuk-error-summary').textContent()).toMatch(new RegExp(`Changed by ${name} at \\d{1,2}:\\d{2}(am|pm) on \\d{1,2} [A-Z][a-z]+ \\d{4} — reload to see it`));
  expect(await second.inputValue('#section-1-body')).toBe('My own rewrite of the outcomes');
  await screenshot(second, 'specification-stale-edit');

  const row = await app.connection.db.selectFrom('specification_version').select('sections').where('id', '=', spec.v2!).executeTakeFirstOrThrow();
  expect(row.sections[0]!.body).toBe('Outcomes agreed at the March board');
});

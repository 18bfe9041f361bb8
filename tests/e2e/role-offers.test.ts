import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, item 3: nobody is offered what their role cannot do. A viewer sees the returns calendar without Enter,
 * Correct or Calculate, and no upload; no Start a call-off, no placement import, no continuation form, no rate
 * forms: each page says instead, in words, which roles may. A commissioner is offered them all.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(() => app.close());

const VIEWER_NOTE = 'You are signed in as a viewer.';

async function opened(path: string) {
  await page.goto(`${app.url}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

it('a viewer is offered no action their role cannot take, and is told who can', async () => {
  await signInAs(page, app.url, 'viewer.plymouth@concord.example');
  await opened('/returns');
  await page.getByTestId('returns-calendar').waitFor();
  const calendar = page.getByTestId('returns-calendar');
  expect(await calendar.getByRole('button').count()).toBe(0);
  expect(await page.getByRole('button', { name: /^(Enter|Correct|Calculate)/ }).count()).toBe(0);
  expect(await page.getByTestId('role-note').innerText()).toBe(`Only a commissioner or a contract officer can make KPI returns. ${VIEWER_NOTE}`);

  await opened('/call-offs');
  await page.getByTestId('role-note').waitFor();
  expect(await page.getByRole('button', { name: 'Start a call-off' }).count()).toBe(0);
  expect(await page.getByTestId('role-note').innerText()).toBe(`Only a commissioner or a contract officer can start a call-off. ${VIEWER_NOTE}`);
  await opened('/call-offs/new');
  await page.getByTestId('role-note').waitFor();
  expect(await page.locator('main form').count()).toBe(0);

  await opened('/placements');
  expect(await page.getByTestId('placement-import').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Import placements' }).count()).toBe(0);

  await opened('/contracts/continue');
  await page.getByTestId('role-note').waitFor();
  expect(await page.getByTestId('confirm-continuation').count()).toBe(0);
  expect(await page.getByTestId('role-note').innerText()).toBe(`Only a commissioner or a contract officer can continue contracts. ${VIEWER_NOTE}`);

  await opened('/rates');
  await page.getByTestId('role-note').waitFor();
  expect(await page.getByRole('button', { name: /^(Record rate|Share rates|Withdraw rates)$/ }).count()).toBe(0);
  expect(await page.getByTestId('role-note').innerText()).toBe(`Only a commissioner or a finance officer can record rates. ${VIEWER_NOTE}`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in/);
});

it('a commissioner is offered them all', async () => {
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
  await opened('/returns');
  await page.getByTestId('returns-calendar').waitFor();
  await expect.poll(() => page.getByRole('button', { name: /^(Enter|Correct)/ }).count()).toBeGreaterThan(0);
  expect(await page.getByTestId('role-note').count()).toBe(0);
  await opened('/call-offs');
  await page.getByRole('button', { name: 'Start a call-off' }).waitFor();
  await opened('/placements');
  await page.getByTestId('placement-import').waitFor();
  await opened('/contracts/continue');
  await page.getByTestId('confirm-continuation').waitFor();
  await opened('/rates');
  await page.getByRole('button', { name: 'Record rate' }).waitFor();
  await page.getByRole('button', { name: 'Share rates' }).waitFor();
  expect(await page.getByTestId('role-note').count()).toBe(0);
});

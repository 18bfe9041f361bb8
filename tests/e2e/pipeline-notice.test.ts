import { financialYearName, longDate, pipelineNoticeDueBy, pipelineYearFor } from '@concord/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { axeViolations, settled, TITLE_PATTERN, unreadableText, widthAtPhone } from './support/page-checks.ts';

/**
 * Issue 16 in the browser: the authority's pipeline notice (UK1) has a page of its own. Sefton's commissioner drafts it
 * from "Notices due" and lands on it; writes what the authority plans to procure; marks it ready, then published with
 * Find a Tender's identifier and day; back on "Notices due" the card says it is published and links to it. The page at
 * 1280 px and at 375 px, checked by axe-core, with its title in the GOV.UK pattern.
 */
const COMMISSIONER = 'commissioner.sefton@concord.example';
const PLANS = 'A home care framework for Sefton (about £24 million over four years) and a supported living dynamic market';

let app: RunningApp;
let desk: Page;
let phone: Page;
let noticePath = '';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const year = () => pipelineYearFor(today());
const heading = () => `Pipeline notice for ${financialYearName(year())}`;

beforeAll(async () => {
  app = await startApp();
  desk = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  phone = await app.browser.newPage({ viewport: { width: 375, height: 800 } });
  for (const page of [desk, phone]) {
    await signInAs(page, app.url, COMMISSIONER);
    await page.getByTestId('header-authority').waitFor();
  }
});
afterAll(() => app.close());

/** The page as it stands at 1280 px and, opened again, at 375 px: no axe violation, no codes, no sideways scroll. */
async function bothWidths(name: string) {
  for (const page of [desk, phone]) {
    if (page === phone) await phone.goto(`${app.url}${noticePath}`);
    await page.getByTestId('notice-title').waitFor();
    await settled(page);
    expect(await axeViolations(page), `${name} at ${page.viewportSize()!.width} px`).toEqual([]);
    expect(await unreadableText(page), `${name}: no codes`).toEqual([]);
    if (page === phone) {
      const { width, culprits } = await widthAtPhone(phone);
      expect(width, `${name} at 375 px: ${culprits.join('; ')}`).toBeLessThanOrEqual(375);
    }
    await screenshot(page, `${name}-${page.viewportSize()!.width}`);
  }
}

it('a commissioner drafts the pipeline notice from "Notices due" and lands on its page', async () => {
  await desk.goto(`${app.url}/notices`);
  const card = desk.getByTestId('pipeline-notice');
  await card.getByTestId('pipeline-draft').click();
  await desk.waitForURL(/\/notices\/pipeline\/[0-9a-f-]{36}$/);
  noticePath = new URL(desk.url()).pathname;
  expect(await desk.getByTestId('notice-title').textContent()).toBe(heading());
  expect(await desk.locator('.govuk-caption-l').textContent()).toBe('UK1 Pipeline notice');
  await desk.getByText(`The pipeline notice for ${financialYearName(year())} is drafted.`).waitFor();
  expect(await desk.title()).toBe(`${heading()} – Concord`);
  expect(await desk.title()).toMatch(TITLE_PATTERN);
  expect(await desk.getByTestId('notice-record-status').textContent()).toBe('Draft');
  expect(await desk.getByTestId('notice-state').textContent()).toBe(`Due by ${longDate(pipelineNoticeDueBy(year()))}`);
  expect(await desk.getByTestId('notice-page').textContent()).toContain(`The financial year ${financialYearName(year())}`);
  await bothWidths('pipeline-notice-draft');
});

it('writes what the authority plans to procure, marks it ready and published; "Notices due" links to it', async () => {
  const form = desk.getByTestId('notice-fields');
  await form.getByLabel('What the authority plans to procure this year').fill(PLANS);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await desk.getByText('Your changes to the notice are saved.').waitFor();

  await desk.getByTestId('mark-ready').click();
  await desk.getByTestId('mark-published').waitFor();
  expect(await desk.getByTestId('notice-record-status').textContent()).toBe('Ready to publish');
  await desk.getByLabel('Notice identifier').fill('007777-2026');
  const [y, m, d] = today().split('-');
  await desk.locator('#publishedOn-day').fill(String(Number(d)));
  await desk.locator('#publishedOn-month').fill(String(Number(m)));
  await desk.locator('#publishedOn-year').fill(y!);
  await desk.getByTestId('mark-published').getByRole('button', { name: 'Continue' }).click();
  await desk.getByTestId('confirm-step').waitFor();
  await desk.getByRole('button', { name: 'Yes, mark as published' }).click();
  await desk.getByText('recorded as published on Find a Tender as 007777-2026').waitFor();
  expect(await desk.getByTestId('notice-record-status').textContent()).toBe('Published');
  expect(await desk.getByTestId('notice-identifier').locator('dd').textContent()).toBe('007777-2026');
  expect(await desk.getByTestId('notice-page').textContent()).toContain(PLANS);
  await bothWidths('pipeline-notice-published');

  await desk.getByRole('link', { name: 'Back to Notices due' }).click();
  const card = desk.getByTestId('pipeline-notice');
  await card.getByTestId('pipeline-view').waitFor();
  expect(await card.getByTestId('pipeline-state').textContent()).toBe('Published');
  expect(await card.textContent()).toContain(`Published on ${longDate(today())}`);
  await card.getByTestId('pipeline-view').click();
  await desk.waitForURL(`${app.url}${noticePath}`);
  expect(await desk.getByTestId('notice-title').textContent()).toBe(heading());
});

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HTML_FILE, pdfFile } from '../support/documents.ts';
import { registration } from '../support/providers.ts';
import { screenshot, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 11, item 2 ("tell us once"): a provider organisation uploads its insurance certificate on its documents page,
 * sees it listed with its expiry ("Expires in 20 days"), downloads it as an attachment, and is refused an HTML file
 * named .pdf; its home shows the certificate to renew. Screenshots at 1280 and 375 px.
 */
let app: RunningApp;
let page: Page;
const certificate = pdfFile('Public liability insurance certificate');

/** The day `days` from today in England, as the date input's three boxes. */
function dayFromToday(days: number) {
  const date = new Date(Date.now() + days * 86_400_000);
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

beforeAll(async () => {
  app = await startApp();
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  // Registered through the real procedure (the registration page has its own browser test); the cookie is the page's.
  const registered = await page.request.post(`${app.url}/trpc/organisation.register`, { data: registration(160), headers: { 'x-concord-csrf': '1', origin: app.url } });
  expect(registered.status()).toBe(200);
});
afterAll(() => app.close());

async function atPhoneWidth(name: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

it('uploads an insurance certificate and sees it listed with its expiry', async () => {
  await page.goto(`${app.url}/organisation`);
  await page.getByTestId('documents-link').click();
  await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
  expect(await page.getByTestId('no-documents').textContent()).toContain('not added any documents');

  // A certificate with no expiry, no title and an HTML page named .pdf: refused, each field marked.
  await page.getByLabel('Insurance certificate').check();
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'insurance.pdf', mimeType: 'application/pdf', buffer: HTML_FILE });
  await page.getByRole('button', { name: 'Add document' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the date the certificate expires');
  expect(await page.locator('#title-error').textContent()).toContain('Enter a title');
  await page.getByLabel('Title').fill('Public liability insurance');
  const expiry = dayFromToday(20);
  await page.locator('#expiresOn-day').fill(expiry.day);
  await page.locator('#expiresOn-month').fill(expiry.month);
  await page.locator('#expiresOn-year').fill(expiry.year);
  await page.getByRole('button', { name: 'Add document' }).click();
  await expect.poll(() => page.locator('#documentFile-error').textContent()).toContain('must be a PDF, DOCX, XLSX, PNG or JPEG');
  await screenshot(page, 'provider-documents-refused');

  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'insurance.pdf', mimeType: 'application/pdf', buffer: certificate });
  await page.getByRole('button', { name: 'Add document' }).click();
  const row = page.getByTestId('document-row');
  await expect.poll(() => row.count()).toBe(1);
  const text = await row.first().textContent();
  expect(text).toContain('Public liability insurance');
  expect(text).toContain('Insurance certificate');
  expect(text).toContain('PDF');
  expect(await row.first().getByTestId('expiry-tag').textContent()).toBe('Expires in 20 days');
  expect(await page.getByTestId('expiring-certificate').textContent()).toContain('Public liability insurance expires in 20 days');
  await screenshot(page, 'provider-documents');
  await atPhoneWidth('provider-documents-375');
});

it('downloads it as an attachment, the same bytes', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-document').click()]);
  expect(download.suggestedFilename()).toBe('insurance.pdf');
  const saved = await download.path();
  expect(readFileSync(saved).equals(certificate)).toBe(true);
});

it('shows the certificate to renew on the organisation’s home', async () => {
  await page.goto(`${app.url}/organisation`);
  await page.getByTestId('expiring-certificates').waitFor();
  expect(await page.getByTestId('expiring-certificate').textContent()).toContain('expires in 20 days');
  await screenshot(page, 'provider-documents-home');
});

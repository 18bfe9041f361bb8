import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdfFile } from '../support/documents.ts';
import { applyToTripartite, uploadDocument } from '../support/online-applications.ts';
import { PROVIDER_PASSWORD, registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 11, gaps a council would notice, in the browser: Liverpool (the lead) downloads from an online application's
 * page exactly the certificate the provider attached; the provider's administrator reads its organisation's own audit
 * log under Audit log in its navigation. Screenshots at 1280 and 375 px.
 */
let app: RunningApp;
let provider: RegisteredProvider;
let applicationId: string;
const certificate = pdfFile('Employers liability insurance 368');

beforeAll(async () => {
  app = await startApp();
  provider = await registerProvider(app.connection, 368);
  const documentId = await uploadDocument(provider, 'insurance_certificate', certificate);
  await uploadDocument(provider, 'safeguarding_policy');
  applicationId = (await applyToTripartite(app.connection, provider, [documentId]))!;
});
afterAll(() => app.close());

async function atPhoneWidth(page: Page, name: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

it('the lead downloads the certificate the provider attached to its application, and only that', async () => {
  const lead = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await signInAs(lead, app.url, 'commissioner.liverpool@concord.example');
  const procurementId = (await app.connection.db.selectFrom('procurement').select('id').where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow()).id;
  await lead.goto(`${app.url}/procurements/${procurementId}/applications/${applicationId}`);
  const documents = lead.getByTestId('submitted-documents');
  await documents.waitFor();
  expect(await documents.getByRole('link').allTextContents()).toEqual([`insurance_certificate ${provider.email}`]);
  expect(await documents.textContent()).toContain('Insurance certificate, expires 31 December 2027');
  await screenshot(lead, 'provider-gaps-lead-documents');
  await atPhoneWidth(lead, 'provider-gaps-lead-documents-375');
  const [download] = await Promise.all([lead.waitForEvent('download'), documents.getByRole('link').click()]);
  expect(download.suggestedFilename()).toBe('insurance_certificate.pdf');
  expect(readFileSync((await download.path())!).equals(certificate)).toBe(true);
});

it('the provider administrator reads its organisation’s own audit log', async () => {
  const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAs(page, app.url, provider.email, PROVIDER_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const events = page.getByTestId('audit-event');
  await events.first().waitFor();
  const labels = await page.getByTestId('audit-label').allTextContents();
  expect(labels.length).toBeGreaterThanOrEqual(5);
  expect(labels.every((l) => !/^[a-z]+\.[a-zA-Z]+$/.test(l))).toBe(true);
  expect(await events.first().textContent()).toContain(`Bid Writer 368${provider.email}`);
  await screenshot(page, 'provider-gaps-organisation-audit');
  await atPhoneWidth(page, 'provider-gaps-organisation-audit-375');
});

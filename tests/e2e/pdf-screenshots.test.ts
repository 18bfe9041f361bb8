import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdfLayout, renderPdfPage } from '../support/pdf-layout.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 13, done when: screenshots of the pack PDF and the business case PDF, as a person sees them, are in
 * tests/e2e/screenshots/. The PDFs are the ones the app downloads (its Download PDF buttons); their pages are
 * drawn by pdfjs, shown fitted to the window at 1280 px and at 375 px as a browser's PDF viewer would, and
 * saved: page 1 of each, and the page of the pack with the SPC chart.
 */
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, app.url, 'commissioner.plymouth@concord.example');
}, 120_000);
afterAll(() => app?.close());

async function base64Of(download: Promise<Download>): Promise<{ name: string; base64: string }> {
  const file = await download;
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  return { name: file.suggestedFilename(), base64: bytes.toString('base64') };
}

/** Draws `pages` of the PDF and shows them one under the other, fitted to the width, at 1280 and 375 px. */
async function showAsViewer(base64: string, pages: number[], name: string) {
  const images: string[] = [];
  for (const n of pages) {
    const file = join(tmpdir(), `concord-${name}-${n}-${process.pid}.png`);
    expect(await renderPdfPage(base64, n, file, 2)).toBeGreaterThan(10_000);
    images.push(readFileSync(file).toString('base64'));
  }
  for (const width of [1280, 375]) {
    const viewer = await app.browser.newPage({ viewport: { width, height: width === 375 ? 812 : 900 } });
    await viewer.setContent(
      `<!doctype html><html lang="en"><head><title>${name}</title><style>body{margin:0;background:#525659}img{display:block;width:calc(100% - 16px);max-width:900px;margin:8px auto;background:#fff;box-shadow:0 1px 4px #0008}</style></head><body>${images
        .map((src, i) => `<img alt="Page ${pages[i]}" src="data:image/png;base64,${src}">`)
        .join('')}</body></html>`,
    );
    await viewer.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(viewer, `${name}-${width}`);
    await viewer.close();
  }
}

it('the network meeting pack PDF, page 1 and the SPC chart page, at 1280 and 375 px', async () => {
  const meeting = await app.connection.db.selectFrom('network_meeting').select('id').where('held_on', '=', '2023-09-21').executeTakeFirstOrThrow();
  await page.goto(`${app.url}/meetings/${meeting.id}`);
  const pack = page.getByTestId('pack');
  await pack.waitFor();
  const download = page.waitForEvent('download');
  await pack.getByRole('button', { name: 'Download PDF' }).click();
  const { name, base64 } = await base64Of(download);
  expect(name).toMatch(/\.pdf$/);
  const layout = await pdfLayout(base64);
  const spc = layout.boxes.find((b) => /SPC|XmR/.test(b.str))?.page;
  expect(spc, 'a page of the pack names its SPC chart').toBeDefined();
  await showAsViewer(base64, [...new Set([1, spc!])], 'pdf-meeting-pack');
}, 120_000);

it('the business case PDF, page 1, at 1280 and 375 px', async () => {
  await page.goto(`${app.url}/business-cases`);
  await page.getByRole('link', { name: 'Direct award of a new contract to Shared Lives South West' }).click();
  await page.getByTestId('export-pdf').waitFor();
  await expect.poll(() => page.getByTestId('export-pdf').isEnabled()).toBe(true);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-pdf').click();
  const { base64 } = await base64Of(download);
  await showAsViewer(base64, [1], 'pdf-business-case');
}, 120_000);

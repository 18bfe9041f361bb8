import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 11, item 6: the inbox. Sefton's commissioner sees Sefton's messages (never Kent's), unread ones marked; opening
 * one follows its link and marks it read.
 */
let app: RunningApp;
let page: Page;
const SEFTON = 'E08000014';
const KENT = 'E10000016';

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await app.connection.db
    .insertInto('message')
    .values([
      { authority_id: SEFTON, kind: 'monitoring_return_submitted', subject: 'A monitoring return to review', body: 'Wirral Homecare Ltd submitted its return for November 2026.', link: '/contracts', created_at: new Date(Date.now() - 60_000) },
      { authority_id: SEFTON, kind: 'call_off_deadline', subject: 'Responses open tomorrow', body: 'The deadline for responses to your mini-competition has passed.', link: null },
      { authority_id: KENT, kind: 'call_off_deadline', subject: 'A message for Kent only', body: 'Not for Sefton.', link: null },
    ])
    .execute();
});
afterAll(() => app.close());

it('lists the authority’s own messages, unread first marked, and opening one follows its link and marks it read', async () => {
  await signInAs(page, app.url, 'commissioner.sefton@concord.example');
  // The inbox is in everyone's navigation (wait for it: the navigation renders once who is signed in is known).
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Messages' }).waitFor();
  await page.goto(`${app.url}/messages`);
  await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
  expect(await page.title()).toBe('Messages – Concord');
  expect(await page.getByTestId('unread-count').textContent()).toBe('2 unread messages.');
  const subjects = await page.getByTestId('message').locator('h2').allTextContents();
  expect(subjects).toEqual(['UnreadResponses open tomorrow', 'UnreadA monitoring return to review']);
  expect(await page.getByText('A message for Kent only').count()).toBe(0);
  await screenshot(page, 'messages-1280');

  await page.getByRole('button', { name: /^Open.*A monitoring return to review$/ }).click();
  await page.waitForURL(`${app.url}/contracts`);
  await page.goto(`${app.url}/messages`);
  await page.getByTestId('unread-count').waitFor();
  expect(await page.getByTestId('unread-count').textContent()).toBe('1 unread message.');

  await page.getByRole('button', { name: /^Mark as read.*Responses open tomorrow$/ }).click();
  await page.getByText('Every message has been read.').waitFor();

  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, 'messages-375');
});

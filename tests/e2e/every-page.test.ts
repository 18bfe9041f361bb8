import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { PROVIDER_PASSWORD, registerVerifiedProvider } from '../support/providers.ts';
import { seededTripartite } from '../support/procurement.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';
import { openApp, signInAs, type RunningApp } from './support/app.ts';
import { axeViolations, settled, TITLE_PATTERN, unreadableText, widthAtPhone } from './support/page-checks.ts';

/**
 * Every page in the navigation, and one page of each kind linked from them, opened by each kind of demo user:
 * it has one main heading, is not the problem page or Page not found, and the browser reports no error (a failed
 * request, an uncaught exception, a React warning). On every page (issue 13): axe-core finds no violation, the
 * title follows the GOV.UK pattern, no visible text is a raw code, NaN, undefined, null or money past the penny;
 * and each kind of page, the first time any user opens it, is no wider than 375 px on a phone. A page added to the
 * navigation is covered without touching this test.
 */
let app: RunningApp;
let page: Page;
/** A verified provider organisation's administrator (issue 11), holding a Sefton contract with a monitoring return. */
const PROVIDER = 'bids301@homecare301.example';
/** Pages not linked from a navigation page (issue 16): the authority's notices due, and the seeded PDPS's Notices tab for its lead's people. */
let tripartiteNotices = '';
const pagesBeyondNavigation = (email: string) => (email === PROVIDER || email === 'admin@concord.example' ? [] : ['/notices', ...(email.endsWith('.liverpool@concord.example') ? [tripartiteNotices] : [])]);
beforeAll(async () => {
  ({ app, page } = await openApp());
  tripartiteNotices = `/procurements/${(await seededTripartite(app.connection.db)).id}/notices`;
  const provider = await registerVerifiedProvider(app.connection, 301);
  const contractId = await seftonContractFor(app.connection, provider.providerId, 1);
  await provider.caller.providerReturn.submit({ contractId, periodStart: '2026-01-01', periodEnd: '2026-01-31', hoursDelivered: 4210, missedVisits: 3, lateVisits: 17, staffTurnoverPercent: 12.5, complaints: 1, rowVersion: null });
});
afterAll(() => app.close());
// Each test in a browser context of its own, so one user's failure (left signed in, mid-page) cannot fail the next.
beforeEach(async () => {
  await page.close();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
});
/** Page kinds already measured at 375 px (by any user): each is measured once, to keep the run short. */
const measuredAtPhone = new Set<string>();

const USERS = [
  'commissioner.sefton@concord.example',
  'commissioner.liverpool@concord.example',
  'officer.liverpool@concord.example',
  'viewer.plymouth@concord.example',
  'commissioner.kent@concord.example',
  'admin@concord.example',
  PROVIDER,
];

it.each(USERS)('%s opens every page in the navigation without a problem', async (email) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await signInAs(page, app.url, email, email === PROVIDER ? PROVIDER_PASSWORD : undefined);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const links = page.getByRole('navigation', { name: 'Menu' }).getByRole('link');
  await links.first().waitFor();
  const hrefs = [...new Set(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))];
  expect(hrefs.length).toBeGreaterThan(2);
  // Each navigation page, then one page of each kind it links to (a contract, a procurement's tab, a meeting …).
  const seen = new Set<string>();
  const queue = [...hrefs.map((href) => ({ href, from: 'the navigation' })), ...pagesBeyondNavigation(email).map((href) => ({ href, from: 'a page' }))];
  while (queue.length > 0) {
    const { href, from } = queue.shift()!;
    const kind = href.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id').replace(/\?.*$/, '');
    if (seen.has(kind)) continue;
    seen.add(kind);
    await page.goto(`${app.url}${href}`);
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.first().waitFor();
    const where = `${href} (linked from ${from})`;
    expect(await h1.count(), where).toBe(1);
    expect(await h1.textContent(), where).not.toMatch(/Sorry, there is a problem|Page not found/);
    await settled(page);
    const title = await page.title();
    if (!TITLE_PATTERN.test(title)) problems.push(`${where}: title “${title}” is not “What the page is – Concord”`);
    for (const v of await axeViolations(page)) problems.push(`${where}: axe ${v}`);
    for (const t of await unreadableText(page)) problems.push(`${where}: ${t}`);
    if (!measuredAtPhone.has(kind)) {
      measuredAtPhone.add(kind);
      const { width, culprits } = await widthAtPhone(page);
      if (width > 375) problems.push(`${where}: ${width} px wide at 375 px (${culprits.join('; ')})`);
    }
    if (hrefs.includes(href)) {
      const found = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      for (const next of found) if (!next.startsWith('/api/') && !next.startsWith('/sign-in')) queue.push({ href: next, from: href });
    }
  }
  page.removeAllListeners('console');
  page.removeAllListeners('pageerror');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in/);
  // After signing out, so the next user's run starts from the sign-in page whatever this one found.
  expect(problems).toEqual([]);
}, 600_000);

it('a platform administrator acting for no authority is told so on every page about an authority’s work', async () => {
  await signInAs(page, app.url, 'admin@concord.example');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const pages = ['/procurements', '/providers', '/contracts', '/placements', '/market', '/budgets', '/call-offs', '/business-cases', '/cost-models', '/returns', '/returns/review', '/kpis', '/benchmark', '/meetings', '/sessions/api-tokens', '/notices'];
  for (const href of pages) {
    await page.goto(`${app.url}${href}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent(), href).not.toMatch(/Sorry, there is a problem|Page not found/);
    expect(await page.locator('main').textContent(), href).toContain('Your account does not act for an authority, so it has no');
  }
});

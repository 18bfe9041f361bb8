import { addDays, financialYearName, longDate, pipelineNoticeDueBy, pipelineYearFor, standstillPeriod } from '@concord/domain';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GSS } from '../support/api.ts';
import { partnershipIdOf } from '../support/procurement.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { readFileSync } from 'node:fs';
import { axeViolations, settled, unreadableText, widthAtPhone } from './support/page-checks.ts';

/**
 * Issue 16 in the browser: Liverpool's lead commissioner creates a procurement today, which follows the Procurement
 * Act 2023 without being told; sees on its Notices tab that the tender notice (UK4) is due; drafts it, adds what only
 * a person can say (and is refused a stale edit with the CONFLICT message), marks it ready and published with its
 * Find a Tender identifier; awards (moves the procurement live); drafts and publishes the contract award notice (UK6);
 * is refused a contract starting inside the standstill, in words; records it from the first day after; and, once the
 * dates have passed (moved back as the owner: the server's clock is real), sees the contract details notice (UK7)
 * overdue on "Notices due" and on the home page. Every page at 1280 px and at 375 px, checked by axe-core.
 */

const LEAD = 'commissioner.liverpool@concord.example';
const TITLE = 'Home care in Liverpool: open tender under the Act';
const REFERENCE = 'LCC-HC-ACT-2026';
const CONTRACT = 'LCC-HC-ACT-2027';

let app: RunningApp;
let desk: Page;
let phone: Page;
let procurementUrl = '';
let procurementId = '';
let provider = { id: '', name: '' };

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const parts = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y! };
};

beforeAll(async () => {
  app = await startApp();
  desk = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  phone = await app.browser.newPage({ viewport: { width: 375, height: 800 } });
  for (const page of [desk, phone]) {
    await signInAs(page, app.url, LEAD);
    await page.getByTestId('header-authority').waitFor();
  }
});
afterAll(() => app.close());

/** The same address at 375 px: no wider than the phone, no axe violation, and a screenshot of each width. */
async function bothWidths(path: string, name: string, ready: (page: Page) => Promise<unknown>) {
  await ready(desk);
  await settled(desk);
  expect(await axeViolations(desk), `${name} at 1280 px`).toEqual([]);
  expect(await unreadableText(desk), `${name}: no codes`).toEqual([]);
  await screenshot(desk, `${name}-1280`);
  await phone.goto(`${app.url}${path}`);
  await ready(phone);
  await settled(phone);
  const { width, culprits } = await widthAtPhone(phone);
  expect(width, `${name} at 375 px: ${culprits.join('; ')}`).toBeLessThanOrEqual(375);
  await screenshot(phone, `${name}-375`);
}

const path = (page: Page) => new URL(page.url()).pathname;
const card = (page: Page, type: string) => page.getByTestId(`notice-${type}`);

/** Types a day into a GOV.UK date input (its three boxes). */
async function fillDate(page: Page, id: string, iso: string) {
  const d = parts(iso);
  await page.locator(`#${id}-day`).fill(d.day);
  await page.locator(`#${id}-month`).fill(d.month);
  await page.locator(`#${id}-year`).fill(d.year);
}

/** Fills every text field only a person supplies on the notice's page (not its dates or choices), and saves. */
async function fillFields(page: Page, text: string) {
  const form = page.getByTestId('notice-fields');
  await form.waitFor();
  for (const box of await form.locator('textarea').all()) await box.fill(text);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Your changes to the notice are saved.').waitFor();
}

async function markReadyAndPublished(page: Page, identifier: string, on: string) {
  await page.getByTestId('mark-ready').click();
  await page.getByTestId('mark-published').waitFor();
  await page.getByLabel('Notice identifier').fill(identifier);
  const d = parts(on);
  await page.locator('#publishedOn-day').fill(d.day);
  await page.locator('#publishedOn-month').fill(d.month);
  await page.locator('#publishedOn-year').fill(d.year);
  await page.getByTestId('mark-published').getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('confirm-step').waitFor();
  await page.getByRole('button', { name: 'Yes, mark as published' }).click();
  await page.getByText(`recorded as published on Find a Tender as ${identifier}`).waitFor();
  expect(await page.getByTestId('notice-record-status').textContent()).toBe('Published');
}

it('a procurement created today follows the Procurement Act 2023, and its Notices tab says the tender notice is due', async () => {
  await desk.goto(`${app.url}/procurements/new`);
  await desk.getByRole('heading', { level: 1, name: 'Create a procurement' }).waitFor();
  // Begun after 24 February 2025: the Act is chosen already.
  expect(await desk.getByLabel('Procurement Act 2023', { exact: true }).isChecked()).toBe(true);
  await desk.getByLabel('Reference (optional)').fill(REFERENCE);
  await desk.getByLabel('Title', { exact: true }).fill(TITLE);
  await desk.getByLabel('Home care', { exact: true }).check();
  await desk.getByLabel('Open tender', { exact: true }).check();
  await desk.getByRole('button', { name: 'Create procurement' }).click();
  await desk.getByTestId('procurement-title').filter({ hasText: TITLE }).waitFor();
  procurementUrl = desk.url().replace(/\/$/, '');
  procurementId = procurementUrl.split('/').at(-1)!;

  await desk.getByTestId('tab-notices').click();
  await desk.getByTestId('notices').waitFor();
  expect(await desk.getByTestId('notices-regime').textContent()).toContain('Procurement Act 2023');
  expect(await card(desk, 'UK4').getByRole('heading').textContent()).toContain('UK4 Tender notice');
  expect(await card(desk, 'UK4').getByTestId('notice-state').textContent()).toMatch(/^Due/);
  // No market engagement took place: no UK2 is needed, and says why.
  expect(await card(desk, 'UK2').getByTestId('notice-state').textContent()).toBe('Not required');
  expect(await card(desk, 'UK2').textContent()).toContain('No preliminary market engagement took place');
  // Nothing shows a code.
  expect(await desk.locator('main').textContent()).not.toMatch(/procurement_act_2023|not_required|open_tender/);
  await bothWidths(`/procurements/${procurementId}/notices`, 'procurement-act-notices-due', (p) => card(p, 'UK4').waitFor());
});

it('drafts the tender notice, is refused a stale edit, then marks it ready and published with its identifier', async () => {
  await card(desk, 'UK4').getByTestId('draft-notice').click();
  await desk.getByTestId('notice-page').waitFor();
  expect(await desk.getByTestId('notice-title').textContent()).toBe('UK4 Tender notice');
  expect(await desk.getByTestId('notice-record-status').textContent()).toBe('Draft');
  const noticePath = path(desk);
  await bothWidths(noticePath, 'procurement-act-uk4-draft', (p) => p.getByTestId('notice-fields').waitFor());

  // Someone else saves the draft meanwhile (as the owner: the row's version moves on): this page's save is refused.
  await sql`UPDATE procurement_notice SET fields = fields WHERE procurement_id = ${procurementId} AND notice_type = 'UK4'`.execute(app.connection.db);
  const form = desk.getByTestId('notice-fields');
  await form.locator('textarea').first().fill('Home care across Liverpool, four zones.');
  await form.getByRole('button', { name: 'Save changes' }).click();
  const summary = desk.locator('.govuk-error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(/Changed by .* reload to see it/);
  await screenshot(desk, 'procurement-act-uk4-conflict-1280');

  // The tender's closing date: the page says the minimum period (10 days, a light touch contract) and the earliest day.
  await desk.reload();
  const fields = desk.getByTestId('notice-fields');
  await fields.waitFor();
  await fields.getByLabel('Description of the tender').fill('Home care across Liverpool in four zones, from 2027, for people assessed as eligible under the Care Act 2014.');
  const earliest = addDays(today(), 10);
  expect(await desk.getByTestId('earliest-tenderDeadline').textContent()).toContain(`Earliest allowed: ${longDate(earliest)}`);
  expect(await desk.getByTestId('earliest-tenderDeadline').textContent()).toContain('a light touch contract (Procurement Act 2023, s.54(4))');
  expect(await fields.getByLabel('Open procedure (a single stage, anyone may tender)').isChecked()).toBe(true);
  await fillDate(desk, 'notice-field-tenderDeadline', addDays(today(), 9));
  await fields.getByRole('button', { name: 'Save changes' }).click();
  await desk.getByText('Your changes to the notice are saved.').waitFor();
  expect(await desk.locator('#notice-field-tenderDeadline-day').inputValue()).toBe(parts(addDays(today(), 9)).day);
  // Too early: marking it ready is refused, the error summary saying the earliest day and why, linked to the date.
  await desk.getByTestId('mark-ready').click();
  const refusal = desk.locator('.govuk-error-summary');
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain(`“Tenders must be received by” must be on or after ${longDate(earliest)}`);
  expect(await refusal.textContent()).toContain('a light touch contract (Procurement Act 2023, s.54(4))');
  expect(await refusal.locator('a').first().getAttribute('href')).toBe('#notice-field-tenderDeadline-day');
  expect(await desk.getByTestId('notice-record-status').textContent()).toBe('Draft');
  await screenshot(desk, 'procurement-act-uk4-deadline-refused-1280');
  await phone.goto(`${app.url}${noticePath}`);
  await phone.getByTestId('mark-ready').click();
  await phone.locator('.govuk-error-summary').waitFor();
  expect((await widthAtPhone(phone)).width).toBeLessThanOrEqual(375);
  await screenshot(phone, 'procurement-act-uk4-deadline-refused-375');
  // The earliest day allowed is accepted.
  await fillDate(desk, 'notice-field-tenderDeadline', earliest);
  await fields.getByRole('button', { name: 'Save changes' }).click();
  // Saved: the page holds the notice's new version, and the refusal made on the old one is gone.
  await refusal.waitFor({ state: 'detached' });
  await markReadyAndPublished(desk, '001234-2026', today());
  expect(await desk.getByTestId('notice-identifier').locator('dd').textContent()).toBe('001234-2026');
  await bothWidths(noticePath, 'procurement-act-uk4-published', (p) => p.getByTestId('notice-identifier').waitFor());

  // Its OCDS release and readable PDF download.
  const [ocds] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('download-notice-ocds').click()]);
  const release = JSON.parse(readFileSync(await ocds.path(), 'utf8')) as { releases: { tag: string[]; tender: { tenderPeriod: { endDate: string } } }[] };
  expect(release.releases[0]!.tag).toContain('tender');
  expect(release.releases[0]!.tender.tenderPeriod.endDate.slice(0, 10)).toBe(earliest);
  const [pdf] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('download-notice-pdf').click()]);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

  await desk.goto(`${procurementUrl}/notices`);
  await card(desk, 'UK4').waitFor();
  expect(await card(desk, 'UK4').getByTestId('notice-state').textContent()).toBe(`Published on ${longDate(today())}`);
  expect(await card(desk, 'UK4').getByTestId('notice-identifier').textContent()).toContain('001234-2026');

  // An optional planned procurement notice, drafted by mistake, is withdrawn with a reason after a confirmation step.
  expect(await card(desk, 'UK3').getByTestId('notice-state').textContent()).toBe('Optional');
  await card(desk, 'UK3').getByTestId('draft-notice').click();
  await desk.getByTestId('notice-page').waitFor();
  await desk.getByTestId('withdraw-notice').click();
  await desk.getByTestId('withdraw-form').getByRole('button', { name: 'Continue' }).click();
  expect(await desk.locator('.govuk-error-summary').textContent()).toContain('Enter why you are withdrawing the notice');
  await desk.getByLabel('Why are you withdrawing it?').fill('Drafted by mistake: the tender notice is already published.');
  await desk.getByTestId('withdraw-form').getByRole('button', { name: 'Continue' }).click();
  await desk.getByTestId('confirm-step').waitFor();
  await desk.getByRole('button', { name: 'Yes, withdraw the notice' }).click();
  // Back on the list, which says so: the optional notice may be drafted afresh.
  await desk.getByText('UK3 Planned procurement notice is withdrawn.').waitFor();
  expect(path(desk)).toBe(`/procurements/${procurementId}/notices`);
  await expect.poll(() => card(desk, 'UK3').getByTestId('draft-notice').count()).toBe(1);
});

it('awards, publishes the contract award notice, and is refused a contract starting inside the standstill', async () => {
  // The tender ran its course (as the owner: a lot, a provider admitted, the award approved); the award is the browser's.
  const partnershipId = await partnershipIdOf(app.connection.db);
  const base = { authority_id: GSS.liverpool, partnership_id: partnershipId, procurement_id: procurementId };
  const lot = await app.connection.db.insertInto('lot').values({ ...base, number: 1, name: 'Liverpool North', basis: 'geography', estimated_volume: 400, volume_unit: 'hours_per_week' }).returning('id').executeTakeFirstOrThrow();
  const chosen = await app.connection.db.selectFrom('provider').select(['id', 'legal_name']).orderBy('legal_name').limit(1).executeTakeFirstOrThrow();
  provider = { id: chosen.id, name: chosen.legal_name };
  await app.connection.db.insertInto('approved_list_entry').values({ ...base, lot_id: lot.id, provider_id: provider.id, status: 'active', admitted_on: today() }).execute();
  await app.connection.db.updateTable('procurement').set({ status: 'award_approval' }).where('id', '=', procurementId).execute();

  await desk.goto(procurementUrl);
  await desk.getByTestId('stage-change').waitFor();
  // Live is the stage offered first (the other is cancelling).
  await desk.getByLabel('Decision reference').fill('LCC/CAB/2026/41');
  await desk.getByTestId('move-stage').click();
  await desk.waitForURL(/\/timeline$/);

  await desk.goto(`${procurementUrl}/notices`);
  await card(desk, 'UK6').waitFor();
  expect(await card(desk, 'UK6').getByRole('heading').textContent()).toContain('UK6 Contract award notice');
  expect(await card(desk, 'UK6').getByTestId('notice-state').textContent()).toMatch(/^Due/);
  await card(desk, 'UK6').getByTestId('draft-notice').click();
  await desk.getByTestId('notice-page').waitFor();
  // One assessment summary for each supplier assessed.
  expect(await desk.getByLabel(`Assessment summary for ${provider.name}`).count()).toBe(1);
  // A voluntary standstill is observed unless the commissioner chooses otherwise (light touch: no mandatory one).
  expect(await desk.getByLabel(/^Yes: no contract is entered into/).isChecked()).toBe(true);
  await fillFields(desk, 'Quality 52 of 60 and price 30 of 40: the highest-scoring tender against the award criteria.');
  await markReadyAndPublished(desk, '001235-2026', today());
  expect(await desk.getByTestId('notice-page').textContent()).toContain('Observe a voluntary standstill period');

  await desk.goto(`${procurementUrl}/notices`);
  const form = desk.getByTestId('record-contract');
  await form.waitFor();
  const standstill = standstillPeriod(today());
  expect(await desk.getByTestId('standstill').textContent()).toContain(`the contract can start from ${longDate(standstill.earliestEntryDate)}`);
  const early = addDays(today(), 1);
  await form.getByLabel('Provider').selectOption({ label: `${provider.name}, lot 1: Liverpool North` });
  await form.getByLabel('Contract reference').fill(CONTRACT);
  const start = async (iso: string) => {
    const d = parts(iso);
    await desk.locator('#contractStart-day').fill(d.day);
    await desk.locator('#contractStart-month').fill(d.month);
    await desk.locator('#contractStart-year').fill(d.year);
  };
  await start(early);
  await form.getByLabel('Term').fill('36');
  await form.getByLabel('Annual value').fill('1,250,000');
  await form.getByRole('button', { name: 'Record the contract' }).click();
  const refusal = form.locator('.govuk-error-summary');
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain(`The contract cannot be entered into on ${longDate(early)}`);
  expect(await refusal.textContent()).toContain(`The earliest day is ${longDate(standstill.earliestEntryDate)}`);
  await screenshot(desk, 'procurement-act-standstill-refused-1280');
  // Nothing was recorded.
  expect(await app.connection.db.selectFrom('contract').select('id').where('reference', '=', CONTRACT).execute()).toEqual([]);

  await start(standstill.earliestEntryDate);
  await form.getByRole('button', { name: 'Record the contract' }).click();
  await desk.getByTestId('contract-recorded').waitFor();
  await card(desk, 'UK7').waitFor();
  expect(await card(desk, 'UK7').getByTestId('notice-state').textContent()).toMatch(/^Due by /);
  await bothWidths(`/procurements/${procurementId}/notices`, 'procurement-act-uk7-due', (p) => card(p, 'UK7').waitFor());
});

it('later sees the contract details notice overdue on Notices due, the home page, the contract and the register', async () => {
  // 130 days on (as the owner moves the dates back): past the UK7's 120 days for a light touch contract.
  const contract = await app.connection.db.selectFrom('contract').select(['id', 'start_date']).where('reference', '=', CONTRACT).executeTakeFirstOrThrow();
  const started = addDays(today(), -130);
  await app.connection.db.updateTable('contract').set({ start_date: started }).where('id', '=', contract.id).execute();
  // The award notice moves back with it (published well before the start), else the register rightly warns of a start inside its standstill.
  await app.connection.db.updateTable('procurement_notice').set({ published_on: addDays(started, -20) }).where('procurement_id', '=', procurementId).where('notice_type', '=', 'UK6').execute();
  const dueBy = addDays(started, 119);

  await desk.goto(`${app.url}/`);
  const panel = desk.getByTestId('home-notices-due');
  await panel.waitFor();
  expect(await panel.textContent()).toContain('UK7 Contract details notice');
  await panel.getByRole('link', { name: 'See every notice due' }).click();
  await desk.getByRole('heading', { level: 1, name: 'Notices due' }).waitFor();
  const row = desk.getByTestId('notice-due').filter({ hasText: 'UK7 Contract details notice' });
  await row.waitFor();
  expect(await row.textContent()).toContain(CONTRACT);
  expect(await row.textContent()).toContain(`Overdue since ${longDate(addDays(dueBy, 1))}`);
  // The authority's pipeline notice (UK1) leads the page: required only above £100 million, with its day and Concord's floor.
  const year = pipelineYearFor(today());
  const pipeline = desk.getByTestId('pipeline-notice');
  expect(await pipeline.getByRole('heading').textContent()).toBe(`Pipeline notice for ${financialYearName(year)}`);
  expect(await pipeline.textContent()).toContain('Required only if your authority expects to pay more than £100,000,000 under public contracts in the year');
  // The due day is said once, in the state.
  expect(await pipeline.getByTestId('pipeline-state').textContent()).toBe(`Due by ${longDate(pipelineNoticeDueBy(year))}`);
  expect((await pipeline.textContent())!.split(longDate(pipelineNoticeDueBy(year))).length - 1).toBe(1);
  expect(await pipeline.textContent()).toContain('Contracts Concord holds for the year');
  await bothWidths('/notices', 'procurement-act-notices-due-page', (p) => p.getByTestId('notice-due').first().waitFor());

  // The contract's own page lists it too.
  await row.getByRole('link', { name: CONTRACT }).click();
  await desk.getByTestId('contract-notices').waitFor();
  expect(await card(desk, 'UK7').getByTestId('notice-state').textContent()).toMatch(/^Overdue since /);
  await screenshot(desk, 'procurement-act-contract-notices-1280');

  // The contract register warns on its row.
  await desk.goto(`${app.url}/contracts`);
  const registerRow = desk.getByTestId('contract').filter({ hasText: CONTRACT });
  await registerRow.getByTestId('contract-row-notice').waitFor();
  expect(await registerRow.getByTestId('contract-row-notice').textContent()).toBe(`UK7 overdue: Contract details notice (UK7) overdue since ${longDate(dueBy)}`);
  await screenshot(desk, 'procurement-act-register-tag-1280');
});

it('marks the pipeline notice not required, with the reason', async () => {
  await desk.goto(`${app.url}/notices`);
  const pipeline = desk.getByTestId('pipeline-notice');
  await pipeline.getByTestId('pipeline-decline').click();
  await pipeline.getByTestId('pipeline-decline-confirm').click();
  expect(await desk.locator('.govuk-error-summary').textContent()).toContain('Enter why your authority does not need a pipeline notice this year');
  await pipeline.getByLabel('Why is it not required?').fill('We expect to pay about £60 million under public contracts');
  await pipeline.getByTestId('pipeline-decline-confirm').click();
  await pipeline.getByTestId('pipeline-message').waitFor();
  expect(await pipeline.textContent()).toContain('Marked not required: We expect to pay about £60 million under public contracts');
  await bothWidths('/notices', 'procurement-act-pipeline-not-required', (p) => p.getByTestId('pipeline-notice').getByText(/^Marked not required: /).waitFor());
});

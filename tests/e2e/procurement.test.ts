import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 3 in the browser: Liverpool's lead commissioner runs the Tripartite Extra Care PDPS (seed 002) and
 * admits a provider; Sefton's commissioner, a partner, then sees it on the approved list and cannot change it.
 * And a new procurement goes from draft to its next stage with a recorded decision.
 */

const LEAD = 'commissioner.liverpool@concord.example';
const PARTNER = 'commissioner.sefton@concord.example';
const TRIPARTITE = 'Care and support in Extra Care housing: LCR Tripartite PDPS';
const PROVIDER = 'Crosby Coast Care and Support CIC';

let app: RunningApp;
let lead: Page;
let tripartiteUrl = '';

beforeAll(async () => {
  app = await startApp();
  lead = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(lead, app.url, LEAD);
  await lead.getByTestId('header-authority').waitFor();
});
afterAll(() => app.close());

/** Waits for the page whose h1 is `text` (pages load on first visit, so the old one stays a moment). */
async function page1(page: Page, text: string) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

it('shows the lead commissioner the Tripartite PDPS, live, with its buyers and criteria', async () => {
  await lead.getByRole('link', { name: 'Procurement', exact: true }).click();
  await lead.waitForURL(/\/procurements$/);
  await page1(lead, 'Joint procurements');
  // Lead commissioners can start one.
  await expect.poll(() => lead.getByRole('button', { name: 'Create a procurement' }).count()).toBe(1);

  const row = lead.getByTestId('procurement').filter({ hasText: TRIPARTITE });
  expect(await row.textContent()).toContain('LCR Tripartite');
  expect(await row.textContent()).toContain('Live');
  await row.getByRole('link', { name: TRIPARTITE }).click();
  await lead.getByTestId('procurement-title').waitFor();
  tripartiteUrl = lead.url();
  await page1(lead, TRIPARTITE);
  expect(await lead.getByTestId('overview-stage').textContent()).toBe('Live');
  expect(await lead.getByTestId('buyers').textContent()).toMatch(/Knowsley.*Liverpool.*Sefton/);
  expect(await lead.getByTestId('specification').textContent()).toContain('Published with version 1');
  expect(await lead.title()).toBe(`Overview – ${TRIPARTITE} – Concord`);
  await screenshot(lead, 'procurement-overview-lead');

  await lead.getByTestId('tab-criteria').click();
  await lead.getByTestId('running-total').waitFor();
  expect(await lead.getByTestId('running-total').textContent()).toContain('Total 100%');
  await expect.poll(() => lead.getByTestId('criterion').count()).toBe(6);
  expect(await lead.getByTestId('quality-threshold').textContent()).toContain('60%');
  // Published: the criteria are fixed, so there is no form.
  await expect.poll(() => lead.getByTestId('criteria-form').count()).toBe(0);
  await screenshot(lead, 'procurement-criteria-published');
});

it('adds a provider to the register', async () => {
  await lead.getByRole('link', { name: 'Providers', exact: true }).click();
  await page1(lead, 'Providers register');
  // The register is long: 25 providers a page, with the ratings of each provider's CQC locations.
  await expect.poll(() => lead.getByTestId('provider').count()).toBe(25);
  const caption = () => lead.locator('caption').first().textContent();
  expect(await caption()).toMatch(/^\d+ providers, page 1 of \d+$/);
  await screenshot(lead, 'providers-register');
  await lead.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next page' }).click();
  await expect.poll(caption).toMatch(/, page 2 of \d+$/);
  expect(await lead.getByRole('link', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
  await lead.getByRole('button', { name: 'Add a provider' }).click();
  await page1(lead, 'Add a provider');
  await lead.getByLabel('Legal name').fill(PROVIDER);
  await lead.getByLabel('Companies House number (optional)').fill('ZZ700001');
  await lead.getByLabel('CQC provider ID (optional)').fill('1-700000000001');
  await lead.getByLabel('Small or medium-sized enterprise (SME)').check();
  await lead.getByLabel('Voluntary, community or social enterprise (VCSE)').check();
  await lead.getByRole('button', { name: 'Add a location' }).click();
  await lead.getByLabel('Name', { exact: true }).fill('Crosby Coast: Waterloo scheme');
  await lead.getByLabel('Locality (optional)').fill('Sefton');
  await lead.getByLabel('CQC rating (optional)').selectOption({ label: 'Good' });
  await lead.getByRole('button', { name: 'Add provider' }).click();
  await page1(lead, PROVIDER);
  expect(await lead.getByTestId('location').textContent()).toContain('Good');
  // Found by search, one page, its location's rating on its row.
  await lead.goto(`${app.url}/providers?search=${encodeURIComponent('Crosby Coast')}`);
  const found = lead.getByTestId('provider').filter({ hasText: PROVIDER });
  await expect.poll(() => found.count()).toBe(1);
  expect(await found.textContent()).toMatch(/1 location\s*Good/);
  expect(await lead.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
});

it('enters an application, records the gateway, scores, moderates and admits the provider to a lot', async () => {
  await lead.goto(`${tripartiteUrl}/applications`);
  await lead.getByTestId('application').first().waitFor();
  // The seed's seven applications: six admitted, one rejected at the gateway.
  await expect.poll(() => lead.getByTestId('application').count()).toBe(7);
  await lead.getByRole('button', { name: 'Add an application' }).click();
  await lead.getByRole('heading', { name: 'Add an application' }).waitFor();
  // Found by its Companies House number, as an officer with the paperwork would.
  await lead.locator('#providerId').pressSequentially('ZZ700001');
  await lead.locator('#providerId__listbox li', { hasText: `${PROVIDER} (ZZ700001)` }).click();
  await lead.getByLabel('Lot 1: Sefton').check();
  await lead.getByLabel('Bid price').fill('16.80');
  await lead.getByRole('button', { name: 'Add application' }).click();
  await lead.getByTestId('application-provider').waitFor();
  expect(await lead.getByTestId('application-provider').textContent()).toContain(PROVIDER);
  expect(await lead.getByTestId('application-status').first().textContent()).toBe('Being evaluated');

  // Gateway: every question passed.
  await lead.getByTestId('pass-all').click();
  await lead.getByRole('button', { name: 'Save gateway answers' }).click();
  await lead.getByText('The gateway answers were saved').waitFor();

  // The scoring grid: my score and rationale for each scored criterion (price is scored from the bid).
  const rows = lead.getByTestId('score-row');
  await rows.first().waitFor();
  await expect.poll(() => rows.count()).toBe(5);
  for (let i = 0; i < 5; i++) {
    await rows.nth(i).locator('select').selectOption(i === 3 ? '3' : '4');
    await rows.nth(i).locator('textarea').fill('Clear, specific evidence from existing Extra Care schemes in Sefton.');
  }
  await lead.getByRole('button', { name: 'Save your scores' }).click();
  await lead.getByText('Your 5 scores were saved').waitFor();
  await screenshot(lead, 'procurement-scoring-grid');

  // Moderation: the panel agrees a different score for one criterion, with the reason.
  const moderation = lead.getByTestId('moderation');
  await moderation.locator('select').nth(3).selectOption('4');
  await moderation.locator('textarea').nth(3).fill('Panel agreed 4: the mobilisation plan names each housing provider and dates.');
  await lead.getByRole('button', { name: 'Save agreed scores' }).click();
  await lead.getByText('The agreed score was saved').waitFor();
  await lead.getByTestId('standing').getByText('Ranked').waitFor();

  // The decision: admit.
  await lead.getByLabel('Admit', { exact: true }).check();
  await lead.getByLabel(/^Reason \(optional when/).fill('Passed the gateway and ranked on lot 1; admitted to the PDPS.');
  await lead.getByRole('button', { name: 'Record decision' }).click();
  // An admission cannot be undone: the page asks first, naming the provider; going back changes nothing.
  const confirm = lead.getByTestId('confirm-step');
  await expect.poll(() => confirm.getByRole('heading').textContent()).toBe(`Admit ${PROVIDER} to the approved list of the lot applied to?`);
  await screenshot(lead, 'procurement-admit-confirm');
  await confirm.getByRole('button', { name: 'Go back' }).click();
  await expect.poll(() => lead.getByTestId('confirm-step').count()).toBe(0);
  expect(await lead.getByLabel('Admit', { exact: true }).isChecked()).toBe(true);
  await lead.getByRole('button', { name: 'Record decision' }).click();
  await lead.getByTestId('confirm-step').getByRole('button', { name: 'Yes, admit' }).click();
  await lead.waitForURL(/\/approved-list$/);
  // The success banner stands alone: no error summary left beside it.
  await expect.poll(() => lead.locator('.govuk-error-summary').count()).toBe(0);
  await lead.getByText(`${PROVIDER} was admitted to the approved list`).waitFor();

  const sefton = lead.getByTestId('approved-list-lot').filter({ has: lead.getByRole('heading', { name: 'Lot 1: Sefton' }) });
  const entry = sefton.getByTestId('approved-provider').filter({ hasText: PROVIDER });
  await entry.waitFor();
  await expect.poll(() => entry.count()).toBe(1);
  expect(await entry.getByTestId('list-status').textContent()).toBe('Active');
  // The lead can change the list.
  await expect.poll(() => entry.getByRole('button', { name: /^Suspend/ }).count()).toBe(1);
  await expect.poll(() => entry.getByRole('button', { name: /^Remove/ }).count()).toBe(1);
  await screenshot(lead, 'procurement-approved-list-lead');
});

it('shows Sefton’s commissioner the provider on the approved list, with no way to change it', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const partner = await context.newPage();
  await signInAs(partner, app.url, PARTNER);
  await partner.getByTestId('header-authority').waitFor();
  await partner.goto(`${tripartiteUrl}/approved-list`);
  await partner.getByTestId('approved-list-lot').first().waitFor();

  const sefton = partner.getByTestId('approved-list-lot').filter({ has: partner.getByRole('heading', { name: 'Lot 1: Sefton' }) });
  const entry = sefton.getByTestId('approved-provider').filter({ hasText: PROVIDER });
  await entry.waitFor();
  await expect.poll(() => entry.count()).toBe(1);
  expect(await entry.getByTestId('list-status').textContent()).toBe('Active');

  // No edit controls at all: no Suspend, Reinstate or Remove, no change form, no form of any kind.
  const main = partner.locator('main');
  await expect.poll(() => main.getByRole('button', { name: /Suspend|Reinstate|Remove/ }).count()).toBe(0);
  await expect.poll(() => main.getByTestId('change-form').count()).toBe(0);
  await expect.poll(() => main.locator('form').count()).toBe(0);
  await expect.poll(() => main.locator('input, select, textarea').count()).toBe(0);
  await expect.poll(() => partner.getByTestId('read-only').count()).toBe(1);
  await screenshot(partner, 'procurement-approved-list-partner');

  // The evaluation is confidential: no Applications tab, and going there directly says so.
  await expect.poll(() => partner.getByTestId('tab-applications').count()).toBe(0);
  await partner.goto(`${tripartiteUrl}/applications`);
  await partner.getByTestId('evaluation-confidential').waitFor();
  expect(await partner.getByTestId('evaluation-confidential').textContent()).toBe('Evaluation is confidential to the lead authority');
  await expect.poll(() => main.locator('form').count()).toBe(0);

  // The overview and criteria have no edit controls either.
  await partner.goto(tripartiteUrl);
  await partner.getByTestId('overview-stage').waitFor();
  await expect.poll(() => main.getByRole('button', { name: /Edit details/ }).count()).toBe(0);
  await expect.poll(() => main.getByTestId('stage-change').count()).toBe(0);
  await expect.poll(() => main.getByRole('button', { name: 'Download OCDS JSON' }).count()).toBe(1);
  await screenshot(partner, 'procurement-overview-partner');

  // The shared specification reads the same, with no way to edit it.
  await partner.getByTestId('tab-specification').click();
  await partner.getByTestId('specification-text').waitFor();
  expect(await partner.getByTestId('specification-version').textContent()).toContain('published with version 1');
  await expect.poll(() => main.getByRole('button').count()).toBe(0);
  await context.close();
});

it('creates a procurement in draft, sets criteria against a running total and moves it on with a decision', async () => {
  await lead.goto(`${app.url}/procurements`);
  await lead.getByRole('button', { name: 'Create a procurement' }).click();
  await page1(lead, 'Create a procurement');

  // Nothing chosen: the API's messages name each field.
  await lead.getByRole('button', { name: 'Create procurement' }).click();
  const summary = lead.locator('.govuk-error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toContain('Enter a title');
  expect(await summary.textContent()).toContain('Choose a service type');
  expect(await lead.title()).toMatch(/^Error: Create a procurement/);

  await lead.getByLabel('Title', { exact: true }).fill('Shared Lives: LCR Tripartite framework');
  await lead.getByLabel('Shared Lives', { exact: true }).check();
  await lead.getByLabel('Framework agreement (open, reopenable)').check();
  await lead.getByLabel('Procurement Act 2023', { exact: true }).check();
  await lead.getByLabel('Estimated value (optional)').fill('£2,400,000');
  await lead.getByLabel('System term (optional)').fill('48');
  await lead.getByLabel('Minimum period of use (optional)').fill('24');
  // Every member buys unless the lead says otherwise.
  expect(await lead.getByLabel('Sefton Council').isChecked()).toBe(true);
  await lead.getByRole('button', { name: 'Create procurement' }).click();
  await page1(lead, 'Shared Lives: LCR Tripartite framework');
  expect(await lead.getByTestId('overview-stage').textContent()).toBe('Draft');
  await expect.poll(() => lead.getByTestId('set-up').count()).toBe(1);
  expect(await lead.locator('main').textContent()).toContain('£2,400,000.00');
  const url = lead.url();

  // Criteria, with the running total as the weights are typed.
  await lead.getByTestId('tab-criteria').click();
  await lead.getByTestId('criteria-form').waitFor();
  const total = lead.getByTestId('running-total');
  expect(await total.textContent()).toContain('Total 0% — must be 100%');
  await lead.getByLabel('Name of criterion 1').fill('Person-centred support and matching');
  await lead.getByLabel('Weight of criterion 1').fill('60');
  await lead.getByRole('button', { name: 'Add another criterion' }).click();
  await lead.getByLabel('Kind of criterion 2').selectOption({ label: 'Price' });
  await lead.getByLabel('Name of criterion 2').fill('Weekly rate against the Tripartite cost model');
  await lead.getByLabel('Weight of criterion 2').fill('35');
  expect(await total.textContent()).toContain('Total 95% — must be 100%');
  await screenshot(lead, 'procurement-criteria-running-total');

  // Saving at 95% is refused with the API's message.
  await lead.getByRole('button', { name: 'Save criteria' }).click();
  await lead.locator('.govuk-error-summary').waitFor();
  expect(await lead.locator('.govuk-error-summary').textContent()).toContain('Weights must total 100%; they total 95%');

  await lead.getByRole('button', { name: 'Add another criterion' }).click();
  await lead.getByLabel('Kind of criterion 3').selectOption({ label: 'Social value' });
  await lead.getByLabel('Name of criterion 3').fill('Social value in the Liverpool City Region');
  await lead.getByLabel('Weight of criterion 3').fill('5');
  expect(await total.textContent()).toContain('Total 100%');
  expect(await total.textContent()).not.toContain('must be');
  await lead.getByRole('button', { name: 'Save criteria' }).click();
  await lead.getByText('The evaluation criteria were saved').waitFor();
  await expect.poll(() => lead.locator('.govuk-error-summary').count()).toBe(0);

  // Move it to market engagement, with the decision that allows it.
  await lead.goto(url);
  await lead.getByTestId('stage-change').waitFor();
  expect(await lead.getByLabel('Market engagement').isChecked()).toBe(true);
  await lead.getByLabel('Decision reference').fill('Liverpool City Council delegated decision DD-2026-041');
  await lead.getByLabel('Link to the decision (optional)').fill('https://councillors.liverpool.gov.uk/decisions/dd-2026-041');
  await lead.getByRole('button', { name: 'Move to Market engagement' }).click();
  await lead.waitForURL(/\/timeline$/);
  await lead.getByText('The procurement moved to Market engagement').waitFor();
  const decision = lead.getByTestId('decision').first();
  expect(await decision.textContent()).toContain('Moved to Market engagement');
  expect(await decision.getByTestId('decision-reference').textContent()).toBe('Liverpool City Council delegated decision DD-2026-041');
  expect(await decision.getByRole('link', { name: /Read the decision/ }).getAttribute('href')).toBe('https://councillors.liverpool.gov.uk/decisions/dd-2026-041');
  expect(await lead.getByTestId('stage').first().textContent()).toBe('Market engagement');
  await screenshot(lead, 'procurement-timeline');

  // A stage the state machine does not allow from here is not offered.
  await lead.goto(url);
  await lead.getByTestId('stage-change').waitFor();
  const offered = await lead.getByTestId('stage-change').locator('input[type=radio]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(offered).toEqual(['published', 'cancelled']);
});

it('compares specification versions, edits the draft with a live preview and publishes it', async () => {
  await lead.goto(`${tripartiteUrl}/specification`);
  await lead.getByTestId('specification-text').waitFor();
  await expect.poll(() => lead.getByTestId('version').count()).toBe(2);
  await lead.getByRole('link', { name: 'Care and support in Extra Care housing: Tripartite overarching specification' }).click();
  await lead.getByTestId('specification-title').waitFor();

  // What version 2 (a draft) changes from version 1.
  await lead.getByRole('button', { name: 'Compare' }).click();
  await lead.getByTestId('diff-section').first().waitFor();
  const added = lead.locator('ins');
  await expect.poll(() => added.count()).toBeGreaterThan(1);
  expect(await lead.locator('main').textContent()).toContain('Dementia provision');
  expect(await added.allTextContents()).toContainEqual(expect.stringContaining('learning disabilities or mental health conditions'));
  await screenshot(lead, 'specification-diff');

  // Edit the draft: the preview follows the Markdown as it is typed.
  await lead.getByRole('link', { name: 'All versions' }).click();
  await lead.getByRole('button', { name: 'Edit draft version 2' }).click();
  await lead.getByTestId('section-editor').first().waitFor();
  const dementia = lead.getByTestId('section-editor').filter({ hasText: 'Dementia provision' });
  const body = dementia.locator('textarea');
  await body.fill(`${await body.inputValue()}\n\n- **Night support** adapted for residents living with dementia\n- Life-story work with families`);
  await dementia.getByTestId('preview').locator('li strong', { hasText: 'Night support' }).waitFor();
  await expect.poll(() => dementia.getByTestId('preview').locator('li').count()).toBe(2);
  // A table, as staff paste one: a GOV.UK table in the preview.
  await body.fill(`${await body.inputValue()}\n\n| Cover | Hours a week |\n| --- | --- |\n| Waking night | 70 |`);
  await dementia.getByTestId('preview').locator('table.govuk-table td', { hasText: 'Waking night' }).waitFor();
  expect(await dementia.getByTestId('preview').locator('table.govuk-table th').allTextContents()).toEqual(['Cover', 'Hours a week']);
  await screenshot(lead, 'specification-editor');
  await lead.getByRole('button', { name: 'Save draft' }).click();
  await lead.getByText('Draft saved.').waitFor();

  // Publish: the version can no longer change.
  await lead.getByRole('button', { name: 'Save and publish version 2' }).click();
  await lead.getByRole('button', { name: 'Yes, save and publish version 2' }).click();
  await lead.getByText('Version 2 was published. It can no longer change.').waitFor();
  expect(await lead.getByTestId('version-status').first().textContent()).toBe('Published');
  await expect.poll(() => lead.getByRole('button', { name: 'Edit this draft' }).count()).toBe(0);
  expect(await lead.getByTestId('specification-text').textContent()).toContain('Night support');
});

it('downloads the OCDS release package as <reference>.ocds.json', async () => {
  await lead.goto(tripartiteUrl);
  await lead.getByTestId('download-ocds').waitFor();
  const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByTestId('download-ocds').click()]);
  expect(download.suggestedFilename()).toBe('LCR-EC-2018.ocds.json');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const data = JSON.parse(readFileSync(path, 'utf8')) as { releases: { ocid: string; parties: { roles: string[] }[] }[] };
  expect(data.releases.length).toBeGreaterThan(0);
  expect(data.releases[0]!.ocid).toMatch(/^ocds-[a-z0-9]{6}-/);
});

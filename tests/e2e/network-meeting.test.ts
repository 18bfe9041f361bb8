import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 6, done when: a network meeting of the South West Peninsula is run from the app. Plymouth (a member)
 * makes its Shared Lives return; Devon's commissioner (the Peninsula's lead) queries it with a reason;
 * Plymouth sees the reason, corrects and resubmits; the lead accepts it, records the meeting, adds an
 * action, issues the benchmark pack and downloads it; the benchmark shows the funnel plot and SPC chart.
 */
const LEAD = 'commissioner.devon@concord.example';
const MEMBER = 'commissioner.plymouth@concord.example';
const QUERY = 'Nine is well below your usual figure: please check the month-end count';

let app: RunningApp;
/** Each user in a browser of their own, signed in once. */
let member: Page;
let lead: Page;
let page: Page;
let peninsula: string;
/** The Shared Lives month Plymouth returns: the latest that has ended (its label, e.g. "Oct 2026"). */
let month: string;

beforeAll(async () => {
  app = await startApp();
  member = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  lead = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(member, app.url, MEMBER);
  await signInAs(lead, app.url, LEAD);
  peninsula = (await app.connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => app.close());

const plymouthRow = () => page.getByTestId('review-row').filter({ hasText: 'Plymouth City Council' });
/** The lead reaches the review from My returns, or from the benchmark of the KPI. */
const openReview = async (from: 'returns' | 'benchmark') => {
  if (from === 'returns') {
    await page.goto(`${app.url}/returns`);
    await page.getByRole('link', { name: 'review members’ returns' }).click();
    await page.getByLabel('KPI').selectOption({ label: 'SL-01 Long-term Shared Lives placements' });
  } else {
    await page.goto(`${app.url}/benchmark?partnership=${peninsula}&kpi=SL-01`);
    await page.getByRole('link', { name: 'Review members’ returns for this KPI' }).click();
  }
  await page.getByRole('heading', { name: 'Review members’ returns' }).waitFor();
  await expect.poll(() => page.getByTestId('review-row').count()).toBe(5);
};

it('a member makes its Shared Lives return for the month just ended', async () => {
  page = member;
  await page.goto(`${app.url}/returns`);
  const enter = page.getByRole('button', { name: /^Enter SL-01 / }).first();
  month = ((await enter.textContent()) ?? '').replace(/^Enter\s*SL-01\s*/, '').trim();
  expect(month).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
  await enter.click();
  await page.getByLabel('Value').fill('9');
  await page.getByRole('button', { name: 'Submit return' }).click();
  const row = page.getByTestId('returns-calendar').getByRole('row').filter({ hasText: 'SL-01' }).filter({ hasText: month });
  await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('9');
});

it('the lead commissioner queries it: a query needs a reason, then the reason shows on the row', async () => {
  page = lead;
  await openReview('returns');
  expect(await page.locator('caption').first().textContent()).toContain(`SL-01 Long-term Shared Lives placements: ${month}`);
  expect(await plymouthRow().getByTestId('review-status').textContent()).toBe('To review');
  expect(await plymouthRow().locator('td').first().textContent()).toMatch(/^9 \(\d+(\.\d)? per 100,000\)$/);
  // Somerset chose to be anonymised: the lead is another authority, so it reviews "Authority A" without its name.
  expect(await page.getByTestId('review-row').filter({ hasText: 'Somerset' }).count()).toBe(0);
  expect(await page.getByTestId('review-row').filter({ hasText: 'Authority A' }).count()).toBe(1);
  await plymouthRow().getByRole('button', { name: /^Query/ }).click();
  const form = page.getByTestId('query-form');
  await form.getByRole('button', { name: 'Send query' }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Say what the query is about');
  expect(await form.locator('.govuk-error-message').textContent()).toContain('Say what the query is about');
  await form.getByLabel('What is the query about?').fill(QUERY);
  await form.getByRole('button', { name: 'Send query' }).click();
  await expect.poll(() => plymouthRow().getByTestId('review-status').textContent()).toBe('Queried');
  expect(await plymouthRow().textContent()).toContain(`Your query: ${QUERY}`);
  await screenshot(page, 'network-meeting-1-review-queried');
});

it('the member sees the query and its reason on its returns, corrects the figure and resubmits', async () => {
  page = member;
  await page.goto(`${app.url}/returns`);
  const row = page.getByTestId('returns-calendar').getByRole('row').filter({ hasText: 'SL-01' }).filter({ hasText: month });
  await expect.poll(() => row.locator('.govuk-tag').textContent()).toBe('Queried');
  expect(await row.textContent()).toContain(`Queried: ${QUERY}`);
  await screenshot(page, 'network-meeting-2-member-sees-query');
  await row.getByRole('button', { name: /^Correct/ }).click();
  await page.getByLabel('Value').fill('14');
  await page.getByLabel('Comment').fill('Month-end count corrected: five arrangements were missed');
  await page.getByRole('button', { name: 'Submit return' }).click();
  await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('14');
  expect(await row.locator('.govuk-tag').textContent()).toMatch(/^(Submitted|Late)$/);
});

it('the lead sees the corrected figure resubmitted and accepts it', async () => {
  page = lead;
  await openReview('benchmark');
  expect(await plymouthRow().locator('td').first().textContent()).toMatch(/^14 \(\d+(\.\d)? per 100,000\)$/);
  expect(await plymouthRow().getByTestId('review-status').textContent()).toBe('Resubmitted');
  await plymouthRow().getByRole('button', { name: /^Accept/ }).click();
  await expect.poll(() => plymouthRow().getByTestId('review-status').textContent()).toBe('Accepted');
  expect(await plymouthRow().getByRole('button', { name: /^Accept/ }).count()).toBe(0);
});

it('the lead records the meeting: the open actions of earlier meetings are carried into it', async () => {
  await page.goto(`${app.url}/meetings`);
  await page.getByRole('button', { name: 'Record a meeting' }).click();
  const form = page.getByTestId('record-meeting');
  await form.getByRole('button', { name: 'Record meeting' }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the date of the meeting');
  await form.getByLabel('Day').fill('10');
  await form.getByLabel('Month').fill('12');
  await form.getByLabel('Year').fill('2026');
  await form.getByLabel('Title').fill('Peninsula network meeting, December 2026');
  await form.getByLabel('Agenda').fill('Shared Lives benchmark\nActions from the last meeting\nAny other business');
  for (const name of ['Devon County Council', 'Plymouth City Council', 'Torbay Council']) await form.getByLabel(name).check();
  await screenshot(page, 'network-meeting-3a-record-meeting');
  await form.getByRole('button', { name: 'Record meeting' }).click();
  await page.getByRole('heading', { level: 1, name: 'Peninsula network meeting, December 2026' }).waitFor();
  expect(await page.textContent('main')).toContain('Attending: Devon County Council, Plymouth City Council, Torbay Council.');
  const carried = page.getByTestId('carried-actions').getByRole('row');
  await expect.poll(() => carried.count()).toBeGreaterThan(1);
  const before = await carried.count();
  // One carried action is done: it leaves the list of open actions.
  const first = carried.nth(1);
  await first.getByRole('combobox').selectOption('done');
  await first.getByRole('button', { name: /^Save status/ }).click();
  await expect.poll(() => carried.count()).toBe(before - 1);
});

it('the lead adds an action, issues the pack and downloads it as a PDF', async () => {
  const action = page.getByTestId('add-action');
  await action.getByLabel('Owner').selectOption({ label: 'Plymouth City Council' });
  await action.getByLabel('Action').fill('Plymouth to check its month-end Shared Lives count against the placements register');
  await action.getByLabel('Day').fill('31');
  await action.getByLabel('Month').fill('1');
  await action.getByLabel('Year').fill('2027');
  await action.getByRole('button', { name: 'Add action' }).click();
  const actions = page.getByTestId('actions').getByRole('row').filter({ hasText: 'month-end Shared Lives count' });
  await expect.poll(() => actions.count()).toBe(1);
  expect(await actions.textContent()).toContain('31 January 2027');

  const issue = page.getByTestId('issue-pack');
  await issue.getByLabel('SL-01 Long-term Shared Lives placements').check();
  await issue.getByLabel('PLC-01', { exact: false }).check();
  // Only Plymouth has returned the month just ended: the pack compares the periods ended by 30 September.
  await issue.getByLabel('Day').fill('30');
  await issue.getByLabel('Month').fill('9');
  await issue.getByLabel('Year').fill('2026');
  // Issuing cannot be undone: it asks first, and Go back issues nothing (issue 13, item 4).
  await issue.getByRole('button', { name: 'Issue pack' }).click();
  const confirm = issue.getByTestId('confirm-step');
  expect(await confirm.getByRole('heading').innerText()).toBe('Issue the pack with 2 KPIs?');
  await confirm.getByRole('button', { name: 'Go back' }).click();
  await issue.getByRole('button', { name: 'Issue pack' }).click();
  expect(await page.getByTestId('pack').count()).toBe(0);
  await issue.getByRole('button', { name: 'Yes, issue the pack' }).click();
  const pack = page.getByTestId('pack');
  await pack.waitFor();
  expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('The pack is issued and frozen');
  expect(await page.locator('.govuk-error-summary').count()).toBe(0);
  expect(await pack.textContent()).toContain('South West Peninsula: benchmark pack for Peninsula network meeting, December 2026');
  const sharedLives = pack.getByRole('table').filter({ hasText: 'SL-01 Long-term Shared Lives placements, Sep 2026' });
  await expect.poll(() => sharedLives.getByRole('row').count()).toBe(5);
  expect(await pack.textContent()).toContain('2026-27 Q2');
  await screenshot(page, 'network-meeting-3-meeting-pack');
  const download = page.waitForEvent('download');
  await pack.getByRole('button', { name: 'Download PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('south-west-peninsula-benchmark-pack-for-peninsula-network-meeting-december-2026.pdf');
  expect(readFileSync(await file.path()).subarray(0, 5).toString()).toBe('%PDF-');
});

it('the benchmark shows the funnel plot and the SPC chart for the meeting', async () => {
  await page.goto(`${app.url}/benchmark?partnership=${peninsula}&kpi=SL-01&period=2026-09-01`);
  await page.getByTestId('benchmark-table').waitFor();
  // Four named members plotted; Somerset, anonymised to Devon, is left out of the funnel and says so (issue 12).
  await expect.poll(() => page.getByTestId('funnel-table').locator('tr').count()).toBe(5);
  expect(await page.getByTestId('funnel-left-out').textContent()).toContain('Not plotted: Authority A');
  expect(await page.getByRole('heading', { name: /^Funnel plot/ }).count()).toBe(1);
  expect(await page.getByRole('heading', { name: 'SPC chart (XmR) for Devon County Council' }).count()).toBe(1);
  await expect.poll(() => page.getByTestId('spc-table').locator('tr').count()).toBe(13);
  await screenshot(page, 'network-meeting-4-benchmark');
});

it('the lead adds a KPI to the Peninsula library (refusals shown against their fields) and changes it as a new version', async () => {
  await page.goto(`${app.url}/kpis`);
  const library = page.getByRole('region', { name: 'South West Peninsula' });
  await library.getByRole('button', { name: /^Add a KPI/ }).click();
  const form = page.getByTestId('kpi-form');
  // SL-02 is already in the library: a new KPI needs a code of its own.
  await form.getByLabel('Code').fill('SL-02');
  await form.getByLabel('Name').fill('Shared Lives short breaks');
  await form.getByLabel('Definition', { exact: true }).fill('People who had a Shared Lives short break in the month.');
  await form.getByLabel('Count', { exact: true }).check();
  await form.getByLabel('Higher is better').check();
  await form.getByLabel('Monthly').check();
  await form.getByLabel('It counts people').check();
  await form.getByLabel('Day').fill('15');
  await form.getByRole('textbox', { name: 'Month' }).fill('4');
  await form.getByLabel('Year').fill('2026');
  await form.getByRole('button', { name: 'Add KPI' }).click();
  expect(await form.locator('#kpi-code-error').textContent()).toContain('SL-02 is already in the library');
  // 15 April is not the first day of a month: the API refuses, naming the first period.
  await form.getByLabel('Code').fill('SL-04');
  await form.getByRole('button', { name: 'Add KPI' }).click();
  await expect.poll(() => form.locator('#kpi-first-period-error').count()).toBe(1);
  expect(await form.locator('#kpi-first-period-error').textContent()).toContain('The first period must be the first day of a monthly period');
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('The first period must be the first day of a monthly period');
  await form.getByLabel('Day').fill('1');
  await form.getByRole('button', { name: 'Add KPI' }).click();
  const row = library.getByTestId('kpi-row').filter({ hasText: 'SL-04' });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toContain('Shared Lives short breaks');
  expect(await row.textContent()).toContain('v1');

  await row.getByRole('button', { name: 'Change SL-04' }).click();
  await form.getByLabel('Target (optional)').fill('40');
  await form.getByRole('button', { name: 'Save new version' }).click();
  expect(await form.locator('#kpi-change-note-error').textContent()).toContain('Say what changed in this version');
  await form.getByLabel('What changed').fill('Target of 40 agreed at the December meeting');
  // Worked out from members' placements: a rule giving pounds does not fit a count, and is refused against the rule.
  await form.getByLabel('Source').selectOption('placements');
  const rule = form.getByLabel('How Concord works it out (optional)');
  await rule.selectOption('mean_weekly_cost_at_period_end');
  await form.getByRole('button', { name: 'Save new version' }).click();
  await expect.poll(() => form.locator('#kpi-derivation-error').count()).toBe(1);
  expect(await form.locator('#kpi-derivation-error').textContent()).toContain('gives an amount in pounds, but this KPI is a count: choose a rule that fits its unit');
  await rule.selectOption('placements_open_at_period_end');
  await form.getByRole('button', { name: 'Save new version' }).click();
  await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('v2');
  expect(await row.getByTestId('kpi-derivation').textContent()).toBe('Members can calculate it from their records: count of placements open on the last day of the period.');
  expect(await row.locator('td').nth(3).textContent()).toBe('40');
  await library.getByText('Version history of SL-04', { exact: true }).click();
  const versions = library.getByTestId('kpi-history-row').filter({ hasText: 'of SL-04' }).getByTestId('kpi-version');
  await expect.poll(() => versions.count()).toBe(2);
  expect(await versions.first().textContent()).toContain('Target of 40 agreed at the December meeting');
  expect(await versions.last().textContent()).toContain('First version');
  await screenshot(page, 'network-meeting-5-kpi-history');
});

it('a member sees the library and its history, and the meeting, with no controls to change them', async () => {
  page = member;
  await page.goto(`${app.url}/kpis`);
  const peninsulaLibrary = page.getByRole('region', { name: 'South West Peninsula' });
  await expect.poll(() => peninsulaLibrary.getByTestId('kpi-row').filter({ hasText: 'SL-04' }).count()).toBe(1);
  expect(await page.getByRole('button', { name: /^Add a KPI|^Change/ }).count()).toBe(0);
  await peninsulaLibrary.getByText('Version history of SL-04', { exact: true }).click();
  await expect.poll(() => peninsulaLibrary.getByTestId('kpi-version').count()).toBe(2);
  // Nor to record a meeting or change an action: the member reads the meeting, its actions and its pack.
  await page.goto(`${app.url}/meetings`);
  await page.getByRole('link', { name: 'Peninsula network meeting, December 2026' }).click();
  const action = page.getByTestId('actions').getByRole('row').filter({ hasText: 'month-end Shared Lives count' });
  await expect.poll(() => action.locator('td').last().textContent()).toBe('Open');
  expect(await page.getByRole('button', { name: /^Record a meeting|^Save status|^Add action|^Issue pack/ }).count()).toBe(0);
  await page.getByTestId('pack').waitFor();
  // An address naming no meeting of ours is not found (the API answers the same for another partnership's).
  for (const address of ['/meetings/00000000-0000-4000-8000-000000000000', '/meetings/not-a-meeting']) {
    await page.goto(`${app.url}${address}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  }
  // The review of members' returns is the lead's: a member is told so, and where its own queries show.
  await page.goto(`${app.url}/returns/review`);
  await page.getByText('Only a partnership’s lead commissioner reviews members’ returns').waitFor();
  await page.goto(`${app.url}/returns`);
  await page.getByTestId('returns-calendar').waitFor();
  expect(await page.getByRole('link', { name: 'review members’ returns' }).count()).toBe(0);
  expect(await page.getByTestId('review-row').count()).toBe(0);
});

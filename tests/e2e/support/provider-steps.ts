import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { registration } from '../../support/providers.ts';
import { screenshot } from './app.ts';

/**
 * Steps of the providers' journey (issue 11) as people take them in the web app, for the browser tests that walk
 * the whole story: each starts where the person would (the sign-in page, the navigation) and waits for the outcome.
 */

/** Today in England, or `days` from it, as the date input's three boxes and in words ("20 December 2026"). */
export function dayInEngland(days = 0) {
  const date = new Date(Date.now() + days * 86_400_000);
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date).split('-');
  const words = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  return { day: String(Number(day)), month: String(Number(month)), year: year!, words };
}

/** Last month in England in words ("November 2026"): the period a monthly monitoring return is first sent for. */
export function lastMonthInEngland() {
  const { month, year } = dayInEngland();
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(month) - 2, 1)));
}

/** Fills a GOV.UK date input (`<id>-day`, `-month`, `-year`) with today in England plus `days`. */
export async function fillDay(page: Page, id: string, days = 0) {
  const d = dayInEngland(days);
  await page.locator(`#${id}-day`).fill(d.day);
  await page.locator(`#${id}-month`).fill(d.month);
  await page.locator(`#${id}-year`).fill(d.year);
}

/** The page at 375 px wide: no sideways scroll, a screenshot, then back to 1280 px. */
export async function atPhoneWidth(page: Page, name: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Opens a link of the service navigation ("Menu"). */
export async function openFromMenu(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }).click();
}

/** Provider organisation `n` (tests/support/providers.ts numbering) registers itself from the sign-in page and lands on its home. */
export async function registerOnWeb(page: Page, url: string, n: number): Promise<string> {
  const form = registration(n);
  await page.goto(`${url}/sign-in`);
  await page.getByRole('link', { name: 'Register your care organisation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Register your care organisation' }).waitFor();
  await page.getByLabel('Your full name').fill(form.displayName);
  await page.getByLabel('Your email address').fill(form.email);
  await page.getByLabel('Create a password').fill(form.password);
  await page.getByLabel('Confirm the password').fill(form.confirmPassword);
  await page.getByLabel('Legal name').fill(form.legalName);
  await page.getByLabel('Companies House number').fill(form.companiesHouseNumber);
  await page.getByLabel('CQC provider ID').fill(form.cqcProviderId);
  await page.getByLabel('Registered address').fill(form.registeredAddress);
  await page.getByLabel('Contact name').fill(form.contactName);
  await page.getByLabel('Contact email address').fill(form.contactEmail);
  await page.getByLabel('Contact telephone number').fill(form.contactPhone);
  await page.getByLabel('Small or medium-sized enterprise (SME)').check();
  await page.getByRole('button', { name: 'Register organisation' }).click();
  await page.waitForURL(`${url}/organisation`);
  await page.getByRole('heading', { level: 1, name: form.legalName }).waitFor();
  return form.legalName;
}

/**
 * The provider finds the Tripartite Extra Care PDPS among the opportunities and applies to its Sefton lot at `price`
 * an hour, through the task list (picking `documents` from its profile), and submits.
 */
/**
 * Fills every box the locator finds, once the first is on the page: `all()` does not wait, so on a loaded machine a
 * section still being drawn gave no boxes, the section was saved empty, and the application could not be submitted.
 */
export async function fillEach(boxes: Locator, text: string): Promise<void> {
  await boxes.first().waitFor();
  for (const box of await boxes.all()) await box.fill(text);
}

export async function applyToSeftonLot(page: Page, price: string, answer: string, documents: string[] = [], shots?: string) {
  await openFromMenu(page, 'Opportunities');
  await page.getByRole('heading', { level: 1, name: 'Opportunities' }).waitFor();
  const pdps = page.getByTestId('opportunity').filter({ hasText: 'LCR-EC-2018' });
  await pdps.getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: 'Care and support in Extra Care housing: LCR Tripartite PDPS' }).waitFor();
  await page.getByRole('button', { name: 'Start an application' }).click();
  await page.getByTestId('task-list').waitFor();

  await page.getByRole('link', { name: 'Lots and prices' }).click();
  await page.getByLabel('Lot 1: Sefton').check();
  await page.getByLabel('Your price for lot 1: Sefton').fill(price);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByTestId('task-list').waitFor();
  await page.getByRole('link', { name: 'Gateway questions' }).click();
  await fillEach(page.locator('main textarea'), 'Yes: the evidence is in our profile.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByTestId('task-list').waitFor();
  await page.getByRole('link', { name: 'Quality answers' }).click();
  await fillEach(page.locator('main textarea'), answer);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByTestId('task-list').waitFor();
  if (documents.length) {
    await page.getByRole('link', { name: 'Supporting documents' }).click();
    for (const title of documents) await page.getByLabel(title).check();
    // Each document's expiry in words, like "24 June 2027", never as a code of digits.
    expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    if (shots) await screenshot(page, `${shots}-documents`);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByTestId('task-list').waitFor();
  }
  if (shots) await screenshot(page, `${shots}-task-list`);
  await page.getByRole('link', { name: 'Check answers and submit' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers before submitting' }).waitFor();
  if (shots) await screenshot(page, `${shots}-check`);
  await page.getByTestId('submit-application').click();
  await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('Application submitted to Liverpool City Council');
  expect(await page.getByTestId('application-status').textContent()).toBe('Submitted: being evaluated');
}

/**
 * Liverpool's lead commissioner opens the application from `name` among the PDPS's applications, verifies the
 * organisation if nobody has yet, passes the gateway, scores every criterion `score` out of 5 with a reason, and admits it.
 */
export async function admitOnWeb(lead: Page, name: string, score: string, reason: string, shots?: string) {
  await openFromMenu(lead, 'Procurement');
  await lead.getByRole('link', { name: 'Care and support in Extra Care housing: LCR Tripartite PDPS' }).click();
  await lead.getByTestId('tab-applications').click();
  const row = lead.getByTestId('application').filter({ hasText: name });
  await row.waitFor();
  expect(await row.textContent()).toContain('Submitted online');
  await row.getByRole('link', { name }).click();
  await lead.getByTestId('online-submission').waitFor();
  if (shots) await screenshot(lead, `${shots}-submission`);
  if ((await lead.getByTestId('unverified').count()) > 0) {
    await lead.getByRole('button', { name: `Verify ${name}` }).click();
    await expect.poll(() => lead.locator('.govuk-notification-banner--success').textContent()).toContain(`${name} is verified`);
    await expect.poll(() => lead.getByTestId('unverified').count()).toBe(0);
  }
  await lead.getByTestId('pass-all').click();
  await lead.getByRole('button', { name: 'Save gateway answers' }).click();
  await lead.getByTestId('scoring-grid').waitFor();
  for (const select of await lead.getByTestId('scoring-grid').locator('select').all()) await select.selectOption(score);
  for (const box of await lead.getByTestId('scoring-grid').locator('textarea').all()) await box.fill(reason);
  await lead.getByRole('button', { name: 'Save your scores' }).click();
  await expect.poll(() => lead.locator('.govuk-notification-banner--success').textContent()).toContain('scores were saved');
  await lead.getByLabel('Admit', { exact: true }).check();
  await lead.getByRole('button', { name: 'Record decision' }).click();
  await lead.getByTestId('confirm-step').getByRole('button', { name: 'Yes, admit' }).click();
  await expect.poll(() => lead.locator('.govuk-notification-banner--success').textContent(), { timeout: 30_000 }).toContain(`${name} was admitted to the approved list`);
}

/**
 * Sefton's commissioner starts a mini-competition on the Tripartite PDPS's Sefton lot from the Call-offs page and
 * fills the invitations (the caller sends them): only `invite` (by name) among the lot's approved providers, with a
 * deadline `deadlineDays` from today. Returns the names of every provider the lot offered.
 */
export async function miniCompetitionOnWeb(sefton: Page, scheme: string, invite: string[], deadlineDays: number) {
  await openFromMenu(sefton, 'Contracts');
  await sefton.getByRole('link', { name: 'Call-offs', exact: true }).click();
  await sefton.getByRole('heading', { level: 1, name: 'Call-offs' }).waitFor();
  await sefton.getByRole('button', { name: 'Start a call-off' }).click();
  await sefton.getByRole('heading', { level: 1, name: 'Start a call-off' }).waitFor();
  await sefton.getByLabel(/Tripartite/).first().check();
  await sefton.getByRole('radio', { name: /^Lot \d+: Sefton/ }).check();
  await sefton.fill('#schemeName', scheme);
  await sefton.fill('#clientGroup', 'Older people');
  await sefton.fill('#units', '30');
  await sefton.fill('#dayHours', '300');
  await sefton.fill('#nightHours', '84');
  await sefton.fill('#locality', 'Bootle');
  // The service began some weeks ago (a call-off made to formalise it), so last month's monitoring return is its own.
  await fillDay(sefton, 'startDate', -40);
  await sefton.fill('#termMonths', '36');
  await sefton.getByRole('radio', { name: /^Mini-competition/ }).check();
  await sefton.getByRole('button', { name: 'Continue' }).click();
  await sefton.getByRole('heading', { level: 1, name: scheme }).waitFor();

  const form = sefton.getByTestId('invite');
  await form.waitFor();
  for (const name of ['Person-centred', 'Workforce', 'Hourly rate']) await sefton.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
  const weights = form.getByLabel(/^Weight for /);
  const labels = await form.locator('label', { hasText: /^Weight for / }).allTextContents();
  for (let i = 0; i < labels.length; i++) await weights.nth(i).fill(labels[i]!.includes('Workforce') ? '20' : '40');
  await sefton.getByTestId('weight-total').filter({ hasText: 'Total: 100%' }).waitFor();
  // Every approved provider of the lot is ticked at first: keep only those invited, and say why.
  const boxes = form.getByRole('group', { name: 'Providers to invite' }).getByRole('checkbox');
  const offered = await form.getByRole('group', { name: 'Providers to invite' }).locator('label').allTextContents();
  for (const name of invite) expect(offered).toContain(name);
  for (let i = 0; i < offered.length; i++) await boxes.nth(i).setChecked(invite.includes(offered[i]!.trim()));
  await sefton.getByLabel('Why only these providers').fill('Providers registered on Concord who can respond online');
  await fillDay(sefton, 'invitedOn');
  await fillDay(sefton, 'responseDeadline', deadlineDays);
  return offered;
}

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdfFile } from '../support/documents.ts';
import { registration } from '../support/providers.ts';
import { passDeadline } from '../support/sealed-call-offs.ts';
import { DEMO_PLATFORM_ADMIN, screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { admitOnWeb, applyToSeftonLot, atPhoneWidth, dayInEngland, fillDay, lastMonthInEngland, miniCompetitionOnWeb, openFromMenu, registerOnWeb } from './support/provider-steps.ts';

/**
 * Issue 11's whole story in one browser, each person signed in as themselves and working only through the web app:
 * three care providers register their organisations; the platform administrator verifies the first, which uploads
 * its insurance certificate; all three apply to the Sefton lot of the Tripartite Extra Care PDPS; Liverpool verifies
 * the other two, scores and admits all three; Sefton runs a mini-competition inviting the three; two respond before
 * the deadline, and Sefton sees "2 responses received, sealed until …" and nothing of them; after the deadline Sefton
 * scores and awards; the loser sees its own score and feedback and nobody else's; the winner sees its contract and
 * submits last month's monitoring return, Sefton queries it, the provider corrects it and Sefton accepts it.
 * Screenshots (provider-journey-NN-…) at 1280 px and some at 375 px.
 */
let app: RunningApp;
const people: Record<string, Page> = {};
const PROVIDERS = { alder: 380, birch: 381, cedar: 382 } as const;
const [ALDER, BIRCH, CEDAR] = Object.values(PROVIDERS).map((n) => registration(n)) as [ReturnType<typeof registration>, ReturnType<typeof registration>, ReturnType<typeof registration>];
const SCHEME = 'Seaforth Court Extra Care scheme';
const CONTRACT = 'SMBC-EC-SEAFORTH';
const DEADLINE_DAYS = 14;
// The winner's and the loser's prices an hour and answers: neither may ever reach the other, nor Sefton before the deadline.
const WIN = { price: '18.00', shown: '£18.00', answer: 'Alder answer: a stable team of 40 carers living in Bootle.' };
const LOSE = { price: '19.50', shown: '£19.50', answer: 'Birch answer: rostered by locality with a night team.' };

beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

/** A browser context of one's own for each person (cookies apart), at 1280 px. */
async function pageOf(who: string): Promise<Page> {
  people[who] ??= await (await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  return people[who]!;
}

async function signedIn(who: string, email: string, password?: string): Promise<Page> {
  const page = await pageOf(who);
  await signInAs(page, app.url, email, password);
  await page.getByRole('navigation', { name: 'Menu' }).waitFor();
  return page;
}

it('three care providers register themselves; the platform administrator verifies the first', async () => {
  for (const [who, n] of Object.entries(PROVIDERS)) {
    const page = await pageOf(who);
    expect(await registerOnWeb(page, app.url, n)).toBe(registration(n).legalName);
    expect(await page.getByTestId('organisation-status').textContent()).toContain('waiting to be verified');
  }
  await screenshot(people.alder!, 'provider-journey-01-registered');
  await atPhoneWidth(people.alder!, 'provider-journey-01-registered-375');

  const admin = await signedIn('admin', DEMO_PLATFORM_ADMIN);
  await openFromMenu(admin, 'Organisations to verify');
  await admin.getByRole('heading', { level: 1, name: 'Organisations waiting to be verified' }).waitFor();
  const waiting = admin.getByTestId('waiting-organisation');
  await expect.poll(() => waiting.count()).toBe(3);
  await waiting.getByRole('link', { name: ALDER.legalName }).click();
  await admin.getByRole('button', { name: 'Verify this organisation' }).click();
  await admin.getByRole('button', { name: 'Yes, verify this organisation' }).click();
  await expect.poll(() => admin.locator('.govuk-notification-banner--success').textContent()).toContain(`${ALDER.legalName} is verified`);
  // The other two wait: Liverpool verifies them when it admits their applications.
  await expect.poll(() => waiting.count()).toBe(2);
  await screenshot(admin, 'provider-journey-02-admin-verified');

  await people.alder!.reload();
  await expect.poll(() => people.alder!.getByTestId('organisation-status').textContent()).toContain('Verified');
}, 120_000);

it('the first uploads its insurance certificate, and all three apply to the Sefton lot of the Tripartite PDPS', async () => {
  const alder = people.alder!;
  await alder.getByTestId('documents-link').click();
  await alder.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
  await alder.getByLabel('Insurance certificate').check();
  await alder.getByLabel('Title').fill('Employers’ and public liability insurance');
  await fillDay(alder, 'expiresOn', 200);
  await alder.getByLabel('File', { exact: true }).setInputFiles({ name: 'insurance-2027.pdf', mimeType: 'application/pdf', buffer: pdfFile('Alder insurance certificate') });
  await alder.getByRole('button', { name: 'Add document' }).click();
  await expect.poll(() => alder.getByTestId('document-row').count()).toBe(1);
  expect(await alder.getByTestId('document-row').textContent()).toContain('Employers’ and public liability insurance');
  await screenshot(alder, 'provider-journey-03-insurance-uploaded');

  await applyToSeftonLot(alder, WIN.price, WIN.answer, ['Employers’ and public liability insurance'], 'provider-journey-04-application');
  await screenshot(alder, 'provider-journey-05-application-submitted');
  await atPhoneWidth(alder, 'provider-journey-05-application-submitted-375');
  await applyToSeftonLot(people.birch!, LOSE.price, LOSE.answer);
  await applyToSeftonLot(people.cedar!, '20.25', 'Cedar answer: we care.');
}, 120_000);

it('Liverpool verifies the two unverified providers, scores and admits all three', async () => {
  const lead = await signedIn('liverpool', 'commissioner.liverpool@concord.example');
  await admitOnWeb(lead, ALDER.legalName, '4', 'Specific to Sefton, with evidence.', 'provider-journey-06-liverpool');
  await admitOnWeb(lead, BIRCH.legalName, '3', 'Sound, with less evidence.');
  await admitOnWeb(lead, CEDAR.legalName, '3', 'Sound, with less evidence.');
  for (const form of [ALDER, BIRCH, CEDAR]) await expect.poll(() => lead.locator('main').textContent()).toContain(form.legalName);
  await screenshot(lead, 'provider-journey-07-liverpool-approved-list');

  // Each provider sees its own outcome, scores and feedback.
  await openFromMenu(people.birch!, 'Your applications');
  const mine = people.birch!.getByTestId('my-application').first();
  await expect.poll(() => mine.textContent()).toContain('Admitted');
}, 180_000);

it('Sefton invites the three to a mini-competition; two respond before the deadline, and Sefton sees only how many', async () => {
  const sefton = await signedIn('sefton', 'commissioner.sefton@concord.example');
  const offered = await miniCompetitionOnWeb(sefton, SCHEME, [ALDER.legalName, BIRCH.legalName, CEDAR.legalName], DEADLINE_DAYS);
  expect(offered.length).toBeGreaterThan(3);
  await screenshot(sefton, 'provider-journey-08-sefton-invite');
  await sefton.getByRole('button', { name: 'Send invitations' }).click();
  expect(sefton.url()).toMatch(/\/call-offs\/[0-9a-f-]{36}$/);
  const sealedUntil = `sealed until 11:59pm on ${dayInEngland(DEADLINE_DAYS).words}`;
  await expect.poll(() => sefton.getByTestId('sealed-count').textContent()).toBe(`No responses received, ${sealedUntil}`);
  expect(await sefton.getByTestId('invitation').locator('th').allTextContents()).toEqual(expect.arrayContaining([ALDER.legalName, BIRCH.legalName, CEDAR.legalName]));
  expect(await sefton.getByTestId('invitation').count()).toBe(3);

  // The invitation reaches each provider's inbox; opening it leads to the call-off's response form.
  for (const [who, offer] of [['alder', WIN], ['birch', LOSE]] as const) {
    const page = people[who]!;
    await openMessage(page, `invites you to a mini-competition: ${SCHEME}`);
    await page.getByTestId('response-form').waitFor();
    expect(await page.getByTestId('invitation-deadline').textContent()).toContain(dayInEngland(DEADLINE_DAYS).words);
    if (who === 'alder') await screenshot(page, 'provider-journey-09-invitation');
    await page.getByLabel(/Your price per hour/).fill(offer.price);
    for (const box of await page.getByTestId('response-form').locator('textarea').all()) await box.fill(offer.answer);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('check-response').waitFor();
    await page.getByRole('button', { name: 'Send response' }).click();
    await page.getByText('Your response was sent (version 1).').waitFor();
    expect(await page.getByTestId('your-price').textContent()).toContain(offer.shown);
  }
  await screenshot(people.alder!, 'provider-journey-10-response-sent');
  await atPhoneWidth(people.alder!, 'provider-journey-10-response-sent-375');

  await sefton.reload();
  await expect.poll(() => sefton.getByTestId('sealed-count').textContent()).toBe(`2 responses received, ${sealedUntil}`);
  const seen = (await sefton.locator('main').textContent()) ?? '';
  for (const hidden of [WIN.shown, LOSE.shown, WIN.answer, LOSE.answer, 'Received', 'Ranking']) expect(seen).not.toContain(hidden);
  expect(await sefton.getByTestId('score-form').count()).toBe(0);
  await screenshot(sefton, 'provider-journey-11-sefton-sealed');
  await atPhoneWidth(sefton, 'provider-journey-11-sefton-sealed-375');
}, 120_000);

it('after the deadline Sefton scores and awards; the loser sees its own score and feedback and nobody else’s', async () => {
  // Time passing has no web step: the deadline is moved into the past as the owner (the database clock, which the
  // sealed responses' policy compares with, is not injectable).
  const sefton = people.sefton!;
  await passDeadline(app.connection, new URL(sefton.url()).pathname.split('/').pop()!);
  await sefton.reload();
  await sefton.getByTestId('score-form').waitFor();
  const panel: Record<string, [string, string]> = { [ALDER.legalName]: ['4', '4'], [BIRCH.legalName]: ['3', '3'] };
  for (const [name, [a, b]] of Object.entries(panel)) {
    await sefton.locator('#scoreProvider').selectOption({ label: name });
    const boxes = sefton.getByTestId('score-form').locator('input[name^="panel-score-"]');
    await boxes.nth(0).fill(a);
    await boxes.nth(1).fill(b);
    await sefton.getByRole('button', { name: 'Save scores' }).click();
    await sefton.getByText(`Scores saved for ${name}.`).waitFor();
  }
  await expect.poll(() => sefton.getByTestId('ranked-response').count()).toBe(2);
  // Alder first: 4 of 5 on both quality criteria (32 + 16) and the lowest price (40), 88 points.
  expect(await sefton.getByTestId('ranked-response').first().locator('th').textContent()).toBe(ALDER.legalName);
  expect(await sefton.getByTestId('ranked-response').first().locator('td').last().textContent()).toBe('88');
  await screenshot(sefton, 'provider-journey-12-sefton-ranked');

  const award = sefton.getByTestId('award-form');
  await fillDay(sefton, 'awardedOn');
  await award.locator('#contractReference').fill(CONTRACT);
  await award.locator('#annualValue').fill('410000');
  await sefton.getByLabel(`Feedback to ${BIRCH.legalName} (optional)`).fill('A sound response; your price was higher and your workforce plan less specific.');
  await sefton.getByRole('button', { name: 'Award and create the contract' }).click();
  expect(await sefton.getByTestId('confirm-step').getByRole('heading').innerText()).toBe(`Award this call-off to ${ALDER.legalName} for £410,000.00 a year?`);
  await sefton.getByRole('button', { name: 'Yes, award and create the contract' }).click();
  await sefton.getByText(`Awarded: contract ${CONTRACT} is in your register.`).waitFor();
  expect(await sefton.getByTestId('award-provider').textContent()).toContain(ALDER.legalName);
  await screenshot(sefton, 'provider-journey-13-sefton-awarded');

  // The loser: its own rank, total and feedback, from the message in its inbox; nothing of the winner.
  const birch = people.birch!;
  await openMessage(birch, `The outcome of ${SCHEME}`);
  await birch.getByTestId('outcome').waitFor();
  expect(await birch.getByTestId('outcome-rank').textContent()).toContain('2');
  // Its own points: quality 3 of 5 on each (24 of 40, 12 of 20) and price 40 × £18.00 / £19.50 = 36.92 of 40.
  expect(await birch.getByTestId('outcome-total').textContent()).toContain('72.92 out of 100');
  expect(await birch.getByTestId('outcome-criterion').allTextContents()).toEqual([expect.stringContaining('24 of 40'), expect.stringContaining('12 of 20'), expect.stringContaining('36.92 of 40')]);
  expect(await birch.getByTestId('outcome-feedback').textContent()).toContain('your price was higher');
  const loserSees = (await birch.locator('main').textContent()) ?? '';
  for (const other of [ALDER.legalName, WIN.shown, WIN.answer, CONTRACT, '£410,000']) expect(loserSees).not.toContain(other);
  expect(loserSees).toContain(LOSE.shown);
  await screenshot(birch, 'provider-journey-14-loser-outcome');
  await atPhoneWidth(birch, 'provider-journey-14-loser-outcome-375');

  // The provider that did not respond was invited, and sees no result of anybody's.
  const cedar = people.cedar!;
  await openFromMenu(cedar, 'Invitations');
  await cedar.getByRole('link', { name: new RegExp(SCHEME) }).click();
  await cedar.locator('main h1').waitFor();
  const cedarSees = (await cedar.locator('main').textContent()) ?? '';
  for (const other of [WIN.shown, LOSE.shown, WIN.answer, CONTRACT]) expect(cedarSees).not.toContain(other);

  // The winner reads of the award in its inbox, with its contract.
  const alder = people.alder!;
  await openMessage(alder, `You have been awarded ${SCHEME}`);
  await alder.getByTestId('outcome').waitFor();
  expect(await alder.getByTestId('outcome').textContent()).toContain(`Contract ${CONTRACT}`);
  expect(await alder.locator('main').textContent()).not.toContain(LOSE.shown);
  await screenshot(alder, 'provider-journey-15-winner-outcome');
}, 120_000);

/** Opens the newest message in the person's inbox whose subject holds `subject`, and follows its link. */
async function openMessage(page: Page, subject: string) {
  await openFromMenu(page, 'Messages');
  await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
  await page.getByTestId('message').filter({ hasText: subject }).first().getByRole('button', { name: /^Open/ }).click();
}

it('the winner submits last month’s monitoring return; Sefton queries it; the provider corrects it; Sefton accepts it', async () => {
  const month = lastMonthInEngland();
  const alder = people.alder!;
  await openFromMenu(alder, 'Your contracts');
  await alder.getByRole('heading', { level: 1, name: 'Your contracts' }).waitFor();
  const row = alder.getByTestId('provider-contract').filter({ hasText: CONTRACT });
  expect(await row.textContent()).toContain('Sefton');
  await screenshot(alder, 'provider-journey-16-winner-contracts');
  await row.getByRole('link').click();
  await alder.getByTestId('return-form').waitFor();
  const details = (await alder.locator('.govuk-summary-list').first().textContent()) ?? '';
  expect(details).toContain(SCHEME);
  expect(details).toContain('£410,000.00');
  expect(await alder.getByTestId('no-returns').textContent()).toContain('not sent a monitoring return');
  // The period offered is last month, a whole month.
  const figures = { hoursDelivered: '1250', missedVisits: '3', lateVisits: '12', staffTurnoverPercent: '4.5', complaints: '1' };
  for (const [key, value] of Object.entries(figures)) await alder.locator(`#return-${key}`).fill(value);
  await screenshot(alder, 'provider-journey-17-return-form');
  await alder.getByTestId('return-form').getByRole('button', { name: 'Submit', exact: true }).click();
  await expect.poll(() => alder.getByTestId('return-notice').textContent()).toBe(`Your return for ${month} is submitted to Sefton Council.`);
  expect(await alder.getByTestId('monitoring-return').getByTestId('return-status').textContent()).toBe('Submitted');

  // Sefton opens the message about it, which leads to the contract, and queries the return with its reason.
  const sefton = people.sefton!;
  await openMessage(sefton, CONTRACT);
  const returns = sefton.getByTestId('monitoring-returns');
  await returns.getByTestId('monitoring-return').waitFor();
  expect(await returns.getByTestId('monitoring-return').textContent()).toContain('1,250');
  await returns.getByTestId('query-return').click();
  await sefton.getByLabel('Why are you querying it?').fill('3 missed visits does not match our brokerage log, which shows 5: please check.');
  await sefton.getByTestId('query-return-form').getByRole('button', { name: 'Continue' }).click();
  await sefton.getByRole('button', { name: 'Yes, query the return' }).click();
  await expect.poll(() => returns.getByTestId('return-status').textContent()).toBe('Queried');
  await screenshot(sefton, 'provider-journey-18-sefton-queried');

  // The provider reads the query from its inbox and corrects the return.
  await openMessage(alder, `Monitoring return queried: ${CONTRACT}`);
  await expect.poll(() => alder.getByTestId('return-query-reason').textContent()).toContain('our brokerage log, which shows 5');
  await alder.getByTestId('change-return').click();
  expect(await alder.getByTestId('return-form-query').textContent()).toContain('which shows 5');
  await alder.locator('#return-missedVisits').fill('5');
  await screenshot(alder, 'provider-journey-19-return-correcting');
  await atPhoneWidth(alder, 'provider-journey-19-return-correcting-375');
  await alder.getByTestId('return-form').getByRole('button', { name: 'Submit', exact: true }).click();
  await expect.poll(() => alder.getByTestId('return-notice').textContent()).toBe(`Your return for ${month} is submitted to Sefton Council.`);
  expect(await alder.getByTestId('monitoring-return').getByTestId('return-status').textContent()).toBe('Submitted');

  // Sefton accepts the corrected return; the provider sees it accepted and can no longer change it.
  await openMessage(sefton, CONTRACT);
  await expect.poll(() => returns.getByTestId('return-status').textContent()).toBe('Submitted');
  expect(await returns.getByTestId('monitoring-return').textContent()).toMatch(/1,250\s*5\s*12/);
  await returns.getByTestId('accept-return').click();
  await sefton.getByRole('button', { name: 'Yes, accept the return' }).click();
  await expect.poll(() => returns.getByTestId('return-status').textContent()).toBe('Accepted');
  await screenshot(sefton, 'provider-journey-20-sefton-accepted');
  await atPhoneWidth(sefton, 'provider-journey-20-sefton-accepted-375');

  await openMessage(alder, `Monitoring return accepted: ${CONTRACT}`);
  await expect.poll(() => alder.getByTestId('return-status').textContent()).toBe('Accepted');
  expect(await alder.getByTestId('change-return').count()).toBe(0);
  await screenshot(alder, 'provider-journey-21-return-accepted');
}, 120_000);

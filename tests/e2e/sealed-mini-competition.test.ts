import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROVIDER_PASSWORD, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { admitToSeftonLot, passDeadline, sealedMiniCompetition } from '../support/sealed-call-offs.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 11, item 4: a sealed mini-competition in the browser. Sefton invites three approved providers (registered and
 * verified here); two respond online (one replaces its response); Sefton sees "2 responses received, sealed until …"
 * and nothing of their content; after the deadline (moved as the owner: the database clock is not injectable) Sefton
 * scores and awards; the loser sees its own score and feedback and nobody else's; the winner its contract.
 * Screenshots at 1280 and 375 px.
 */
let app: RunningApp;
let providers: RegisteredProvider[];
let callOffId: string;
const SEFTON = 'commissioner.sefton@concord.example';

beforeAll(async () => {
  app = await startApp();
  providers = [];
  for (const n of [260, 261, 262]) providers.push(await registerVerifiedProvider(app.connection, n));
  await admitToSeftonLot(app.connection, providers.map((p) => p.providerId));
  callOffId = (await sealedMiniCompetition(app.connection, providers.map((p) => p.providerId))).id;
});
afterAll(() => app.close());

async function pageFor(email: string, password?: string): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAs(page, app.url, email, password);
  return page;
}

async function atPhoneWidth(page: Page, name: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function respond(page: Page, price: string, answer: string, version = 1) {
  await page.getByTestId('response-form').waitFor();
  await page.getByLabel(/Your price per hour/).fill(price);
  for (const box of await page.getByTestId('response-form').locator('textarea').all()) await box.fill(answer);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('check-response').waitFor();
  await page.getByRole('button', { name: 'Send response' }).click();
  await page.getByText(`Your response was sent (version ${version}).`).waitFor();
}

it('two invited providers respond online; one replaces its response before the deadline', async () => {
  const alder = await pageFor(providers[0]!.email, PROVIDER_PASSWORD);
  await alder.goto(`${app.url}/organisation/invitations`);
  await alder.getByTestId('invitation-row').first().waitFor();
  expect(await alder.getByTestId('invitation-row').count()).toBe(1);
  await screenshot(alder, 'sealed-01-provider-invitations');
  await atPhoneWidth(alder, 'sealed-01-provider-invitations-375');
  await alder.getByRole('link', { name: /Test Extra Care scheme/ }).click();
  expect(await alder.getByTestId('invitation-deadline').textContent()).toContain('11:59pm on 31 January 2030');
  await respond(alder, '20.50', 'We deliver person-centred care with a stable local team.');
  await alder.getByTestId('replace-response').click();
  await screenshot(alder, 'sealed-02-provider-replacing');
  await respond(alder, '19.50', 'We deliver person-centred care with a stable local team of 40.', 2);
  expect(await alder.getByTestId('your-response').textContent()).toContain('Version 2');
  expect(await alder.getByTestId('your-price').textContent()).toContain('£19.50');
  await screenshot(alder, 'sealed-03-provider-response-sent');
  await atPhoneWidth(alder, 'sealed-03-provider-response-sent-375');

  const birch = await pageFor(providers[1]!.email, PROVIDER_PASSWORD);
  await birch.goto(`${app.url}/organisation/invitations/${callOffId}`);
  await respond(birch, '18.00', 'Reliable visits, rostered by locality.');
  // Birch sees its own response only: not Alder's price.
  expect(await birch.locator('main').textContent()).not.toContain('£19.50');
});

it('Sefton sees only how many responded, sealed until the deadline, and no content', async () => {
  const sefton = await pageFor(SEFTON);
  await sefton.goto(`${app.url}/call-offs/${callOffId}`);
  await sefton.getByTestId('sealed-count').waitFor();
  expect(await sefton.getByTestId('sealed-count').textContent()).toBe('2 responses received, sealed until 11:59pm on 31 January 2030');
  const text = (await sefton.locator('main').textContent()) ?? '';
  for (const hidden of ['£19.50', '£18.00', '£20.50', 'person-centred care with a stable', 'Received', 'Ranking']) expect(text).not.toContain(hidden);
  await screenshot(sefton, 'sealed-04-council-sealed');
  await atPhoneWidth(sefton, 'sealed-04-council-sealed-375');
});

it('after the deadline Sefton scores and awards; the loser sees its own score and feedback and nobody else’s', async () => {
  await passDeadline(app.connection, callOffId);
  const sefton = await pageFor(SEFTON);
  await sefton.goto(`${app.url}/call-offs/${callOffId}`);
  await sefton.getByTestId('score-form').waitFor();
  const names = ['Wirral Homecare 260 Ltd', 'Wirral Homecare 261 Ltd'];
  const panel: Record<string, [string, string]> = { [names[0]!]: ['3', '3'], [names[1]!]: ['4', '3'] };
  for (const name of names) {
    await sefton.locator('#scoreProvider').selectOption({ label: name });
    const boxes = sefton.getByTestId('score-form').locator('input[name^="panel-score-"]');
    await boxes.nth(0).fill(panel[name]![0]);
    await boxes.nth(1).fill(panel[name]![1]);
    await sefton.getByRole('button', { name: 'Save scores' }).click();
    await sefton.getByText(`Scores saved for ${name}.`).waitFor();
  }
  await sefton.getByTestId('ranked-response').first().waitFor();
  expect(await sefton.getByTestId('ranked-response').count()).toBe(2);
  await screenshot(sefton, 'sealed-05-council-ranked');
  const award = sefton.getByTestId('award-form');
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
  await award.locator('#awardedOn-day').fill(String(Number(day)));
  await award.locator('#awardedOn-month').fill(String(Number(month)));
  await award.locator('#awardedOn-year').fill(year!);
  await award.locator('#contractReference').fill('SEF-SEALED-E2E');
  await award.locator('#annualValue').fill('520000');
  await sefton.getByLabel('Feedback to Wirral Homecare 260 Ltd (optional)').fill('Good quality answers; your price was not the lowest.');
  await sefton.getByRole('button', { name: 'Award and create the contract' }).click();
  // It asks first, naming the top-ranked provider and the amount in pounds (issue 13, item 4).
  expect(await sefton.getByTestId('confirm-step').getByRole('heading').innerText()).toBe('Award this call-off to Wirral Homecare 261 Ltd for £520,000.00 a year?');
  await sefton.getByRole('button', { name: 'Yes, award and create the contract' }).click();
  await sefton.getByText(/Awarded: contract SEF-SEALED-E2E/).waitFor();
  expect(await sefton.getByTestId('award-provider').textContent()).toContain('Wirral Homecare 261 Ltd');
  await screenshot(sefton, 'sealed-06-council-awarded');

  const loser = await pageFor(providers[0]!.email, PROVIDER_PASSWORD);
  await loser.goto(`${app.url}/organisation/invitations/${callOffId}`);
  await loser.getByTestId('outcome').waitFor();
  expect(await loser.getByTestId('outcome-rank').textContent()).toContain('2');
  expect(await loser.getByTestId('outcome-feedback').textContent()).toContain('Good quality answers; your price was not the lowest.');
  const seen = (await loser.locator('main').textContent()) ?? '';
  for (const other of ['Wirral Homecare 261', '£18.00', 'SEF-SEALED-E2E', 'Reliable visits']) expect(seen).not.toContain(other);
  await screenshot(loser, 'sealed-07-loser-outcome');
  await atPhoneWidth(loser, 'sealed-07-loser-outcome-375');

  const winner = await pageFor(providers[1]!.email, PROVIDER_PASSWORD);
  await winner.goto(`${app.url}/organisation/invitations/${callOffId}`);
  await winner.getByTestId('outcome').waitFor();
  expect(await winner.getByTestId('outcome').textContent()).toContain('Contract SEF-SEALED-E2E');
  await screenshot(winner, 'sealed-08-winner-outcome');
});

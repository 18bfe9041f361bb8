import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PLATFORM_ADMIN, screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';

/**
 * Issue 11, item 1: a care provider registers its organisation from the sign-in page, lands on its own home waiting
 * to be verified with a navigation of its own; the platform administrator finds it among the organisations waiting,
 * confirms and verifies it; the provider sees it verified and changes its details. Screenshots at 1280 and 375 px.
 */
let app: RunningApp;
let provider: Page;
let admin: Page;
const LEGAL_NAME = 'Birkenhead Home Support Ltd';

beforeAll(async () => {
  app = await startApp();
  provider = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  admin = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
afterAll(() => app.close());

const navLinks = (page: Page) => page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents();

async function atPhoneWidth(page: Page, name: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

it('a provider registers from the sign-in page and waits to be verified on its own home', async () => {
  await provider.goto(`${app.url}/sign-in`);
  await provider.getByRole('link', { name: 'Register your care organisation' }).click();
  await provider.getByRole('heading', { level: 1, name: 'Register your care organisation' }).waitFor();

  // Nothing filled in: the error summary names the fields, each marked beside it; nobody is registered.
  await provider.getByRole('button', { name: 'Register organisation' }).click();
  await provider.locator('.govuk-error-summary').waitFor();
  expect(await provider.locator('#legalName-error').textContent()).toContain('legal name');
  expect(await provider.locator('#companiesHouseNumber-error').textContent()).toContain('Companies House number or a CQC provider ID');
  await screenshot(provider, 'provider-registration-errors');

  await provider.getByLabel('Your full name').fill('Priya Shah');
  await provider.getByLabel('Your email address').fill('priya@birkenhead-home-support.example');
  await provider.getByLabel('Create a password').fill('harbour violet kestrel');
  await provider.getByLabel('Confirm the password').fill('harbour violet kestrel');
  await provider.getByLabel('Legal name').fill(LEGAL_NAME);
  await provider.getByLabel('Companies House number').fill('09100101');
  await provider.getByLabel('CQC provider ID').fill('1-910010101');
  await provider.getByLabel('Registered address').fill('1 Dock Road\nBirkenhead CH41 1AA');
  await provider.getByLabel('Contact name').fill('Priya Shah');
  await provider.getByLabel('Contact email address').fill('contracts@birkenhead-home-support.example');
  await provider.getByLabel('Contact telephone number').fill('0151 123 4567');
  await provider.getByLabel('Small or medium-sized enterprise (SME)').check();
  await screenshot(provider, 'provider-registration-form');
  await provider.getByRole('button', { name: 'Register organisation' }).click();

  await provider.waitForURL(`${app.url}/organisation`);
  await provider.getByRole('heading', { level: 1, name: LEGAL_NAME }).waitFor();
  expect(await provider.getByTestId('organisation-status').textContent()).toContain('waiting to be verified: until then you can edit your profile and apply to procurements');
  expect(await provider.getByTestId('header-organisation').textContent()).toBe(LEGAL_NAME);
  expect(await provider.getByTestId('organisation-people').textContent()).toContain('Provider administrator');
  // Its own navigation: the provider areas, none of the councils'.
  const links = await navLinks(provider);
  expect(links[0]).toBe('Your organisation');
  for (const councils of ['Home', 'Procurements', 'Providers', 'Contracts', 'People', 'Authorities', 'Organisations to verify']) expect(links).not.toContain(councils);
  // Home is the organisation's.
  await provider.goto(`${app.url}/`);
  await provider.waitForURL(`${app.url}/organisation`);
  await provider.getByRole('heading', { level: 1, name: LEGAL_NAME }).waitFor();
  await screenshot(provider, 'provider-registration-home');
  await atPhoneWidth(provider, 'provider-registration-home-375');
});

it('the platform administrator confirms and verifies it; councils never see the provider areas', async () => {
  await signInAs(admin, app.url, DEMO_PLATFORM_ADMIN);
  await admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organisations to verify' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Organisations waiting to be verified' }).waitFor();
  const waiting = admin.getByTestId('waiting-organisation');
  await expect.poll(() => waiting.allTextContents()).toHaveLength(1);
  expect(await waiting.first().textContent()).toContain('09100101');
  await screenshot(admin, 'provider-verification-list');
  await waiting.getByRole('link', { name: LEGAL_NAME }).click();
  await admin.getByRole('heading', { level: 1, name: LEGAL_NAME }).waitFor();
  await admin.getByRole('button', { name: 'Verify this organisation' }).click();
  // A confirmation step before anything changes: cancelling leaves it waiting.
  await admin.getByRole('heading', { level: 1, name: `Are you sure you want to verify ${LEGAL_NAME}?` }).waitFor();
  await screenshot(admin, 'provider-verification-confirm');
  await atPhoneWidth(admin, 'provider-verification-confirm-375');
  await admin.getByRole('button', { name: 'Yes, verify this organisation' }).click();
  await expect.poll(() => admin.locator('.govuk-notification-banner--success').textContent()).toContain(`${LEGAL_NAME} is verified`);
  expect(await admin.getByTestId('none-waiting').textContent()).toContain('No organisation is waiting');
  expect(await navLinks(admin)).not.toContain('Your organisation');

  const council = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInAs(council, app.url, 'commissioner.sefton@concord.example');
  await council.getByRole('navigation', { name: 'Menu' }).waitFor();
  const links = await navLinks(council);
  expect(links).toContain('Home');
  expect(links).not.toContain('Your organisation');
  expect(links).not.toContain('Organisations to verify');
});

it('the provider sees it is verified and changes its details', async () => {
  await provider.reload();
  await provider.getByRole('heading', { level: 1, name: LEGAL_NAME }).waitFor();
  await expect.poll(() => provider.getByTestId('organisation-status').textContent()).toContain('Verified');
  expect(await provider.getByTestId('organisation-status').textContent()).toContain('by the platform administrator');

  await provider.getByTestId('change-details').click();
  await provider.getByRole('heading', { level: 1, name: 'Change your organisation’s details' }).waitFor();
  // A telephone number that is not one is refused beside the field.
  await provider.getByLabel('Contact telephone number').fill('call us');
  await provider.getByRole('button', { name: 'Save details' }).click();
  await expect.poll(() => provider.locator('#contactPhone-error').textContent()).toContain('Enter a telephone number');
  await provider.getByLabel('Contact telephone number').fill('0151 765 4321');
  await provider.getByLabel('Voluntary, community or social enterprise (VCSE)').check();
  await provider.getByRole('button', { name: 'Save details' }).click();
  await provider.waitForURL(`${app.url}/organisation`);
  await expect.poll(() => provider.locator('.govuk-notification-banner--success').textContent()).toContain('Your organisation’s details are saved');
  const details = (await provider.locator('.govuk-summary-list').textContent()) ?? '';
  expect(details).toContain('0151 765 4321');
  expect(details).toMatch(/Voluntary, community or social enterprise \(VCSE\)\s*Yes/);
  await screenshot(provider, 'provider-registration-changed');
  await atPhoneWidth(provider, 'provider-registration-changed-375');
});

it('the provider administrator invites a colleague, who accepts and sees the organisation; the administrator removes a role', async () => {
  await provider.goto(`${app.url}/organisation`);
  await provider.getByRole('heading', { level: 1, name: LEGAL_NAME }).waitFor();
  // No role chosen: refused beside the field.
  await provider.getByLabel('Their email address').fill('tom@birkenhead-home-support.example');
  await provider.getByRole('button', { name: 'Send invitation' }).click();
  await expect.poll(() => provider.locator('#invite-roles-error').textContent()).toContain('Choose at least one role');
  await provider.getByLabel('Bid writer').check();
  await provider.getByLabel('Contract manager').check();
  await provider.getByRole('button', { name: 'Send invitation' }).click();
  const link = (await provider.getByTestId('issued-link').textContent())!.trim();
  expect(link).toMatch(/\/organisation-invitation\/[A-Za-z0-9_-]+$/);
  expect(await provider.getByTestId('organisation-invitations').textContent()).toContain('Bid writer, Contract manager');
  await screenshot(provider, 'provider-people-invited');

  const colleague = await (await app.browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
  await colleague.goto(link);
  await colleague.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
  expect(await colleague.locator('main').textContent()).toContain(LEGAL_NAME);
  await colleague.getByLabel('Your full name').fill('Tom Clarke');
  await colleague.getByLabel('Create a password').fill('copper lantern orchard');
  await colleague.getByLabel('Confirm the password').fill('copper lantern orchard');
  await colleague.getByRole('button', { name: 'Accept and sign in' }).click();
  await colleague.waitForURL(`${app.url}/organisation`);
  await colleague.getByRole('heading', { level: 1, name: LEGAL_NAME }).waitFor();
  // Not an administrator: no change link, no invitation form, no remove buttons.
  expect(await colleague.getByTestId('change-details').count()).toBe(0);
  expect(await colleague.getByTestId('invite-form').count()).toBe(0);
  expect(await colleague.getByRole('button', { name: /Remove/ }).count()).toBe(0);
  expect(await colleague.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(colleague, 'provider-people-colleague-375');

  await provider.reload();
  const tom = provider.getByTestId('organisation-person').filter({ hasText: 'Tom Clarke' });
  await expect.poll(() => tom.textContent()).toContain('Contract manager');
  await tom.getByRole('button', { name: 'Remove bid writer role from Tom Clarke' }).click();
  await expect.poll(() => provider.locator('.govuk-notification-banner--success').allTextContents()).toContainEqual(expect.stringContaining('Tom Clarke is no longer a bid writer'));
  await expect.poll(() => tom.textContent()).not.toContain('Bid writer');
  expect(await tom.textContent()).toContain('Contract manager');
  await screenshot(provider, 'provider-people-role-removed');
});

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { totpCode } from '@concord/domain/two-step';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { screenshot } from './support/app.ts';
import { emptyDataDir, startServer, type StartedServer } from './support/empty-server.ts';

/**
 * Issue 10's "Done when", in the browser: a newcomer runs the real `start` on an empty database with demo data
 * off and, entirely through the web app, sets up a partnership of three councils that are not in the seeds and
 * runs a procurement for it. The setup link makes the platform administrator (two-step verification enrolled);
 * they register Manchester, Salford and Trafford and invite each one's administrator; each accepts in a browser
 * of their own, sets a password and enrols an authenticator app; Manchester proposes the Greater Manchester Home
 * Care Partnership and invites the other two; Salford accepts, Trafford declines, is invited again and accepts;
 * Manchester's lead commissioner creates a procurement, which Salford sees; Trafford leaves and no longer sees it.
 * One screenshot per step (journey-NN-…), some at 375 px with nothing scrolling sideways.
 */

const PARTNERSHIP = 'Greater Manchester Home Care Partnership';
const PROCUREMENT = 'Home care in Greater Manchester: framework 2027';

interface Council {
  code: string;
  name: string;
  admin: { email: string; name: string; password: string };
  link: string;
  context?: BrowserContext;
  page?: Page;
}

const councils: Council[] = [
  { code: 'E08000003', name: 'Manchester City Council', admin: { email: 'maya.patel@manchester.example', name: 'Maya Patel', password: 'copper kettle morning' }, link: '' },
  { code: 'E08000006', name: 'Salford City Council', admin: { email: 'sam.okoro@salford.example', name: 'Sam Okoro', password: 'quiet harbour lights' }, link: '' },
  { code: 'E08000009', name: 'Trafford Council', admin: { email: 'tara.flynn@trafford.example', name: 'Tara Flynn', password: 'orchard bicycle ember' }, link: '' },
];
const [manchester, salford, trafford] = councils as [Council, Council, Council];
/** The signed-in page of a council's administrator (set in step 3). */
const pageOf = (c: Council) => c.page!;

const data = emptyDataDir();
let server: StartedServer;
let browser: Browser;
let admin: Page;
let procurementUrl = '';
let shot = 0;

/** journey-NN-what at 1280 px; with `narrow`, also at 375 px, where nothing may scroll sideways. */
async function step(page: Page, what: string, narrow = false) {
  shot += 1;
  const name = `journey-${String(shot).padStart(2, '0')}-${what}`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, name);
  if (narrow) {
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, `${name}-375`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** Waits for the page whose only h1 is `text` (the old page stays a moment while the next one loads). */
async function heading1(page: Page, text: string) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

/** Turns two-step verification on from its page, as an authenticator app would: reads the key, enters this step's code. */
async function enrolTwoStep(page: Page) {
  await heading1(page, 'Two-step verification');
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  const key = ((await page.getByTestId('manual-key').textContent()) ?? '').replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  expect(await page.getByRole('img', { name: /QR code/ }).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(totpCode(key, new Date()));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
}

/** The notice the partnership settings page shows after a step. */
const notice = (page: Page) => page.getByTestId('settings-notice').textContent();

beforeAll(async () => {
  server = await startServer(data.dir);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 90_000);
// Each step builds on the last: after a failure the later steps are skipped rather than timing out one by one,
// and every open page is saved as a picture, to see what a person would have seen.
let broken = false;
beforeEach(({ skip }) => {
  if (broken) skip();
});
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  broken = true;
  for (const [who, page] of [['platform-admin', admin], ...councils.map((c) => [c.code, c.page] as const)] as const) {
    if (page && !page.isClosed()) await screenshot(page, `journey-failed-${task.name.split('.')[0]}-${who}`).catch(() => undefined);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  data.remove();
});

it('1. the setup link printed by start creates the platform administrator, who must enrol two-step verification first', async () => {
  const printed = server.output();
  expect(printed).not.toContain('Demo sign-ins');
  const link = /(http:\/\/127\.0\.0\.1:\d+\/setup\/[A-Za-z0-9_-]{43})\s/.exec(printed)?.[1];
  expect(link).toBeDefined();

  await admin.goto(link!);
  await heading1(admin, 'Set up Concord');
  await admin.fill('#email', 'ada.admin@concord-gm.example');
  await admin.fill('#displayName', 'Ada Admin');
  await admin.fill('#password', 'heron lantern quarry');
  await admin.fill('#confirmPassword', 'heron lantern quarry');
  await step(admin, 'setup', true);
  await admin.getByRole('button', { name: 'Create administrator' }).click();

  await admin.waitForURL(`${server.url}/sessions/two-step`);
  expect(await admin.getByTestId('must-enrol').textContent()).toContain('always required for platform administrators');
  await enrolTwoStep(admin);
  await step(admin, 'platform-admin-two-step');
  await admin.getByRole('link', { name: 'Continue to Concord' }).click();
  await admin.waitForURL(`${server.url}/`);
  const me = await admin.evaluate(async () => (await fetch('/trpc/auth.me')).json());
  expect(me.result.data).toMatchObject({ email: 'ada.admin@concord-gm.example', isPlatformAdmin: true, authorityId: null });
});

it('2. the platform administrator registers Manchester, Salford and Trafford and invites each one’s administrator', async () => {
  await admin.getByRole('navigation').getByRole('link', { name: 'Authorities' }).click();
  await heading1(admin, 'Manage authorities');
  for (const c of councils) {
    await admin.goto(`${server.url}/authorities`);
    await heading1(admin, 'Manage authorities');
    await admin.getByRole('link', { name: 'Register a council' }).click();
    await heading1(admin, 'Register a council');
    await admin.getByLabel('GSS code').fill(c.code);
    await admin.getByLabel('Name').fill(c.name);
    await admin.getByLabel('Region').selectOption('North West');
    await admin.getByRole('button', { name: 'Register council' }).click();
    await expect.poll(() => admin.locator('.govuk-notification-banner--success').textContent()).toContain(`${c.name} (${c.code}) is registered`);
  }
  await admin.goto(`${server.url}/authorities`);
  const rows = admin.getByTestId('registry-row');
  await expect.poll(() => rows.count()).toBe(3);
  expect((await rows.allTextContents()).every((row) => row.includes('Metropolitan district'))).toBe(true);
  expect(await rows.locator('th').allTextContents()).toEqual(expect.arrayContaining(councils.map((c) => c.name)));
  await step(admin, 'registry', true);

  for (const c of councils) {
    await admin.goto(`${server.url}/authorities?search=${c.code}`);
    await admin.getByRole('link', { name: `Change ${c.name}` }).click();
    await admin.getByRole('heading', { name: 'Invite an administrator' }).waitFor();
    await admin.fill('#admin-email', c.admin.email);
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByTestId('issued-link').waitFor();
    c.link = ((await admin.getByTestId('issued-link').textContent()) ?? '').trim();
    expect(c.link).toMatch(new RegExp(`^${server.url}/invitation/[A-Za-z0-9_-]{43}$`));
    if (c === manchester) await step(admin, 'invite-administrator', true);
  }
  expect(new Set(councils.map((c) => c.link)).size).toBe(3);
});

it('3. each administrator accepts their invitation in a browser of their own, sets a password and enrols two-step verification', async () => {
  for (const c of councils) {
    c.context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = (c.page = await c.context.newPage());
    await page.goto(c.link);
    await heading1(page, 'Accept your invitation');
    await page.fill('#displayName', c.admin.name);
    // A password under 12 characters is refused against its field.
    await page.fill('#password', 'too short');
    await page.fill('#confirmPassword', 'too short');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await expect.poll(() => page.locator('#password-error').textContent()).toContain('12 characters or more');
    await page.fill('#password', c.admin.password);
    await page.fill('#confirmPassword', c.admin.password);
    if (c === manchester) await step(page, 'accept-invitation', true);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.getByTestId('my-roles').waitFor();
    expect(await page.getByTestId('my-roles').textContent()).toContain('Authority administrator');
    await expect.poll(async () => (await page.getByTestId('header-authority').textContent()) ?? '').toContain(c.name);

    // Not required of an authority administrator unless their authority requires it: turned on from Sessions.
    await page.goto(`${server.url}/sessions`);
    await page.getByRole('link', { name: 'Two-step verification' }).click();
    await enrolTwoStep(page);
    await expect.poll(() => page.getByText('Two-step verification is on').count()).toBe(1);
    if (c === manchester) await step(page, 'administrator-two-step', true);
  }
});

it('4. Manchester’s administrator takes the commissioner role, proposes the partnership and invites Salford and Trafford', async () => {
  const page = pageOf(manchester);
  await page.goto(`${server.url}/people`);
  await heading1(page, 'Manage people');
  await page.getByRole('link', { name: manchester.admin.name }).click();
  await heading1(page, manchester.admin.name);
  await page.getByLabel('Commissioner', { exact: true }).check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await page.getByText('Their roles are changed').waitFor();
  await step(page, 'commissioner-role');

  await page.goto(`${server.url}/partnerships`);
  await heading1(page, 'Partnerships');
  await page.getByTestId('propose-link').click();
  await heading1(page, 'Propose a partnership');
  await page.fill('#name', PARTNERSHIP);
  await page.getByLabel('Tripartite', { exact: true }).check();
  await page.fill('#purpose', 'Home care commissioned together by Manchester, Salford and Trafford');
  await step(page, 'propose', true);
  await page.getByRole('button', { name: 'Propose the partnership' }).click();
  await heading1(page, PARTNERSHIP);
  expect(await page.getByTestId('settings-lead').textContent()).toContain(manchester.name);

  for (const c of [salford, trafford]) {
    await page.selectOption('#authorityId', c.code);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => notice(page)).toContain(`You invited ${c.name}`);
  }
  const invitations = page.getByTestId('settings-invitation');
  await expect.poll(() => invitations.count()).toBe(2);
  for (const c of [salford, trafford]) expect(await invitations.filter({ hasText: c.name }).textContent()).toContain('Invited');
  await step(page, 'invited', true);
});

it('5. Salford accepts; Trafford declines after confirming, is invited again and accepts', async () => {
  const s = pageOf(salford);
  await s.goto(`${server.url}/partnerships`);
  const salfordCard = s.getByTestId('invitation').filter({ hasText: PARTNERSHIP });
  await salfordCard.waitFor();
  expect(await salfordCard.textContent()).toContain(manchester.name);
  await step(s, 'salford-invitation', true);
  await salfordCard.getByRole('button', { name: /^Accept/ }).click();
  await heading1(s, PARTNERSHIP);
  await expect.poll(() => s.getByTestId('settings-member').count()).toBe(2);

  const t = pageOf(trafford);
  await t.goto(`${server.url}/partnerships`);
  const traffordCard = t.getByTestId('invitation').filter({ hasText: PARTNERSHIP });
  await traffordCard.getByRole('button', { name: /^Decline/ }).click();
  await traffordCard.getByRole('button', { name: /^Yes, decline/ }).waitFor();
  await step(t, 'trafford-decline-confirm');
  await traffordCard.getByRole('button', { name: /^Yes, decline/ }).click();
  await t.getByText(`You declined the invitation to join ${PARTNERSHIP}`).waitFor();
  await expect.poll(() => t.getByTestId('invitation').count()).toBe(0);
  expect(await t.locator('main').textContent()).toContain('Trafford Council is not in any partnership yet');
  await step(t, 'trafford-declined');

  // Manchester sees the answers, and invites Trafford again.
  const m = pageOf(manchester);
  await m.reload();
  await heading1(m, PARTNERSHIP);
  await expect.poll(async () => (await m.getByTestId('settings-invitation').filter({ hasText: salford.name }).textContent()) ?? '').toContain('Accepted');
  await expect.poll(async () => (await m.getByTestId('settings-invitation').filter({ hasText: trafford.name }).textContent()) ?? '').toContain('Declined');
  await m.selectOption('#authorityId', trafford.code);
  await m.getByRole('button', { name: 'Send invitation' }).click();
  await expect.poll(() => notice(m)).toContain(`You invited ${trafford.name}`);

  await t.reload();
  await heading1(t, 'Partnerships');
  await t.getByTestId('invitation').filter({ hasText: PARTNERSHIP }).getByRole('button', { name: /^Accept/ }).click();
  await heading1(t, PARTNERSHIP);
  await expect.poll(() => t.getByTestId('settings-member').count()).toBe(3);

  await m.reload();
  await expect.poll(() => m.getByTestId('settings-member').count()).toBe(3);
  const history = (await m.getByTestId('history-event').allTextContents()).join('\n');
  expect(history).toContain('Proposed the partnership');
  expect(history).toContain(`Invited an authority: ${trafford.name}`);
  expect(history).toContain(`${trafford.admin.name}, ${trafford.name}Declined the invitation`);
  expect(history).toContain(`${salford.admin.name}, ${salford.name}Accepted the invitation and joined`);
  expect(history).toContain(`${trafford.admin.name}, ${trafford.name}Accepted the invitation and joined`);
  await step(m, 'members', true);
});

it('6. Manchester names its lead commissioner and creates a procurement for the partnership', async () => {
  const m = pageOf(manchester);
  await m.selectOption('#roleUserId', { label: manchester.admin.name });
  await m.getByLabel('Lead commissioner', { exact: true }).check();
  await m.getByRole('button', { name: 'Name to the role' }).click();
  await expect.poll(() => notice(m)).toContain(`${manchester.admin.name} is now lead commissioner`);
  expect(await m.getByTestId('partnership-role').filter({ hasText: 'Lead commissioner' }).textContent()).toContain(manchester.admin.name);
  await step(m, 'lead-commissioner');

  await m.getByRole('link', { name: 'Procurement', exact: true }).click();
  await heading1(m, 'Joint procurements');
  expect(await m.getByTestId('no-procurements').textContent()).toContain('None of your partnerships has a joint procurement yet');
  await m.getByRole('button', { name: 'Create a procurement' }).click();
  await heading1(m, 'Create a procurement');
  expect(await m.getByTestId('partnership-name').textContent()).toBe(PARTNERSHIP);
  await m.getByLabel('Title', { exact: true }).fill(PROCUREMENT);
  await m.getByLabel('Home care', { exact: true }).check();
  await m.getByLabel('Framework agreement (open, reopenable)').check();
  await m.getByLabel('Procurement Act 2023', { exact: true }).check();
  await m.getByLabel('Estimated value (optional)').fill('12,000,000');
  // Every member buys unless the lead says otherwise.
  for (const c of councils) expect(await m.getByLabel(new RegExp(`^${c.name}`)).isChecked()).toBe(true);
  await step(m, 'create-procurement');
  await m.getByRole('button', { name: 'Create procurement' }).click();
  await heading1(m, PROCUREMENT);
  expect(await m.getByTestId('overview-stage').textContent()).toBe('Draft');
  expect(await m.getByTestId('buyers').textContent()).toMatch(/Manchester.*Salford.*Trafford/);
  expect(await m.locator('main').textContent()).toContain('£12,000,000.00');
  procurementUrl = m.url();
  await step(m, 'procurement', true);
});

/** The procurements list of a council's administrator, once loaded. */
async function procurementsOf(page: Page) {
  await page.goto(`${server.url}/procurements`);
  await heading1(page, 'Joint procurements');
  await expect.poll(async () => (await page.getByTestId('procurement').count()) + (await page.getByTestId('no-procurements').count())).toBeGreaterThan(0);
  return page.getByTestId('procurement').filter({ hasText: PROCUREMENT });
}

it('7. Salford (and Trafford, a member still) see the procurement; neither can create one', async () => {
  for (const c of [salford, trafford]) {
    const page = pageOf(c);
    const row = await procurementsOf(page);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(PARTNERSHIP);
    expect(await row.textContent()).toContain(manchester.name);
    expect(await page.getByRole('button', { name: 'Create a procurement' }).count()).toBe(0);
    if (c === salford) {
      await step(page, 'salford-procurements', true);
      await row.getByRole('link', { name: PROCUREMENT }).click();
      await heading1(page, PROCUREMENT);
      expect(await page.getByTestId('overview-stage').textContent()).toBe('Draft');
      await step(page, 'salford-procurement');
    }
  }
});

it('8. Trafford leaves today after confirming, and no longer sees the procurement', async () => {
  const t = pageOf(trafford);
  await t.goto(`${server.url}/partnerships`);
  await t.getByTestId('my-partnerships').getByRole('link', { name: PARTNERSHIP }).click();
  await heading1(t, PARTNERSHIP);
  await t.getByRole('heading', { name: 'Leave the partnership' }).waitFor();
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
  await t.fill('#leaveOn-day', String(Number(day)));
  await t.fill('#leaveOn-month', String(Number(month)));
  await t.fill('#leaveOn-year', year!);
  await t.getByRole('button', { name: 'Continue' }).click();
  await t.getByRole('button', { name: /^Yes, leave on/ }).waitFor();
  await step(t, 'trafford-leave-confirm', true);
  await t.getByRole('button', { name: /^Yes, leave on/ }).click();
  await heading1(t, 'Partnerships');
  await expect.poll(async () => (await t.locator('main').textContent()) ?? '').toContain('Trafford Council is not in any partnership yet');

  const row = await procurementsOf(t);
  expect(await row.count()).toBe(0);
  expect(await t.getByTestId('no-procurements').textContent()).toContain('None of your partnerships has a joint procurement yet');
  await step(t, 'trafford-procurements-after-leaving');
  await t.goto(procurementUrl);
  await heading1(t, 'Page not found');
  await step(t, 'trafford-procurement-not-found', true);

  // Salford still sees it; Manchester's settings show Trafford as having left.
  expect(await (await procurementsOf(pageOf(salford))).count()).toBe(1);
  const m = pageOf(manchester);
  await m.goto(procurementUrl.replace(/\/procurements\/.*$/, '/partnerships'));
  await m.getByTestId('my-partnerships').getByRole('link', { name: PARTNERSHIP }).click();
  await heading1(m, PARTNERSHIP);
  await expect.poll(async () => (await m.getByTestId('settings-member').filter({ hasText: trafford.name }).textContent()) ?? '').not.toContain('Member');
  const formatted = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
  const left = m.getByTestId('history-event').filter({ hasText: 'Leaves the partnership' });
  await expect.poll(() => left.count()).toBe(1);
  expect(await left.textContent()).toContain(`${trafford.admin.name}, ${trafford.name}Leaves the partnership from ${formatted}`);
  await step(m, 'history', true);
  for (const c of councils) await c.context?.close();
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GSS } from '../support/api.ts';
import { fixtureApplication, fixtureProcurement, fixtureProvider, LIVERPOOL_COMMISSIONER, userIdOf } from '../support/procurement.ts';
import { screenshot, signInAs, startApp, type RunningApp } from './support/app.ts';
import { axeViolations } from './support/page-checks.ts';

/**
 * Issue 12, item 4 in the browser, for the records given a version by migration 0047: two administrators change
 * one person's roles, and two lead commissioners one partnership's KPI set. The second, still looking at what they
 * loaded, is told who changed it and when ("Changed by NAME at TIME — reload to see it"), their choices stay on the
 * page, and the first person's change is what is kept. For an evaluator's score (its own version, migration 0055) and
 * the naming of someone to a partnership role (the authority's roles' version), the same person in two windows: the
 * stale save is refused naming them, the form then shows what is saved now and keeps what was chosen, and saving
 * again succeeds.
 */
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

const CHANGED_BY = (name: string) => new RegExp(`Changed by ${name} at \\d{1,2}:\\d{2}(am|pm) on \\d{1,2} [A-Z][a-z]+ \\d{4} — reload to see it`);
const nameOf = async (email: string) => (await app.connection.db.selectFrom('app_user').select('display_name').where('email', '=', email).executeTakeFirstOrThrow()).display_name;

async function opened(email: string, url: string, ready: string, width = 1280): Promise<Page> {
  const page = await app.browser.newPage({ viewport: { width, height: 900 } });
  await signInAs(page, app.url, email);
  await page.goto(url);
  await page.getByRole('heading', { name: ready }).waitFor();
  return page;
}

it('two administrators change one person’s roles: the second is refused, naming the first, and keeps their choice', async () => {
  const admin = 'admin.sefton@concord.example';
  const person = await app.connection.db.selectFrom('app_user').select(['id', 'display_name']).where('email', '=', 'officer.sefton@concord.example').executeTakeFirstOrThrow();
  const url = `${app.url}/people/${person.id}`;
  const first = await opened(admin, url, person.display_name);
  const second = await opened(admin, url, person.display_name, 375);

  await first.getByLabel('Finance officer').check();
  await first.getByRole('button', { name: 'Save roles' }).click();
  await first.getByText('Their roles are changed').waitFor();

  await second.getByLabel('Viewer').check();
  await second.getByRole('button', { name: 'Save roles' }).click();
  await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await second.locator('.govuk-error-summary').textContent()).toMatch(CHANGED_BY(await nameOf(admin)));
  expect(await second.getByLabel('Viewer').isChecked()).toBe(true);
  expect(await second.getByLabel('Finance officer').isChecked()).toBe(false);
  expect(await second.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(second, 'stale-person-roles-375');

  const roles = await app.connection.db.selectFrom('membership').select('role').where('user_id', '=', person.id).orderBy('role').execute();
  expect(roles.map((r) => r.role)).toEqual(['contract_officer', 'finance']);
});

it('two lead commissioners change the Tripartite’s KPI set: the second is refused, naming the first, and keeps their choice', async () => {
  const partnership = await app.connection.db.selectFrom('partnership').select(['id', 'name']).where('name', 'like', '%Tripartite%').executeTakeFirstOrThrow();
  const url = `${app.url}/partnerships/${partnership.id}/settings`;
  const first = await opened(LIVERPOOL_COMMISSIONER, url, partnership.name);
  const second = await opened(LIVERPOOL_COMMISSIONER, url, partnership.name);
  const boxes = (page: Page) => page.locator('input[name="kpiCodes"]');
  const checked = async (page: Page) => (await boxes(page).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked)));
  const loaded = await checked(first);
  const on = loaded.findIndex((c) => c);
  const off = loaded.findIndex((c) => !c);

  await boxes(first).nth(on).uncheck();
  await first.getByRole('button', { name: 'Save the KPI set' }).click();
  await first.getByTestId('settings-notice').waitFor();

  await boxes(second).nth(off).check();
  await second.getByRole('button', { name: 'Save the KPI set' }).click();
  await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await second.locator('.govuk-error-summary').textContent()).toMatch(CHANGED_BY(await nameOf(LIVERPOOL_COMMISSIONER)));
  // What the second person chose is still chosen: the loaded set with one more.
  expect(await checked(second)).toEqual(loaded.map((c, i) => c || i === off));
  await screenshot(second, 'stale-kpi-set-1280');

  await first.reload();
  await first.getByRole('heading', { name: partnership.name }).waitFor();
  expect(await checked(first)).toEqual(loaded.map((c, i) => c && i !== on));
});

it('an evaluator saves a score changed meanwhile in another window: refused naming who and when, the saved score shown, the draft kept, and saved again', async () => {
  const p = await fixtureProcurement(app.connection.db, { status: 'evaluation' });
  const provider = `Stale Score Care ${Date.now()} Ltd`;
  const lead = await userIdOf(app.connection.db, LIVERPOOL_COMMISSIONER);
  const applicationId = await fixtureApplication(app.connection.db, p, { providerId: await fixtureProvider(app.connection.db, provider), scoredBy: lead });
  await app.connection.db
    .insertInto('gateway_answer')
    .values(p.questionIds.map((questionId) => ({ authority_id: GSS.liverpool, application_id: applicationId, question_id: questionId, passed: true, note: null })))
    .execute();
  const url = `${app.url}/procurements/${p.id}/applications/${applicationId}`;
  const first = await opened(LIVERPOOL_COMMISSIONER, url, `Application from ${provider}`);
  const second = await opened(LIVERPOOL_COMMISSIONER, url, `Application from ${provider}`);
  const quality = p.criterionIds.quality;
  const stored = () => app.connection.db.selectFrom('evaluation_score').select(['score', 'rationale', 'row_version']).where('application_id', '=', applicationId).execute();
  expect(await stored()).toEqual([{ score: 3, rationale: 'Fixture', row_version: 1 }]);

  await first.selectOption(`#score-${quality}`, '4');
  await first.fill(`#rationale-${quality}`, 'Strong outcomes evidence');
  await first.getByRole('button', { name: 'Save your scores' }).click();
  await first.getByText('Your score was saved').waitFor();

  await second.selectOption(`#score-${quality}`, '2');
  await second.fill(`#rationale-${quality}`, 'Thin evidence on outcomes');
  await second.getByRole('button', { name: 'Save your scores' }).click();
  await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await second.getByTestId('scoring-grid').locator('.govuk-error-summary li').allTextContents()).toEqual([expect.stringMatching(new RegExp(`^Quality: ${CHANGED_BY(await nameOf(LIVERPOOL_COMMISSIONER)).source}$`))]);
  expect(await stored()).toEqual([{ score: 4, rationale: 'Strong outcomes evidence', row_version: 2 }]);
  // What is saved now is shown; what the evaluator chose stays in the form.
  await expect.poll(() => second.getByTestId('score-saved-meanwhile').textContent()).toBe('Saved meanwhile: 4, “Strong outcomes evidence”. Yours is kept above: save again to replace it.');
  expect(await second.locator(`#score-${quality}`).inputValue()).toBe('2');
  expect(await second.locator(`#rationale-${quality}`).inputValue()).toBe('Thin evidence on outcomes');
  expect(await axeViolations(second)).toEqual([]);
  await screenshot(second, 'stale-score-1280');

  await second.getByRole('button', { name: 'Save your scores' }).click();
  await second.getByText('Your score was saved').waitFor();
  expect(await stored()).toEqual([{ score: 2, rationale: 'Thin evidence on outcomes', row_version: 3 }]);
  expect(await second.getByTestId('score-saved-meanwhile').count()).toBe(0);
});

it('naming someone to a partnership role after the roles changed in another window: refused naming who and when, the roles shown as they are, the choice kept, and named again', async () => {
  const partnership = await app.connection.db.selectFrom('partnership').select(['id', 'name']).where('name', 'like', '%Tripartite%').executeTakeFirstOrThrow();
  const roleHolders = (role: 'network_member') =>
    app.connection.db
      .selectFrom('partnership_role')
      .innerJoin('app_user', 'app_user.id', 'partnership_role.user_id')
      .select('app_user.display_name')
      .where('partnership_id', '=', partnership.id)
      .where('authority_id', '=', GSS.liverpool)
      .where('role', '=', role)
      .execute()
      .then((rows) => rows.map((r) => r.display_name).sort());
  const before = await roleHolders('network_member');
  // Two active Liverpool people who are not network members yet.
  const [one, two] = (
    await app.connection.db
      .selectFrom('app_user')
      .select('display_name')
      .where('disabled_at', 'is', null)
      .where('id', 'in', app.connection.db.selectFrom('membership').select('user_id').where('authority_id', '=', GSS.liverpool))
      .orderBy('display_name')
      .execute()
  )
    .map((u) => u.display_name)
    .filter((n) => !before.includes(n));
  expect(two).toBeDefined();
  const url = `${app.url}/partnerships/${partnership.id}/settings`;
  const first = await opened(LIVERPOOL_COMMISSIONER, url, partnership.name);
  const second = await opened(LIVERPOOL_COMMISSIONER, url, partnership.name, 375);
  const name = async (page: Page, person: string) => {
    await page.selectOption('#roleUserId', { label: person });
    await page.getByLabel('Network member', { exact: true }).check();
    await page.getByRole('button', { name: 'Name to the role' }).click();
  };
  const members = (page: Page) => page.getByTestId('partnership-role').filter({ hasText: 'Network member' }).filter({ hasText: 'Liverpool' });

  await name(first, one!);
  await first.getByTestId('settings-notice').waitFor();
  expect(await first.getByTestId('settings-notice').textContent()).toBe(`${one} is now network member.`);

  await name(second, two!);
  await second.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await second.locator('.govuk-error-summary li').allTextContents()).toEqual([expect.stringMatching(new RegExp(`^${CHANGED_BY(await nameOf(LIVERPOOL_COMMISSIONER)).source}$`))]);
  expect(await roleHolders('network_member')).toEqual([...before, one].sort());
  // The roles as they are now, with the first window's naming; the choice stays made.
  await expect.poll(async () => (await members(second).allTextContents()).some((row) => row.includes(one!))).toBe(true);
  expect(await second.locator('#roleUserId option:checked').textContent()).toBe(two);
  expect(await second.getByLabel('Network member', { exact: true }).isChecked()).toBe(true);
  expect(await second.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(await axeViolations(second)).toEqual([]);
  await screenshot(second, 'stale-role-name-375');

  await second.getByRole('button', { name: 'Name to the role' }).click();
  await expect.poll(() => second.getByTestId('settings-notice').textContent()).toBe(`${two} is now network member.`);
  expect(await roleHolders('network_member')).toEqual([...before, one, two].sort());
});

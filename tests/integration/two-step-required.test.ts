import { createCaller, issueFirstRunSetupLink, resolveSession, type SessionIdentity } from '@concord/api';
import { inTenant, type Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { totpCode } from '@concord/domain/two-step';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, DEMO_PASSWORD, GSS, openSeededDatabase, outcome, signIn, testPasswordHash, type Caller } from '../support/api.ts';

/**
 * Issue 10, items 3 and 5: two-step verification is always required of platform administrators, and an
 * authority administrator may require it of their authority. A session opened for someone who must use it and
 * has not turned it on may only enrol: everything else is FORBIDDEN "Set up two-step verification first".
 */
const PASSWORD = 'heron lantern quarry';
const ENROL_FIRST = 'Set up two-step verification first';

/** The message a refused call carries (or 'ok'). */
async function message(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return `${(error as { code?: string }).code} ${(error as Error).message}`;
  }
}

/** The session the token resolves to now (what the next request would see). */
async function sessionOf(connection: Connection, token: string): Promise<SessionIdentity> {
  return (await resolveSession(connection.db, token, config.session, new Date()))!;
}

/** Starts enrolment and confirms it with a current code: returns the secret. */
async function enrol(caller: Caller, now = new Date()): Promise<string> {
  const { secret } = await caller.auth.startTwoStep();
  await caller.auth.confirmTwoStep({ code: totpCode(secret, now) });
  return secret;
}

describe('a platform administrator without two-step verification', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openTestDatabase();
  });
  afterAll(() => connection.close());

  it('arriving from the setup link may only enrol; once enrolled the same session works, and it cannot be turned off', async () => {
    const link = (await issueFirstRunSetupLink(connection.db, new Date()))!;
    const ctx = contextFor(connection, null, { meta: { ip: '192.0.2.70' } });
    await createCaller(ctx).auth.setup({ token: link, email: 'ada@council.example', displayName: 'Ada Admin', password: PASSWORD, confirmPassword: PASSWORD });
    const token = ctx.jar.token!;
    const pending = await sessionOf(connection, token);
    expect(pending).toMatchObject({ isPlatformAdmin: true, twoStepPending: true });
    const admin = callerFor(connection, pending);

    // Everything but enrolment is refused, reads and changes alike, and nothing is written.
    expect(await message(admin.registry.list({}))).toBe(`FORBIDDEN ${ENROL_FIRST}`);
    expect(await message(admin.registry.registerCouncil({ code: 'E08000003', name: 'Manchester', region: 'North West', idempotencyKey: crypto.randomUUID() }))).toBe(
      `FORBIDDEN ${ENROL_FIRST}`,
    );
    expect(await message(admin.auth.sessions())).toBe(`FORBIDDEN ${ENROL_FIRST}`);
    expect(await message(admin.apiToken.list())).toBe(`FORBIDDEN ${ENROL_FIRST}`);
    expect(await connection.db.selectFrom('authority').select('id').execute()).toEqual([]);
    // What it may do: who am I, the status (required, must enrol), start and confirm.
    expect(await callerFor(connection, pending).auth.me()).toMatchObject({ isPlatformAdmin: true, twoStepPending: true });
    expect(await admin.auth.twoStepStatus()).toEqual({ enabled: false, recoveryCodesLeft: 0, required: 'platform_admin', mustEnrol: true });

    const secret = await enrol(admin);
    const enrolled = await sessionOf(connection, token);
    expect(enrolled.twoStepPending).toBe(false);
    const now = callerFor(connection, enrolled);
    expect(await message(now.registry.list({}))).toBe('ok');
    expect(await now.auth.twoStepStatus()).toMatchObject({ enabled: true, required: 'platform_admin', mustEnrol: false });
    // Always required: turning it off is refused, even with a right code.
    expect(await message(now.auth.turnOffTwoStep({ code: totpCode(secret, new Date(Date.now() + 30_000)) }))).toMatch(/^FORBIDDEN .*always required for platform administrators/);
    expect(await now.auth.twoStepStatus()).toMatchObject({ enabled: true });
  });

  it('signing in with a password opens an enrolment-only session; sign out still works', async () => {
    await connection.db.insertInto('app_user').values({ email: 'olu@council.example', display_name: 'Olu', password_hash: await testPasswordHash(DEMO_PASSWORD), is_platform_admin: true }).execute();
    const { token, session } = await signIn(connection, 'olu@council.example');
    expect(session.twoStepPending).toBe(true);
    const olu = callerFor(connection, session);
    expect(await message(olu.registry.list({}))).toBe(`FORBIDDEN ${ENROL_FIRST}`);
    expect(await message(olu.auth.signOut())).toBe('ok');
    expect(await resolveSession(connection.db, token, config.session, new Date())).toBeNull();
  });
});

describe('an authority that requires two-step verification', () => {
  let connection: Connection;
  let seftonAdmin: Caller;
  beforeAll(async () => {
    connection = await openSeededDatabase();
    seftonAdmin = callerFor(connection, (await signIn(connection, 'admin.sefton@concord.example')).session);
  });
  afterAll(() => connection.close());

  it('only its administrators may require it, on the version they saw; the setting is versioned', async () => {
    const before = await seftonAdmin.people.list();
    expect(before.twoStep.required).toBe(false);
    const commissioner = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
    expect(await outcome(commissioner.people.setTwoStepRequired({ required: true, rowVersion: before.twoStep.rowVersion }))).toBe('FORBIDDEN');
    const plymouthAdmin = callerFor(connection, (await signIn(connection, 'admin.plymouth@concord.example')).session);
    await plymouthAdmin.people.setTwoStepRequired({ required: false, rowVersion: (await plymouthAdmin.people.list()).twoStep.rowVersion });
    expect(await outcome(seftonAdmin.people.setTwoStepRequired({ required: true, rowVersion: before.twoStep.rowVersion + 7 }))).toBe('CONFLICT');
    const set = await seftonAdmin.people.setTwoStepRequired({ required: true, rowVersion: before.twoStep.rowVersion });
    expect(set).toEqual({ required: true, rowVersion: before.twoStep.rowVersion + 1 });
    const row = await connection.db.selectFrom('authority').select(['id', 'two_step_required']).where('two_step_required', '=', true).execute();
    expect(row).toEqual([{ id: GSS.sefton, two_step_required: true }]);
  });

  it('an authority administrator can change nothing else of the authority, and a platform administrator cannot require it', async () => {
    const adminId = (await connection.db.selectFrom('app_user').select('id').where('email', '=', 'admin.sefton@concord.example').executeTakeFirstOrThrow()).id;
    const rename = inTenant(connection.db, { authorityId: GSS.sefton, userId: adminId }, (trx) =>
      trx.updateTable('authority').set({ name: 'Renamed' }).where('id', '=', GSS.sefton).execute(),
    );
    await expect(rename).rejects.toMatchObject({ code: '42501' });
    const platformId = (await connection.db.selectFrom('app_user').select('id').where('email', '=', 'admin@concord.example').executeTakeFirstOrThrow()).id;
    const require = inTenant(connection.db, { userId: platformId }, (trx) =>
      trx.updateTable('authority').set({ two_step_required: false }).where('id', '=', GSS.sefton).execute(),
    );
    await expect(require).rejects.toMatchObject({ code: '42501' });
    expect((await connection.db.selectFrom('authority').select(['name', 'two_step_required']).where('id', '=', GSS.sefton).executeTakeFirstOrThrow())).toEqual({
      name: 'Sefton Council',
      two_step_required: true,
    });
  });

  it('a session open before is not ended; at the next sign-in someone not enrolled may only enrol, then works', async () => {
    // seftonAdmin's session was opened before the requirement: it still works.
    expect(await outcome(seftonAdmin.people.list())).toBe('ok');
    const { token, session } = await signIn(connection, 'viewer.sefton@concord.example');
    expect(session.twoStepPending).toBe(true);
    const viewer = callerFor(connection, session);
    expect(await message(viewer.contract.list({}))).toBe(`FORBIDDEN ${ENROL_FIRST}`);
    expect(await viewer.auth.twoStepStatus()).toMatchObject({ required: 'authority', mustEnrol: true });
    // Another authority's people are not held to Sefton's rule.
    expect((await signIn(connection, 'viewer.plymouth@concord.example')).session.twoStepPending).toBe(false);

    const secret = await enrol(viewer);
    const after = callerFor(connection, await sessionOf(connection, token));
    expect(await message(after.contract.list({}))).toBe('ok');
    // Required by the authority: it cannot be turned off.
    expect(await message(after.auth.turnOffTwoStep({ code: totpCode(secret, new Date(Date.now() + 30_000)) }))).toMatch(/^FORBIDDEN Your authority requires/);
    // The People page shows who has it on: the flag, never the secret.
    const people = (await seftonAdmin.people.list()).people;
    expect(people.find((p) => p.email === 'viewer.sefton@concord.example')!.twoStep).toBe(true);
    expect(people.find((p) => p.email === 'commissioner.sefton@concord.example')!.twoStep).toBe(false);
    expect(JSON.stringify(people)).not.toContain(secret);
  });

  it('the people with two-step on are told only to an authority administrator, and only of their authority', async () => {
    const ids = async (email: string, authorityId: string) => {
      const userId = (await connection.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      return inTenant(connection.db, { authorityId, userId }, async (trx) => (await sql<{ user_id: string }>`SELECT user_id FROM people_with_two_step() AS user_id`.execute(trx)).rows);
    };
    expect(await ids('admin.sefton@concord.example', GSS.sefton)).toHaveLength(1);
    expect(await ids('commissioner.sefton@concord.example', GSS.sefton)).toEqual([]);
    expect(await ids('admin.plymouth@concord.example', GSS.plymouth)).toEqual([]);
  });
});

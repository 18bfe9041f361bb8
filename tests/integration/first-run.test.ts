import { hashSessionToken, issueAdminCreateLink, issueFirstRunSetupLink, resolveSession } from '@concord/api';
import { inTenant, type Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, outcomeWithField as refusal } from '../support/api.ts';
import { createCaller } from '@concord/api';

/**
 * Issue 10, item 1: first run without demo data. An empty database has no account; `start`'s link and
 * `admin:create`'s link each create a platform administrator once, within 24 hours, and nothing else.
 */
const PASSWORD = 'heron lantern quarry';
const HOUR = 3_600_000;


const users = async (connection: Connection) =>
  (await connection.db.selectFrom('app_user').select(['email', 'display_name', 'is_platform_admin']).orderBy('email').execute());

function setup(connection: Connection, token: string, options: { now?: Date; ip?: string; email?: string; password?: string; confirm?: string } = {}) {
  const password = options.password ?? PASSWORD;
  const ctx = contextFor(connection, null, { now: () => options.now ?? new Date(), meta: { ip: options.ip ?? '192.0.2.50' } });
  const call = createCaller(ctx).auth.setup({
    token,
    email: options.email ?? 'Ada.Admin@Council.example',
    displayName: 'Ada Admin',
    password,
    confirmPassword: options.confirm ?? password,
  });
  return { ctx, call };
}

function setAdminPassword(connection: Connection, token: string, options: { now?: Date; ip?: string; password?: string } = {}) {
  const password = options.password ?? PASSWORD;
  const ctx = contextFor(connection, null, { now: () => options.now ?? new Date(), meta: { ip: options.ip ?? '192.0.2.60' } });
  return { ctx, call: createCaller(ctx).auth.setAdminPassword({ token, displayName: 'Olu Operator', password, confirmPassword: password }) };
}

const tamper = (token: string) => (token[0] === 'A' ? 'B' : 'A') + token.slice(1);

describe('first run: the link start prints', () => {
  let connection: Connection;
  let issuedAt: Date;
  let token: string;
  beforeAll(async () => {
    connection = await openTestDatabase();
  });
  afterAll(() => connection.close());

  it('an empty database without demo data has no account, so no default password signs in', async () => {
    expect(await users(connection)).toEqual([]);
    const signIn = callerFor(connection, null).auth.signIn({ email: 'admin@concord.example', password: 'concord-demo' });
    expect(await refusal(signIn)).toBe('UNAUTHORIZED');
  });

  it('each start issues a fresh link, stored only as its SHA-256; the older one stops working', async () => {
    const older = (await issueFirstRunSetupLink(connection.db, new Date()))!;
    issuedAt = new Date();
    token = (await issueFirstRunSetupLink(connection.db, issuedAt))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await connection.db.selectFrom('setup_token').selectAll().execute();
    expect(rows.map((r) => [r.purpose, r.token_hash, r.used_at])).toEqual([['first_run', hashSessionToken(token), null]]);
    expect(rows[0]!.expires_at.getTime() - issuedAt.getTime()).toBe(24 * HOUR);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await refusal(setup(connection, older).call)).toBe('BAD_REQUEST token');
  });

  it('the application role cannot read or write setup tokens except through the functions', async () => {
    const read = inTenant(connection.db, {}, (trx) => trx.selectFrom('setup_token').selectAll().execute());
    await expect(read).rejects.toMatchObject({ code: '42501' });
    const mint = inTenant(connection.db, {}, (trx) =>
      trx.insertInto('setup_token').values({ token_hash: 'x', purpose: 'admin_create', email: 'evil@example.org', expires_at: new Date(Date.now() + HOUR) }).execute(),
    );
    await expect(mint).rejects.toMatchObject({ code: '42501' });
  });

  it('a password under 12 characters, a common one, one holding the email or an unmatched confirmation is refused against its field, nothing written', async () => {
    expect(await refusal(setup(connection, token, { password: 'short pass' }).call)).toBe('BAD_REQUEST password');
    expect(await refusal(setup(connection, token, { password: 'qwerty123456' }).call)).toBe('BAD_REQUEST password');
    expect(await refusal(setup(connection, token, { password: 'ada.admin rules ok' }).call)).toBe('BAD_REQUEST password');
    expect(await refusal(setup(connection, token, { confirm: `${PASSWORD}!` }).call)).toBe('BAD_REQUEST confirmPassword');
    expect(await refusal(setup(connection, token, { email: 'not an email' }).call)).toBe('BAD_REQUEST email');
    expect(await users(connection)).toEqual([]);
  });

  it('a tampered link is refused', async () => {
    expect(await refusal(setup(connection, tamper(token)).call)).toBe('BAD_REQUEST token');
    expect(await refusal(setup(connection, token.slice(0, 30)).call)).toBe('BAD_REQUEST token');
    expect(await users(connection)).toEqual([]);
  });

  it('an expired link is refused (24 hours after it was issued)', async () => {
    const late = new Date(issuedAt.getTime() + 24 * HOUR + 1000);
    expect(await refusal(setup(connection, token, { now: late }).call)).toBe('BAD_REQUEST token');
    expect(await users(connection)).toEqual([]);
  });

  it('within 24 hours the link creates the platform administrator, signed in, acting for no authority, and audited', async () => {
    const { ctx, call } = setup(connection, token, { now: new Date(issuedAt.getTime() + 23 * HOUR) });
    const { userId } = await call;
    expect(await users(connection)).toEqual([{ email: 'ada.admin@council.example', display_name: 'Ada Admin', is_platform_admin: true }]);
    const session = await resolveSession(connection.db, ctx.jar.token!, config.session, new Date(issuedAt.getTime() + 23 * HOUR));
    expect(session).toMatchObject({ userId, email: 'ada.admin@council.example', isPlatformAdmin: true, authorityId: null });
    const events = await connection.db.selectFrom('platform_audit_event').select(['user_id', 'procedure', 'outcome']).execute();
    expect(events).toEqual([{ user_id: userId, procedure: 'auth.setup', outcome: 'success' }]);
    const signIn = callerFor(connection, null).auth.signIn({ email: 'ada.admin@council.example', password: PASSWORD });
    expect(await refusal(signIn)).toBe('ok');
  });

  it('used once, the link is refused; and no further link is issued now that an administrator exists', async () => {
    expect(await refusal(setup(connection, token, { email: 'second@council.example' }).call)).toBe('BAD_REQUEST token');
    expect(await issueFirstRunSetupLink(connection.db, new Date())).toBeNull();
    expect((await users(connection)).length).toBe(1);
  });
});

describe('admin:create: a link for one email', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openTestDatabase();
  });
  afterAll(() => connection.close());

  it('works once, for its own email; a first-run link issued before is refused once the administrator exists', async () => {
    const firstRun = (await issueFirstRunSetupLink(connection.db, new Date()))!;
    const token = await issueAdminCreateLink(connection.db, ' Ops@Example.org ', new Date());
    // Its password is checked against the link's email, which the form does not send.
    expect(await refusal(setAdminPassword(connection, token, { password: 'ops team password' }).call)).toBe('BAD_REQUEST password');
    // A link of one kind does not open the other's page.
    expect(await refusal(setup(connection, token).call)).toBe('BAD_REQUEST token');
    expect(await refusal(setAdminPassword(connection, firstRun).call)).toBe('BAD_REQUEST token');

    const { ctx, call } = setAdminPassword(connection, token);
    await call;
    expect(ctx.jar.token).toBeTruthy();
    expect(await users(connection)).toEqual([{ email: 'ops@example.org', display_name: 'Olu Operator', is_platform_admin: true }]);

    expect(await refusal(setAdminPassword(connection, token).call)).toBe('BAD_REQUEST token');
    expect(await refusal(setup(connection, firstRun).call)).toBe('BAD_REQUEST token');
    expect(await issueFirstRunSetupLink(connection.db, new Date())).toBeNull();
    expect((await users(connection)).length).toBe(1);
  });

  it('refuses an email that already has an account, and a malformed one; a new link replaces an unused older one', async () => {
    await expect(issueAdminCreateLink(connection.db, 'ops@example.org', new Date())).rejects.toMatchObject({ kind: 'CONFLICT', field: 'email' });
    await expect(issueAdminCreateLink(connection.db, 'not-an-email', new Date())).rejects.toMatchObject({ kind: 'BAD_REQUEST', field: 'email' });
    const older = await issueAdminCreateLink(connection.db, 'second@example.org', new Date());
    const newer = await issueAdminCreateLink(connection.db, 'second@example.org', new Date());
    expect(await refusal(setAdminPassword(connection, older).call)).toBe('BAD_REQUEST token');
    expect(await refusal(setAdminPassword(connection, newer).call)).toBe('ok');
    expect((await users(connection)).map((u) => u.email)).toEqual(['ops@example.org', 'second@example.org']);
  });

  it('expires after 24 hours', async () => {
    const issued = new Date();
    const token = await issueAdminCreateLink(connection.db, 'late@example.org', issued);
    const late = new Date(issued.getTime() + 24 * HOUR);
    expect(await refusal(setAdminPassword(connection, token, { now: late }).call)).toBe('BAD_REQUEST token');
    expect((await users(connection)).map((u) => u.email)).not.toContain('late@example.org');
  });

  it('of two uses of one link at once, exactly one creates the administrator', async () => {
    const token = await issueAdminCreateLink(connection.db, 'race@example.org', new Date());
    const results = await Promise.all([setAdminPassword(connection, token).call, setAdminPassword(connection, token, { ip: '192.0.2.61' }).call].map(refusal));
    expect(results.sort()).toEqual(['BAD_REQUEST token', 'ok']);
    const raced = (await users(connection)).filter((u) => u.email === 'race@example.org');
    expect(raced.length).toBe(1);
  });
});

describe('setup links are throttled like sign-in', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openTestDatabase();
  });
  afterAll(() => connection.close());

  it(`${config.throttle.maxFailuresPerAccount} wrong links from an address are refused, then even the right one waits; elsewhere it works`, async () => {
    const token = (await issueFirstRunSetupLink(connection.db, new Date()))!;
    const ip = '198.51.100.77';
    const wrong = await Promise.all(Array.from({ length: 20 }, () => setup(connection, tamper(token), { ip }).call).map(refusal));
    const counts = wrong.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 'BAD_REQUEST token': config.throttle.maxFailuresPerAccount, TOO_MANY_REQUESTS: 20 - config.throttle.maxFailuresPerAccount });
    expect(await refusal(setup(connection, token, { ip }).call)).toBe('TOO_MANY_REQUESTS');
    expect(await users(connection)).toEqual([]);
    expect(await refusal(setup(connection, token, { ip: '198.51.100.78' }).call)).toBe('ok');
  });

  it('a right link with a refused password does not count as a failure', async () => {
    const other = await openTestDatabase();
    try {
      const token = (await issueFirstRunSetupLink(other.db, new Date()))!;
      const ip = '198.51.100.79';
      for (let i = 0; i < config.throttle.maxFailuresPerAccount + 2; i++) {
        expect(await refusal(setup(other, token, { ip, password: 'too short' }).call)).toBe('BAD_REQUEST password');
      }
      expect(await refusal(setup(other, token, { ip }).call)).toBe('ok');
    } finally {
      await other.close();
    }
  });
});

describe('the migration', () => {
  it('gives setup_token owner policies only: by its hash, or an unused first-run token to supersede', async () => {
    const connection = await openTestDatabase();
    try {
      const { rows } = await sql<{ name: string; cmd: string; roles: string }>`
        SELECT policyname AS name, cmd, array_to_string(roles, ',') AS roles FROM pg_policies
        WHERE tablename = 'setup_token' ORDER BY policyname`.execute(connection.db);
      expect(rows).toEqual([
        { name: 'setup_token_supersede_first_run_delete', cmd: 'DELETE', roles: 'concord_owner' },
        { name: 'setup_token_supersede_first_run_select', cmd: 'SELECT', roles: 'concord_owner' },
        { name: 'setup_token_this_token', cmd: 'ALL', roles: 'concord_owner' },
      ]);
    } finally {
      await connection.close();
    }
  });
});

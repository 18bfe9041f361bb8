import { resolveSession, WRONG_CREDENTIALS } from '@concord/api';
import { inTenant, seed, type Connection } from '@concord/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, DEMO_PASSWORD, GSS, outcome, signIn } from '../support/api.ts';
import { openSeededDatabase } from '../support/api.ts';

let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

async function failure(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('sign-in', () => {
  it('the demo sign-ins `start` prints are exactly the users the seed made', async () => {
    const seeded = (await connection.db.selectFrom('app_user').select('email').execute()).map((u) => u.email).sort();
    expect(seed.allDemoUsers().map((u) => u.email).sort()).toEqual(seeded);
    expect(seeded).toContain('officer.liverpool@concord.example');
  });

  it('signs a Sefton commissioner in to Sefton', async () => {
    const { session } = await signIn(connection, 'commissioner.sefton@concord.example');
    expect(session.authorityId).toBe(GSS.sefton);
    expect(session.email).toBe('commissioner.sefton@concord.example');
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const wrong = await failure(callerFor(connection, null).auth.signIn({ email: 'viewer.kent@concord.example', password: 'not-it' }));
    const unknown = await failure(callerFor(connection, null).auth.signIn({ email: 'nobody@concord.example', password: DEMO_PASSWORD }));
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe(WRONG_CREDENTIALS);
    expect(unknown.message).toBe(WRONG_CREDENTIALS);
  });

  it('names the field when the input is malformed', async () => {
    const error = await failure(callerFor(connection, null).auth.signIn({ email: 'not-an-email', password: '' }));
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('throttles an account after 5 failures, even with the right password', async () => {
    const email = 'viewer.knowsley@concord.example';
    const caller = callerFor(connection, null, { meta: { ip: '198.51.100.7' } });
    for (let i = 0; i < config.throttle.maxFailuresPerAccount; i++) {
      expect(await outcome(caller.auth.signIn({ email, password: `wrong-${i}` }))).toBe('UNAUTHORIZED');
    }
    const throttled = await failure(caller.auth.signIn({ email, password: DEMO_PASSWORD }));
    expect(throttled.code).toBe('TOO_MANY_REQUESTS');
    expect(throttled.message).toMatch(/Wait 15 minutes/);
    // Once the window has passed, the right password works again.
    const later = new Date(Date.now() + (config.throttle.windowMinutes + 1) * 60_000);
    expect(await outcome(callerFor(connection, null, { now: () => later, meta: { ip: '198.51.100.7' } }).auth.signIn({ email, password: DEMO_PASSWORD }))).toBe('ok');
  });

  it('throttles one address trying many accounts', async () => {
    const ip = '203.0.113.99';
    const caller = callerFor(connection, null, { meta: { ip } });
    for (let i = 0; i < config.throttle.maxFailuresPerAddress; i++) {
      await outcome(caller.auth.signIn({ email: `guess${i}@concord.example`, password: 'x' }));
    }
    expect(await outcome(caller.auth.signIn({ email: 'viewer.devon@concord.example', password: DEMO_PASSWORD }))).toBe('TOO_MANY_REQUESTS');
    // Another address is not affected.
    expect(await outcome(callerFor(connection, null, { meta: { ip: '203.0.113.100' } }).auth.signIn({ email: 'viewer.devon@concord.example', password: DEMO_PASSWORD }))).toBe('ok');
  });
});

describe('sessions', () => {
  it('expires after 30 idle minutes', async () => {
    const start = new Date();
    const { token } = await signIn(connection, 'viewer.sefton@concord.example', { now: () => start });
    expect(await resolveSession(connection.db, token, config.session, new Date(start.getTime() + 29 * 60_000))).not.toBeNull();
    // That read moved last_seen_at on, so idle time counts from it.
    expect(await resolveSession(connection.db, token, config.session, new Date(start.getTime() + 58 * 60_000))).not.toBeNull();
    expect(await resolveSession(connection.db, token, config.session, new Date(start.getTime() + 89 * 60_000))).toBeNull();
  });

  it('expires 12 hours after sign-in however active', async () => {
    const start = new Date();
    const { token } = await signIn(connection, 'viewer.liverpool@concord.example', { now: () => start });
    // Used every 25 minutes, so never idle for 30.
    for (let minute = 25; minute < 12 * 60; minute += 25) {
      expect(await resolveSession(connection.db, token, config.session, new Date(start.getTime() + minute * 60_000))).not.toBeNull();
    }
    expect(await resolveSession(connection.db, token, config.session, new Date(start.getTime() + 12 * 3_600_000))).toBeNull();
  });

  it('a signed-out session no longer resolves, and signed-out calls are UNAUTHORIZED', async () => {
    const { token, session } = await signIn(connection, 'commissioner.knowsley@concord.example');
    await callerFor(connection, session).auth.signOut();
    expect(await resolveSession(connection.db, token, config.session, new Date())).toBeNull();
    expect(await outcome(callerFor(connection, null).auth.sessions())).toBe('UNAUTHORIZED');
  });

  it('lists my sessions and revokes one of them, but not another user\'s', async () => {
    const first = await signIn(connection, 'commissioner.torbay@concord.example');
    const second = await signIn(connection, 'commissioner.torbay@concord.example');
    const other = await signIn(connection, 'viewer.torbay@concord.example');
    const mine = await callerFor(connection, second.session).auth.sessions();
    expect(mine.map((s) => s.id).sort()).toEqual([first.session.sessionId, second.session.sessionId].sort());
    expect(mine.find((s) => s.current)?.id).toBe(second.session.sessionId);

    expect(await outcome(callerFor(connection, second.session).auth.revokeSession({ sessionId: other.session.sessionId }))).toBe('NOT_FOUND');
    expect(await resolveSession(connection.db, other.token, config.session, new Date())).not.toBeNull();

    await callerFor(connection, second.session).auth.revokeSession({ sessionId: first.session.sessionId });
    expect(await resolveSession(connection.db, first.token, config.session, new Date())).toBeNull();
    expect(await resolveSession(connection.db, second.token, config.session, new Date())).not.toBeNull();
  });
});

describe('cross-site requests', () => {
  const email = 'commissioner.cornwall@concord.example';

  it('refuses a mutation without the anti-forgery header', async () => {
    const error = await failure(callerFor(connection, null, { meta: { hasCsrfHeader: false } }).auth.signIn({ email, password: DEMO_PASSWORD }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Cross-site request refused');
  });

  it('refuses a mutation from another origin even with the header', async () => {
    const { session } = await signIn(connection, email);
    expect(await outcome(callerFor(connection, session, { meta: { origin: 'https://evil.example' } }).auth.signOut())).toBe('FORBIDDEN');
    expect(await outcome(callerFor(connection, session, { meta: { fetchSite: 'cross-site' } }).auth.signOut())).toBe('FORBIDDEN');
    // Still signed in: the refused sign-out did nothing.
    expect((await callerFor(connection, session).auth.sessions()).some((s) => s.id === session.sessionId)).toBe(true);
  });

  it('lets reads through (they change nothing)', async () => {
    const { session } = await signIn(connection, email);
    expect(await outcome(callerFor(connection, session, { meta: { hasCsrfHeader: false } }).authority.mine())).toBe('ok');
  });
});

describe('a session cannot be moved to another authority', () => {
  it('refuses to point my own session at an authority I am not a member of', async () => {
    const { session } = await signIn(connection, 'commissioner.sefton@concord.example');
    const move = (authorityId: string) =>
      inTenant(connection.db, { authorityId: session.authorityId, userId: session.userId }, (tx) =>
        tx.updateTable('session').set({ authority_id: authorityId }).where('id', '=', session.sessionId).execute(),
      );
    await expect(move(GSS.kent)).rejects.toThrow(/row-level security/);
    const stored = await connection.db.selectFrom('session').select('authority_id').where('id', '=', session.sessionId).executeTakeFirstOrThrow();
    expect(stored.authority_id).toBe(GSS.sefton);
  });
});

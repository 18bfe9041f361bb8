import { createCaller, resolveSession } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, contextFor, DEMO_PASSWORD, openSeededDatabase, outcomeWithField as refusal, recordingMail, signIn } from '../support/api.ts';

/**
 * Issue 10, item 3: "Forgot your password?" with mail configured. A reset link is emailed for an active account's
 * email (the same single-use, 7-day link as people.issueReset, ending every session of the person when used); the
 * page says the same for an email with no account, a deactivated one or a platform administrator's, and sends
 * nothing. Requests are throttled like sign-in, per address and per email at the address.
 */
const PASSWORD = 'heron lantern quarry';
const SENT = 'If that email address has a Concord account, we have sent it a link to reset the password';
const ORIGIN = 'https://concord.council.example';

let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

let ip = 0;
/** An anonymous caller with mail configured, from an address of its own unless given. */
function withMail(address = `192.0.2.${++ip}`) {
  const recording = recordingMail();
  const ctx = { ...contextFor(connection, null, { meta: { ip: address, origin: ORIGIN, host: 'concord.council.example' } }), config: { ...config, mail: recording.mail } };
  return { caller: createCaller(ctx), sent: recording.sent };
}

const resetToken = (text: string) => /https:\/\/concord\.council\.example\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('forgot your password?', () => {
  it('is offered only with mail configured, and refused without it', async () => {
    expect(await createCaller(contextFor(connection, null)).auth.signInOptions()).toEqual({ forgotPassword: false, demoData: true });
    expect(await withMail().caller.auth.signInOptions()).toEqual({ forgotPassword: true, demoData: true });
    expect(await refusal(createCaller(contextFor(connection, null)).auth.forgotPassword({ email: 'viewer.sefton@concord.example' }))).toBe('FORBIDDEN');
  });

  it('emails a reset link for an active account; using it sets the password and ends every session of the person', async () => {
    const email = 'viewer.sefton@concord.example';
    const before = await signIn(connection, email);
    const { caller, sent } = withMail();
    expect(await caller.auth.forgotPassword({ email: ' Viewer.Sefton@Concord.example ' })).toEqual({ message: SENT });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: email, subject: 'Reset your Concord password', from: 'concord@council.example' });
    const token = resetToken(sent[0]!.text)!;
    expect(token).toBeDefined();
    // Stored as a reset link of the person's authority, only its hash (the seed's people came by invitation links).
    const links = await connection.db.selectFrom('person_link').select(['purpose', 'email', 'token_hash', 'used_at']).where('email', '=', email).where('purpose', '=', 'reset').execute();
    expect(links.map((l) => [l.purpose, l.used_at])).toEqual([['reset', null]]);
    expect(JSON.stringify(links)).not.toContain(token);

    const reset = createCaller(contextFor(connection, null, { meta: { ip: `192.0.2.${++ip}` } }));
    await reset.people.resetPassword({ token, password: PASSWORD, confirmPassword: PASSWORD });
    expect(await resolveSession(connection.db, before.token, config.session, new Date())).toBeNull();
    expect(await refusal(reset.people.resetPassword({ token, password: PASSWORD, confirmPassword: PASSWORD }))).toBe('BAD_REQUEST token');
    const ctx = contextFor(connection, null, { meta: { ip: `192.0.2.${++ip}` } });
    expect(await createCaller(ctx).auth.signIn({ email, password: PASSWORD })).toMatchObject({ userId: expect.any(String) });
    expect(await refusal(createCaller(contextFor(connection, null, { meta: { ip: `192.0.2.${++ip}` } })).auth.signIn({ email, password: DEMO_PASSWORD }))).toBe('UNAUTHORIZED');
  });

  it('says the same and sends nothing for an unknown email, a deactivated account or a platform administrator', async () => {
    await connection.db.updateTable('app_user').set({ disabled_at: new Date() }).where('email', '=', 'finance.plymouth@concord.example').execute();
    for (const email of ['nobody@example.org', 'finance.plymouth@concord.example', 'admin@concord.example']) {
      const { caller, sent } = withMail();
      expect(await caller.auth.forgotPassword({ email })).toEqual({ message: SENT });
      expect(sent).toEqual([]);
    }
    const resets = connection.db.selectFrom('person_link').select('id').where('purpose', '=', 'reset');
    expect(await resets.where('email', 'in', ['nobody@example.org', 'finance.plymouth@concord.example', 'admin@concord.example']).execute()).toEqual([]);
  });

  it('a bad email is refused against its field and sends nothing', async () => {
    const { caller, sent } = withMail();
    expect(await refusal(caller.auth.forgotPassword({ email: 'not an email' }))).toBe('BAD_REQUEST email');
    expect(sent).toEqual([]);
  });

  it('is throttled like sign-in: after the limit for an email at an address, refused and nothing more is sent', async () => {
    const address = '198.51.100.77';
    const email = 'commissioner.plymouth@concord.example';
    const limit = config.throttle.maxFailuresPerAccount;
    let mails = 0;
    for (let i = 0; i < limit; i++) {
      const { caller, sent } = withMail(address);
      await caller.auth.forgotPassword({ email });
      mails += sent.length;
    }
    expect(mails).toBe(limit);
    const { caller, sent } = withMail(address);
    expect(await refusal(caller.auth.forgotPassword({ email }))).toBe('TOO_MANY_REQUESTS');
    expect(sent).toEqual([]);
    // Another address is not held up by this one.
    expect((await withMail().caller.auth.forgotPassword({ email })).message).toBe(SENT);
  });
});

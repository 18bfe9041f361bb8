import type { SessionIdentity } from '@concord/api';
import { seed, type Connection } from '@concord/db';
import { newTotpSecret, totpCode } from '@concord/domain/two-step';
import { createCaller } from '@concord/api';
import { expect } from 'vitest';
import { callerFor, config, contextFor, DEMO_PASSWORD, recordingMail, signIn, type Caller } from '../support/api.ts';

/**
 * How api-matrix.test.ts calls the two-step verification procedures (issue 10, item 3). Each is the signed-in
 * person's own, so "own" is a right code (or challenge) and "other" a code of another secret (or a made-up
 * challenge). Every cell starts with the actor not enrolled and ends with the rows as seeded (only the demo platform
 * administrator enrolled, as is always required of them), so cells stay independent.
 */
type TwoStepCall = (caller: Caller, target: 'own' | 'other', actor: string, me: SessionIdentity | null) => Promise<unknown>;

const STRANGER_CODE = (now: Date) => totpCode(newTotpSecret(), now);
let serial = 0;

async function enrol(c: Caller): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await c.auth.startTwoStep();
  const { recoveryCodes } = await c.auth.confirmTwoStep({ code: totpCode(secret, new Date()) });
  return { secret, recoveryCodes };
}

/**
 * Puts two-step verification back as the seed left it (as the test's owner connection): nobody enrolled but the
 * demo platform administrator, with the demo key (it is always required of them, so the matrix's sign-ins use it).
 */
async function restoreSeeded(connection: Connection): Promise<void> {
  await connection.db.deleteFrom('two_step').execute();
  const admin = await connection.db.selectFrom('app_user').select('id').where('email', '=', 'admin@concord.example').executeTakeFirstOrThrow();
  await connection.db.insertInto('two_step').values({ user_id: admin.id, secret: seed.DEMO_TWO_STEP_SECRET, created_at: new Date(), enabled_at: new Date() }).execute();
}

/**
 * Runs `work` as the actor with no enrolment of their own (the platform administrator's seeded one removed first),
 * then restores the seeded rows whatever `work` did: cells run one at a time.
 */
async function fresh<T>(connection: () => Connection, me: SessionIdentity | null, work: () => Promise<T>): Promise<T> {
  if (me) await connection().db.deleteFrom('two_step').where('user_id', '=', me.userId).execute();
  try {
    return await work();
  } finally {
    await restoreSeeded(connection());
  }
}

/** Runs `work` with the caller enrolled afresh, then restores the seeded rows. */
async function enrolled<T>(connection: () => Connection, c: Caller, me: SessionIdentity | null, work: (e: { secret: string; recoveryCodes: string[] }) => Promise<T>): Promise<T> {
  return fresh(connection, me, async () => work(await enrol(c)));
}

export function twoStepCalls(connection: () => Connection, emailOf: (actor: string) => string): Record<string, TwoStepCall> {
  return {
    // "Forgot your password?" (issue 10, item 3), public, with mail configured: own = an active account's email,
    // other = an email with no account; the answer is the same, and only the first sends a message.
    'auth.signInOptions': async (c) => expect(await c.auth.signInOptions()).toEqual({ forgotPassword: false, demoData: true }),
    'auth.forgotPassword': async (_c, target, actor, me) => {
      const { mail, sent } = recordingMail();
      const ctx = { ...contextFor(connection(), me, { meta: { ip: `203.0.113.${100 + (++serial % 100)}` } }), config: { ...config, mail } };
      const email = target === 'own' ? emailOf(actor === 'signedOut' || actor === 'admin' ? 'viewer' : actor) : `nobody.${serial}@example.org`;
      await createCaller(ctx).auth.forgotPassword({ email });
      expect(sent.map((m) => m.to)).toEqual(target === 'own' ? [email] : []);
    },
    'auth.twoStepStatus': (c) => c.auth.twoStepStatus(),
    'auth.startTwoStep': (c, _t, _a, me) => fresh(connection, me, () => c.auth.startTwoStep()),
    'auth.confirmTwoStep': (c, target, _a, me) =>
      fresh(connection, me, async () => {
        const { secret } = await c.auth.startTwoStep();
        const now = new Date();
        await c.auth.confirmTwoStep({ code: target === 'own' ? totpCode(secret, now) : STRANGER_CODE(now) });
      }),
    'auth.turnOffTwoStep': (c, target, _a, me) =>
      enrolled(connection, c, me, ({ recoveryCodes }) => c.auth.turnOffTwoStep(target === 'own' ? { recoveryCode: recoveryCodes[0]! } : { code: STRANGER_CODE(new Date()) })),
    'auth.regenerateRecoveryCodes': (c, target, _a, me) =>
      enrolled(connection, c, me, ({ recoveryCodes }) => c.auth.regenerateRecoveryCodes(target === 'own' ? { recoveryCode: recoveryCodes[0]! } : { code: STRANGER_CODE(new Date()) })),
    // Public: own = the challenge of a right password for a person with two-step on (the actor, or the viewer
    // when signed out) and a right code; other = a made-up challenge. Each from an address of its own.
    'auth.verifyTwoStep': async (c, target, actor, me) => {
      const ip = `203.0.113.${10 + (++serial % 80)}`;
      const personSession = me ?? (await signIn(connection(), emailOf('viewer'))).session;
      const person = me ? c : callerFor(connection(), personSession);
      return enrolled(connection, person, personSession, async ({ secret }) => {
        const anonymous = callerFor(connection(), me, { meta: { ip } });
        const signedIn = (await anonymous.auth.signIn({ email: emailOf(actor === 'signedOut' ? 'viewer' : actor), password: DEMO_PASSWORD })) as { challenge?: string };
        const challenge = target === 'own' ? signedIn.challenge! : 'made-up-challenge';
        // The code of the next step: the current one was used to turn two-step on.
        const later = new Date(Date.now() + 30_000);
        return callerFor(connection(), me, { meta: { ip }, now: () => later }).auth.verifyTwoStep({ challenge, code: totpCode(secret, later) });
      });
    },
  };
}

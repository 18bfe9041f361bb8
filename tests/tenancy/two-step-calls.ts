import type { SessionIdentity } from '@concord/api';
import type { Connection } from '@concord/db';
import { newTotpSecret, totpCode } from '@concord/domain/two-step';
import { callerFor, DEMO_PASSWORD, signIn, type Caller } from '../support/api.ts';

/**
 * How api-matrix.test.ts calls the two-step verification procedures (issue 10, item 3). Each is the signed-in
 * person's own, so "own" is a right code (or challenge) and "other" a code of another secret (or a made-up
 * challenge). Every cell that turns two-step on removes its row again, so cells stay
 * independent and the actor's next sign-in needs only the password.
 */
type TwoStepCall = (caller: Caller, target: 'own' | 'other', actor: string, me: SessionIdentity | null) => Promise<unknown>;

const STRANGER_CODE = (now: Date) => totpCode(newTotpSecret(), now);
let serial = 0;

async function enrol(c: Caller): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await c.auth.startTwoStep();
  const { recoveryCodes } = await c.auth.confirmTwoStep({ code: totpCode(secret, new Date()) });
  return { secret, recoveryCodes };
}

/** Runs `work`, then removes every two-step row (as the test's owner connection), whatever `work` did: cells run one at a time. */
async function enrolled<T>(connection: () => Connection, c: Caller, work: (e: { secret: string; recoveryCodes: string[] }) => Promise<T>): Promise<T> {
  const e = await enrol(c);
  try {
    return await work(e);
  } finally {
    await connection().db.deleteFrom('two_step').execute();
  }
}

export function twoStepCalls(connection: () => Connection, emailOf: (actor: string) => string): Record<string, TwoStepCall> {
  return {
    'auth.twoStepStatus': (c) => c.auth.twoStepStatus(),
    'auth.startTwoStep': (c) => c.auth.startTwoStep(),
    'auth.confirmTwoStep': async (c, target) => {
      const { secret } = await c.auth.startTwoStep();
      const now = new Date();
      try {
        await c.auth.confirmTwoStep({ code: target === 'own' ? totpCode(secret, now) : STRANGER_CODE(now) });
      } finally {
        await connection().db.deleteFrom('two_step').execute();
      }
    },
    'auth.turnOffTwoStep': (c, target) =>
      enrolled(connection, c, ({ recoveryCodes }) => c.auth.turnOffTwoStep(target === 'own' ? { recoveryCode: recoveryCodes[0]! } : { code: STRANGER_CODE(new Date()) })),
    'auth.regenerateRecoveryCodes': (c, target) =>
      enrolled(connection, c, ({ recoveryCodes }) => c.auth.regenerateRecoveryCodes(target === 'own' ? { recoveryCode: recoveryCodes[0]! } : { code: STRANGER_CODE(new Date()) })),
    // Public: own = the challenge of a right password for a person with two-step on (the actor, or the viewer
    // when signed out) and a right code; other = a made-up challenge. Each from an address of its own.
    'auth.verifyTwoStep': async (c, target, actor, me) => {
      const ip = `203.0.113.${10 + (++serial % 80)}`;
      const person = me ? c : callerFor(connection(), (await signIn(connection(), emailOf('viewer'))).session);
      return enrolled(connection, person, async ({ secret }) => {
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

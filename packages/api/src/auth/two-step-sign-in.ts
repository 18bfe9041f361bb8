import { DomainError } from '@concord/domain';
import { newChallengeToken, type verifyTwoStepInput } from '@concord/domain/two-step';
import { setLocal, inTenant, type Database, type Tx } from '@concord/db';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ApiConfig } from '../config.ts';
import { openSignedInSession, type SignedIn, type SignInMeta } from './sign-in.ts';
import { clearAfterSuccess, reservePasswordCheck } from './throttle.ts';
import { hashSessionToken } from './token.ts';
import { useProof } from './two-step.ts';

/** How long the second step of a sign-in may wait for its code. */
export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_EXPIRED = 'Your sign-in has timed out. Sign in again with your email address and password';

/**
 * After a right password, for a person with two-step verification on: a new pending second step (replacing any
 * earlier one), bound to this person and address, valid 5 minutes; only its hash is stored. Null when two-step is off.
 */
export async function issueTwoStepChallenge(trx: Tx, userId: string, ip: string, now: Date): Promise<string | null> {
  const challenge = newChallengeToken();
  const issued = await trx
    .updateTable('two_step')
    .set({ challenge_hash: hashSessionToken(challenge), challenge_ip: ip, challenge_expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000) })
    .where('user_id', '=', userId)
    .where('enabled_at', 'is not', null)
    .returning('user_id')
    .executeTakeFirst();
  return issued ? challenge : null;
}

/**
 * The second step: the challenge and a code from the app (not one already used) or an unused recovery code.
 * One transaction with the person's row locked, so two uses of one code or challenge cannot both pass. Every
 * try takes one check from the same atomic throttle as passwords, keyed by the person at this address
 * (`two-step:<user id>`); a wrong code is written down and refused after the transaction commits.
 */
export async function verifyTwoStep(
  db: Kysely<Database>,
  input: z.infer<typeof verifyTwoStepInput>,
  meta: SignInMeta,
  config: ApiConfig,
  now: Date,
): Promise<SignedIn> {
  const challengeHash = hashSessionToken(input.challenge);
  const outcome = await inTenant(db, {}, async (trx) => {
    await setLocal(trx, { 'app.two_step_challenge_hash': challengeHash });
    const row = await trx.selectFrom('two_step').selectAll().where('challenge_hash', '=', challengeHash).forUpdate().executeTakeFirst();
    if (!row || row.challenge_ip !== meta.ip || !row.challenge_expires_at || row.challenge_expires_at <= now) {
      return { refusal: new DomainError('UNAUTHORIZED', CHALLENGE_EXPIRED) };
    }
    const key = { email: `two-step:${row.user_id}`, ip: meta.ip };
    await setLocal(trx, { 'app.sign_in_email': key.email, 'app.sign_in_ip': meta.ip, 'app.user_id': row.user_id });
    const user = await trx.selectFrom('app_user').select('disabled_at').where('id', '=', row.user_id).executeTakeFirst();
    if (!user || user.disabled_at) return { refusal: new DomainError('UNAUTHORIZED', CHALLENGE_EXPIRED) };
    const reservation = await reservePasswordCheck(trx, key, config.throttle, now);
    if (!reservation.allowed) return { refusal: reservation.refusal };
    let used;
    try {
      used = useProof(row, 'code' in input ? { code: input.code } : { recoveryCode: input.recoveryCode }, now);
    } catch (refusal) {
      return { refusal: refusal as DomainError };
    }
    await clearAfterSuccess(trx, key, reservation.reserved, now);
    await trx
      .updateTable('two_step')
      .set({ ...used, challenge_hash: null, challenge_ip: null, challenge_expires_at: null })
      .where('user_id', '=', row.user_id)
      .execute();
    return { signedIn: await openSignedInSession(trx, row.user_id, meta, config, now) };
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.signedIn;
}

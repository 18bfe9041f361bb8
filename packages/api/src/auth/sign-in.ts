import { DomainError, type SignInInput } from '@concord/domain';
import { APP_USER_COLUMNS, setLocal, inTenant, type Database, type Tx } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import type { ApiConfig } from '../config.ts';
import { unknownUserHash, verifyPassword } from './password.ts';
import { clearAfterSuccess, reservePasswordCheck } from './throttle.ts';
import { openSession } from './sessions.ts';
import { newSessionToken } from './token.ts';
import { issueTwoStepChallenge } from './two-step-sign-in.ts';

export const WRONG_CREDENTIALS = 'Enter a correct email address and password';

export interface SignedIn {
  token: string;
  userId: string;
}

/** The password was right, but a code from the authenticator app is needed too: `challenge` carries it to auth.verifyTwoStep. */
export interface TwoStepRequired {
  twoStepRequired: true;
  challenge: string;
}

export interface SignInMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/**
 * Checks the password and opens a session. Before the password is checked, one check is reserved from the
 * address's and the account-at-that-address's throttle counters in a short transaction of its own (the rows
 * locked, so parallel sign-ins queue there and no more than the limit are ever checked); a refusal is
 * TOO_MANY_REQUESTS with no check at all. Every check is recorded in sign_in_attempt. For a person with
 * two-step verification on, a right password gives a challenge for the second step instead of a session.
 */
export async function signIn(
  db: Kysely<Database>,
  input: SignInInput,
  meta: SignInMeta,
  config: ApiConfig,
  now: Date,
): Promise<SignedIn | TwoStepRequired> {
  const attempt = { signInEmail: input.email, signInIp: meta.ip };
  const key = { email: input.email, ip: meta.ip };
  const reservation = await inTenant(db, attempt, async (trx) => {
    const reserved = await reservePasswordCheck(trx, key, config.throttle, now);
    if (!reserved.allowed) return reserved;
    return { ...reserved, user: await trx.selectFrom('app_user').select(APP_USER_COLUMNS).where('email', '=', input.email).executeTakeFirst() };
  });
  // Refused outside the transaction, so the pause it started is kept.
  if (!reservation.allowed) throw reservation.refusal;
  const { user, reserved } = reservation;

  const passwordMatches = await verifyPassword(input.password, user?.password_hash ?? unknownUserHash());
  if (!user || !passwordMatches || user.disabled_at) {
    // The reservation already counts as a failure; this is the record of the check.
    await inTenant(db, attempt, (trx) =>
      trx.insertInto('sign_in_attempt').values({ email: input.email, ip_address: meta.ip, succeeded: false, attempted_at: now }).execute(),
    );
    throw new DomainError('UNAUTHORIZED', WRONG_CREDENTIALS);
  }

  return inTenant(db, { ...attempt, userId: user.id }, async (trx) => {
    await clearAfterSuccess(trx, key, reserved, now, { remember: true });
    await trx.insertInto('sign_in_attempt').values({ email: input.email, ip_address: meta.ip, succeeded: true, attempted_at: now }).execute();
    // With two-step verification on, the right password only earns the second step.
    const challenge = await issueTwoStepChallenge(trx, user.id, meta.ip, now);
    if (challenge) return { twoStepRequired: true as const, challenge };
    return openSignedInSession(trx, user.id, meta, config, now);
  });
}

/** Opens the session of a person who has proved who they are (in a transaction acting as them) and audits it. */
export async function openSignedInSession(trx: Tx, userId: string, meta: SignInMeta, config: ApiConfig, now: Date): Promise<SignedIn> {
  const token = newSessionToken();
  const membership = await trx.selectFrom('membership').select('authority_id').where('user_id', '=', userId).orderBy('authority_id').executeTakeFirst();
  const authorityId = membership?.authority_id ?? null;
  // Someone of no authority acts for their provider organisation, if they belong to one (issue 11).
  const organisation = authorityId
    ? undefined
    : await trx.selectFrom('provider_membership').select('provider_id').where('user_id', '=', userId).orderBy('provider_id').executeTakeFirst();
  const providerId = organisation?.provider_id ?? null;
  await openSession(trx, { token, userId, authorityId, providerId, now, policy: config.session, userAgent: meta.userAgent, ip: meta.ip });
  if (authorityId) {
    // record_audit_event takes the authority and user from the settings, so record under the new session's.
    await setLocal(trx, { 'app.authority_id': authorityId });
    await sql`SELECT record_audit_event('auth.signIn', NULL, 'success', ${meta.requestId})`.execute(trx);
  }
  return { token, userId };
}

import { DomainError } from '@concord/domain';
import { passwordProblem } from '@concord/domain/password';
import { setLocal, inTenant, type Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../auth/password.ts';
import { openSession } from '../auth/sessions.ts';
import type { SignInMeta } from '../auth/sign-in.ts';
import { clearAfterSuccess, reservePasswordCheck } from '../auth/throttle.ts';
import { hashSessionToken, newSessionToken } from '../auth/token.ts';
import type { ApiConfig } from '../config.ts';
import { PERSON_LINK_THROTTLE_KEY, PERSON_LINK_UNUSABLE } from '../people/links.ts';

export interface ProviderInvitationState {
  usable: boolean;
  email: string | null;
  organisationName: string | null;
}

/**
 * Checks an invitation to a provider organisation for its page, counting the attempt against the address's
 * throttle first (a usable link gives it back), so guessing links is as slow as guessing passwords.
 */
export async function checkProviderInvitation(db: Kysely<Database>, token: string, meta: SignInMeta, config: ApiConfig, now: Date): Promise<ProviderInvitationState> {
  const key = { email: PERSON_LINK_THROTTLE_KEY, ip: meta.ip };
  const checked = await inTenant(db, { signInEmail: key.email, signInIp: key.ip }, async (trx) => {
    const reservation = await reservePasswordCheck(trx, key, config.throttle, now);
    if (!reservation.allowed) return reservation;
    const { rows } = await sql<{ usable: boolean; email: string | null; organisation_name: string | null }>`
      SELECT usable, email, organisation_name FROM check_provider_link(${hashSessionToken(token)}, ${now})`.execute(trx);
    const found = rows[0];
    if (found?.usable) await clearAfterSuccess(trx, key, reservation.reserved, now);
    return { allowed: true as const, state: { usable: found?.usable === true, email: found?.email ?? null, organisationName: found?.organisation_name ?? null } };
  });
  if (!checked.allowed) throw checked.refusal;
  return checked.state;
}

/**
 * Accepts an invitation: the account is made with its roles in the organisation and signed in acting for it. A
 * password the rules refuse changes nothing and leaves the link usable.
 */
export async function acceptProviderInvitation(
  db: Kysely<Database>,
  input: { token: string; displayName: string; password: string },
  meta: SignInMeta,
  config: ApiConfig,
  now: Date,
): Promise<{ userId: string; providerId: string; sessionToken: string }> {
  const state = await checkProviderInvitation(db, input.token, meta, config, now);
  if (!state.usable) throw new DomainError('BAD_REQUEST', PERSON_LINK_UNUSABLE, 'token');
  const problem = passwordProblem(input.password, state.email);
  if (problem) throw new DomainError('BAD_REQUEST', problem, 'password');
  const passwordHash = await hashPassword(input.password);
  const sessionToken = newSessionToken();
  const accepted = await inTenant(db, {}, async (trx) => {
    const { rows } = await sql<{ user_id: string | null; provider_id: string | null; refusal: string | null }>`
      SELECT user_id, provider_id, refusal FROM redeem_provider_link(${hashSessionToken(input.token)}, ${input.displayName}, ${passwordHash}, ${now})`.execute(trx);
    const redeemed = rows[0];
    if (redeemed?.refusal === 'email_taken') {
      throw new DomainError('BAD_REQUEST', 'This email address already has an account: ask for an invitation to another address', 'token');
    }
    if (!redeemed?.user_id || !redeemed.provider_id) throw new DomainError('BAD_REQUEST', PERSON_LINK_UNUSABLE, 'token');
    await setLocal(trx, { 'app.user_id': redeemed.user_id, 'app.provider_id': redeemed.provider_id });
    await openSession(trx, { token: sessionToken, userId: redeemed.user_id, authorityId: null, providerId: redeemed.provider_id, now, policy: config.session, userAgent: meta.userAgent, ip: meta.ip });
    return { userId: redeemed.user_id, providerId: redeemed.provider_id };
  });
  return { ...accepted, sessionToken };
}

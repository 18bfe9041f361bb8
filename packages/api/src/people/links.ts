import { DomainError } from '@concord/domain';
import { passwordProblem } from '@concord/domain/password';
import { setLocal, inTenant, type Database, type Tx } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../auth/password.ts';
import { openSession } from '../auth/sessions.ts';
import type { SignInMeta } from '../auth/sign-in.ts';
import { clearAfterSuccess, reservePasswordCheck } from '../auth/throttle.ts';
import { hashSessionToken, newSessionToken } from '../auth/token.ts';
import type { ApiConfig } from '../config.ts';

/**
 * Links for people (issue 10, item 3), on migration 0019's person_link: an invitation (`/invitation/<token>`)
 * creates an account with its roles in the authority; a reset (`/reset-password/<token>`) sets a new password
 * and ends every session of that person. 256 random bits, only the SHA-256 stored, single use, 7 days.
 */
export type LinkPurpose = 'invitation' | 'reset';
export const PERSON_LINK_DAYS = 7;
export const PERSON_LINK_UNUSABLE = 'This link cannot be used: it has expired, has been used or cancelled, or is not complete. Ask for a new one';
/** The throttle's "account" for people's links: not an email, so it meets no real account's counter. */
export const PERSON_LINK_THROTTLE_KEY = '#person-link';

export const linkPath = (purpose: LinkPurpose, token: string) => `${purpose === 'invitation' ? '/invitation/' : '/reset-password/'}${token}`;

/** Stores a new link in the transaction's authority (the policies decide who may) and returns its token. */
export async function issueLink(
  tx: Tx,
  link: { authorityId: string; purpose: LinkPurpose; email: string; roles: string[]; userId: string | null; createdBy: string; now: Date },
): Promise<{ id: string; token: string }> {
  const token = newSessionToken();
  const row = await tx
    .insertInto('person_link')
    .values({
      authority_id: link.authorityId,
      purpose: link.purpose,
      email: link.email,
      roles: link.roles as never,
      user_id: link.userId,
      token_hash: hashSessionToken(token),
      created_by: link.createdBy,
      created_at: link.now,
      expires_at: new Date(link.now.getTime() + PERSON_LINK_DAYS * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export interface LinkState {
  usable: boolean;
  purpose: LinkPurpose | null;
  email: string | null;
  authorityName: string | null;
}

/**
 * Checks a link for its page, reserving one attempt from the address's throttle first (a usable link gives
 * it back), so guessing links is as slow as guessing passwords. Refused outside the transaction so the
 * counted attempt is kept.
 */
export async function checkLink(db: Kysely<Database>, token: string, meta: SignInMeta, config: ApiConfig, now: Date): Promise<LinkState> {
  const key = { email: PERSON_LINK_THROTTLE_KEY, ip: meta.ip };
  const checked = await inTenant(db, { signInEmail: key.email, signInIp: key.ip }, async (trx) => {
    const reservation = await reservePasswordCheck(trx, key, config.throttle, now);
    if (!reservation.allowed) return reservation;
    const { rows } = await sql<{ usable: boolean; purpose: LinkPurpose | null; email: string | null; authority_name: string | null }>`
      SELECT usable, purpose, email, authority_name FROM check_person_link(${hashSessionToken(token)}, ${now})`.execute(trx);
    const found = rows[0];
    if (found?.usable) await clearAfterSuccess(trx, key, reservation.reserved, now);
    return { allowed: true as const, state: { usable: found?.usable === true, purpose: found?.purpose ?? null, email: found?.email ?? null, authorityName: found?.authority_name ?? null } };
  });
  if (!checked.allowed) throw checked.refusal;
  return checked.state;
}

/**
 * Uses a link: for an invitation creates the account and its memberships and signs the person in; for a
 * reset sets the new password and ends all their sessions (they then sign in). A password the rules refuse
 * changes nothing and leaves the link usable.
 */
export async function redeemLink(
  db: Kysely<Database>,
  purpose: LinkPurpose,
  input: { token: string; displayName: string | null; password: string },
  meta: SignInMeta,
  config: ApiConfig,
  now: Date,
): Promise<{ userId: string; sessionToken: string | null }> {
  const state = await checkLink(db, input.token, meta, config, now);
  if (!state.usable || state.purpose !== purpose) throw new DomainError('BAD_REQUEST', PERSON_LINK_UNUSABLE, 'token');
  const problem = passwordProblem(input.password, state.email);
  if (problem) throw new DomainError('BAD_REQUEST', problem, 'password');
  const passwordHash = await hashPassword(input.password);
  const sessionToken = purpose === 'invitation' ? newSessionToken() : null;
  const userId = await inTenant(db, {}, async (trx) => {
    const { rows } = await sql<{ user_id: string | null; authority_id: string | null; refusal: string | null }>`
      SELECT user_id, authority_id, refusal FROM redeem_person_link(${hashSessionToken(input.token)}, ${purpose}, ${input.displayName ?? ''}, ${passwordHash}, ${now})`.execute(trx);
    const redeemed = rows[0];
    if (redeemed?.refusal === 'email_taken') {
      throw new DomainError('BAD_REQUEST', 'This email address already has an account: sign in with it, or ask for an invitation to another address', 'token');
    }
    if (!redeemed?.user_id || !redeemed.authority_id) throw new DomainError('BAD_REQUEST', PERSON_LINK_UNUSABLE, 'token');
    const id = redeemed.user_id;
    await setLocal(trx, { 'app.user_id': id, 'app.authority_id': redeemed.authority_id });
    if (sessionToken) {
      await openSession(trx, { token: sessionToken, userId: id, authorityId: redeemed.authority_id, now, policy: config.session, userAgent: meta.userAgent, ip: meta.ip });
    }
    await sql`SELECT record_audit_event(${purpose === 'invitation' ? 'people.acceptInvitation' : 'people.resetPassword'}, ${id}, 'success', ${meta.requestId})`.execute(trx);
    return id;
  });
  return { userId, sessionToken };
}

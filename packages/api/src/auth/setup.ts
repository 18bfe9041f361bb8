import { DomainError, signInInput } from '@concord/domain';
import { passwordProblem } from '@concord/domain/password';
import { setLocal, inTenant, refreshAdminRoles, type Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import type { ApiConfig } from '../config.ts';
import { hashPassword } from './password.ts';
import type { SignInMeta } from './sign-in.ts';
import { clearAfterSuccess, reservePasswordCheck } from './throttle.ts';
import { openSession } from './sessions.ts';
import { hashSessionToken, newSessionToken } from './token.ts';

/**
 * Links that create a platform administrator (issue 10, item 1), on migration 0017's functions:
 *   first_run     printed by `start` while no platform administrator exists (the person chooses the email);
 *   admin_create  printed by `pnpm admin:create --email …` for that email.
 * Both are 256 random bits, stored only as SHA-256, single use, valid 24 hours.
 */
export type SetupPurpose = 'first_run' | 'admin_create';

export const SETUP_LINK_HOURS = 24;
export const SETUP_LINK_UNUSABLE = 'This link cannot be used: it has expired, has been used, or is not complete. Ask for a new one';
/** The throttle's "account" for setup links: not an email (emails are checked for form), so it meets no real account's counter. */
export const SETUP_THROTTLE_KEY = '#setup-link';

const expiryFrom = (now: Date) => new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000);

/** The path a link opens in the web app. */
export function setupPath(purpose: SetupPurpose, token: string): string {
  return `${purpose === 'first_run' ? '/setup/' : '/set-password/'}${token}`;
}

/**
 * Run by `start`: while no platform administrator exists, a fresh first-run token (older unused ones no
 * longer work); once one exists, null. As the application role, through issue_first_run_setup_token.
 */
export async function issueFirstRunSetupLink(db: Kysely<Database>, now: Date): Promise<string | null> {
  const token = newSessionToken();
  const issued = await inTenant(db, {}, async (trx) => {
    const { rows } = await sql<{ issued: boolean }>`
      SELECT issue_first_run_setup_token(${hashSessionToken(token)}, ${now}, ${expiryFrom(now)}) AS issued`.execute(trx);
    return rows[0]?.issued === true;
  });
  return issued ? token : null;
}

/**
 * Run by `pnpm admin:create --email …`, on the migration connection (the application role cannot write
 * setup tokens): a link for that email to choose a name and password and become a platform administrator.
 * Older unused links for the same email stop working. Refused if the email already has an account.
 */
export async function issueAdminCreateLink(db: Kysely<Database>, rawEmail: string, now: Date): Promise<string> {
  const parsed = signInInput.shape.email.safeParse(rawEmail);
  if (!parsed.success) throw new DomainError('BAD_REQUEST', parsed.error.issues[0]!.message, 'email');
  const email = parsed.data;
  const token = newSessionToken();
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw new DomainError('CONFLICT', `${email} already has an account`, 'email');
    await trx.deleteFrom('setup_token').where('purpose', '=', 'admin_create').where('email', '=', email).where('used_at', 'is', null).execute();
    await trx
      .insertInto('setup_token')
      .values({ token_hash: hashSessionToken(token), purpose: 'admin_create', email, created_at: now, expires_at: expiryFrom(now) })
      .execute();
  });
  return token;
}

export interface RedeemInput {
  token: string;
  /** The first-run form's email; an admin:create link's own email is used instead. */
  email?: string;
  displayName: string;
  password: string;
}

/**
 * Uses a link: creates the platform administrator and signs them in. Like sign-in, one attempt is reserved
 * from the address's throttle before the link is looked at (a link that works gives it back), so guessing
 * links is as slow as guessing passwords. A password the rules refuse, or an email already taken, changes
 * nothing and leaves the link usable.
 */
export async function redeemSetupLink(
  db: Kysely<Database>,
  purpose: SetupPurpose,
  input: RedeemInput,
  meta: SignInMeta,
  config: ApiConfig,
  now: Date,
): Promise<{ token: string; userId: string }> {
  const tokenHash = hashSessionToken(input.token);
  const key = { email: SETUP_THROTTLE_KEY, ip: meta.ip };
  const checked = await inTenant(db, { signInEmail: key.email, signInIp: key.ip }, async (trx) => {
    const reservation = await reservePasswordCheck(trx, key, config.throttle, now);
    if (!reservation.allowed) return reservation;
    const { rows } = await sql<{ usable: boolean; email: string | null }>`
      SELECT usable, email FROM check_setup_token(${tokenHash}, ${purpose}, ${now})`.execute(trx);
    const usable = rows[0]?.usable === true;
    if (usable) await clearAfterSuccess(trx, key, reservation.reserved, now);
    return { allowed: true as const, usable, email: rows[0]?.email ?? null };
  });
  // Refused outside the transaction, so the counted failure or the pause is kept.
  if (!checked.allowed) throw checked.refusal;
  if (!checked.usable) throw new DomainError('BAD_REQUEST', SETUP_LINK_UNUSABLE, 'token');

  const email = checked.email ?? input.email;
  if (!email) throw new DomainError('BAD_REQUEST', 'Enter your email address', 'email');
  const problem = passwordProblem(input.password, email);
  if (problem) throw new DomainError('BAD_REQUEST', problem, 'password');
  const passwordHash = await hashPassword(input.password);

  const sessionToken = newSessionToken();
  const userId = await inTenant(db, {}, async (trx) => {
    const { rows } = await sql<{ user_id: string | null; refusal: string | null }>`
      SELECT user_id, refusal FROM redeem_setup_token(${tokenHash}, ${purpose}, ${email}, ${input.displayName}, ${passwordHash}, ${now})`.execute(trx);
    const redeemed = rows[0];
    if (redeemed?.refusal === 'email_taken') throw new DomainError('BAD_REQUEST', 'This email address cannot be used: enter another', 'email');
    if (!redeemed?.user_id) throw new DomainError('BAD_REQUEST', SETUP_LINK_UNUSABLE, 'token');
    const id = redeemed.user_id;
    await setLocal(trx, { 'app.user_id': id });
    // platform_audit_event's policy asks app_is_platform_admin() (migration 0052), which reads the settings.
    await refreshAdminRoles(trx);
    await openSession(trx, { token: sessionToken, userId: id, authorityId: null, now, policy: config.session, userAgent: meta.userAgent, ip: meta.ip });
    await sql`SELECT record_audit_event(${purpose === 'first_run' ? 'auth.setup' : 'auth.setAdminPassword'}, ${id}, 'success', ${meta.requestId})`.execute(trx);
    return id;
  });
  return { token: sessionToken, userId };
}

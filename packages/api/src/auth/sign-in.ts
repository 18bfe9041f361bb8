import { DomainError, absoluteExpiry, signInThrottled, type SignInInput } from '@concord/domain';
import { inTenant, type Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import type { ApiConfig } from '../config.ts';
import { UNKNOWN_USER_HASH, verifyPassword } from './password.ts';
import { hashSessionToken, newSessionToken } from './token.ts';

export const WRONG_CREDENTIALS = 'Enter a correct email address and password';

export interface SignInMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/**
 * Checks the password and opens a session. Every failure is recorded (in its own committed
 * transaction, so a refused sign-in still counts) and counted towards the throttle.
 */
export async function signIn(
  db: Kysely<Database>,
  input: SignInInput,
  meta: SignInMeta,
  config: ApiConfig,
  now: Date,
): Promise<{ token: string; userId: string }> {
  const attempt = { signInEmail: input.email, signInIp: meta.ip };
  const since = new Date(now.getTime() - config.throttle.windowMinutes * 60_000);
  const { user, accountFailures, addressFailures } = await inTenant(db, attempt, async (trx) => {
    const failures = (column: 'email' | 'ip_address', value: string) =>
      trx
        .selectFrom('sign_in_attempt')
        .select(sql<number>`count(*)::int`.as('n'))
        .where(column, '=', value)
        .where('succeeded', '=', false)
        .where('attempted_at', '>=', since)
        .executeTakeFirstOrThrow();
    return {
      user: await trx.selectFrom('app_user').selectAll().where('email', '=', input.email).executeTakeFirst(),
      accountFailures: (await failures('email', input.email)).n,
      addressFailures: (await failures('ip_address', meta.ip)).n,
    };
  });

  if (signInThrottled({ accountFailures, addressFailures }, config.throttle)) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many failed attempts to sign in. Wait ${config.throttle.windowMinutes} minutes, then try again.`,
    );
  }

  const passwordMatches = await verifyPassword(input.password, user?.password_hash ?? UNKNOWN_USER_HASH);
  if (!user || !passwordMatches || user.disabled_at) {
    await inTenant(db, attempt, (trx) =>
      trx.insertInto('sign_in_attempt').values({ email: input.email, ip_address: meta.ip, succeeded: false, attempted_at: now }).execute(),
    );
    throw new DomainError('UNAUTHORIZED', WRONG_CREDENTIALS);
  }

  const token = newSessionToken();
  await inTenant(db, { ...attempt, userId: user.id }, async (trx) => {
    await trx.insertInto('sign_in_attempt').values({ email: input.email, ip_address: meta.ip, succeeded: true, attempted_at: now }).execute();
    const membership = await trx
      .selectFrom('membership')
      .select('authority_id')
      .where('user_id', '=', user.id)
      .orderBy('authority_id')
      .executeTakeFirst();
    const authorityId = membership?.authority_id ?? null;
    await trx
      .insertInto('session')
      .values({
        token_hash: hashSessionToken(token),
        user_id: user.id,
        authority_id: authorityId,
        created_at: now,
        last_seen_at: now,
        expires_at: absoluteExpiry(now, config.session),
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
        ip_address: meta.ip,
      })
      .execute();
    if (authorityId) {
      // record_audit_event takes the authority and user from the settings, so record under the new session's.
      await sql`SELECT set_config('app.authority_id', ${authorityId}, true)`.execute(trx);
      await sql`SELECT record_audit_event('auth.signIn', NULL, 'success', ${meta.requestId})`.execute(trx);
    }
  });
  return { token, userId: user.id };
}

import {
  DomainError,
  minutesToWait,
  reserveAttempt,
  throttleRule,
  type ThrottleCounter,
  type ThrottlePolicy,
  type ThrottleScope,
} from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';

/** The sign-in being throttled: the email typed (normalised) and the client's address. */
export interface SignInKey {
  email: string;
  ip: string;
}

/** An address's counter names no account. */
const emailOf = (scope: ThrottleScope, key: SignInKey) => (scope === 'address' ? '' : key.email);

/**
 * The counter's row, created if new and locked until the transaction ends: every other sign-in of the same
 * key waits here, so reservations of one key are taken strictly one at a time, on PostgreSQL as on PGlite.
 */
async function lockCounter(trx: Tx, scope: ThrottleScope, key: SignInKey, now: Date): Promise<ThrottleCounter> {
  const where = { scope, email: emailOf(scope, key), ip_address: key.ip };
  await trx
    .insertInto('sign_in_throttle')
    .values({ ...where, window_start: now })
    .onConflict((oc) => oc.columns(['scope', 'email', 'ip_address']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('sign_in_throttle')
    .select(['window_start', 'failures', 'strikes', 'locked_until'])
    .where('scope', '=', where.scope)
    .where('email', '=', where.email)
    .where('ip_address', '=', where.ip_address)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { windowStart: row.window_start, failures: row.failures, strikes: row.strikes, lockedUntil: row.locked_until };
}

async function saveCounter(trx: Tx, scope: ThrottleScope, key: SignInKey, counter: ThrottleCounter): Promise<void> {
  await trx
    .updateTable('sign_in_throttle')
    .set({ window_start: counter.windowStart, failures: counter.failures, strikes: counter.strikes, locked_until: counter.lockedUntil })
    .where('scope', '=', scope)
    .where('email', '=', emailOf(scope, key))
    .where('ip_address', '=', key.ip)
    .execute();
}

/** What a success gives back: the address's reservation, in the window it was taken in. */
export interface Reserved {
  addressWindowStart: Date;
}

export type ReserveOutcome = { allowed: true; reserved: Reserved } | { allowed: false; refusal: DomainError };

function refusal(retryAt: Date, now: Date): DomainError {
  return new DomainError('TOO_MANY_REQUESTS', `Too many failed attempts to sign in. Wait ${minutesToWait(retryAt, now)} minutes, then try again.`);
}

/**
 * Reserves one password check for this sign-in, inside the caller's (short) transaction, before the password
 * is checked: first from the address's counter, then from the account's at that address, always in that order
 * so two sign-ins never wait on each other's rows crosswise. A refusal by either takes nothing from the other,
 * but its pause is written (the caller commits it, then refuses).
 */
export async function reservePasswordCheck(trx: Tx, key: SignInKey, policy: ThrottlePolicy, now: Date): Promise<ReserveOutcome> {
  const address = reserveAttempt(await lockCounter(trx, 'address', key, now), throttleRule('address', policy), now);
  if (!address.allowed) {
    await saveCounter(trx, 'address', key, address.counter);
    return { allowed: false, refusal: refusal(address.retryAt, now) };
  }
  const account = reserveAttempt(await lockCounter(trx, 'account_address', key, now), throttleRule('account_address', policy), now);
  await saveCounter(trx, 'account_address', key, account.counter);
  if (!account.allowed) return { allowed: false, refusal: refusal(account.retryAt, now) };
  await saveCounter(trx, 'address', key, address.counter);
  return { allowed: true, reserved: { addressWindowStart: address.counter.windowStart } };
}

/**
 * The password was right: the account's failures at this address are cleared, and the address gets its
 * reservation back (a success is not a failure), if its window has not moved on since. Address first, as above.
 */
export async function clearAfterSuccess(trx: Tx, key: SignInKey, reserved: Reserved, now: Date): Promise<void> {
  await trx
    .updateTable('sign_in_throttle')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('scope', '=', 'address')
    .where('email', '=', '')
    .where('ip_address', '=', key.ip)
    .where('window_start', '=', reserved.addressWindowStart)
    .execute();
  await trx
    .updateTable('sign_in_throttle')
    .set({ window_start: now, failures: 0, strikes: 0, locked_until: null })
    .where('scope', '=', 'account_address')
    .where('email', '=', key.email)
    .where('ip_address', '=', key.ip)
    .execute();
}

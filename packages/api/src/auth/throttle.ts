import {
  DomainError,
  minutesToWait,
  passesAddressPause,
  reserveAttempt,
  throttleRule,
  type ThrottleCounter,
  type ThrottlePolicy,
  type ThrottleScope,
} from '@concord/domain';
import { setLocal, type Tx } from '@concord/db';
import { sql } from 'kysely';
import { throttleAddress } from './address.ts';

/** The sign-in being throttled: the email typed (normalised) and the client's address. */
export interface SignInKey {
  email: string;
  ip: string;
}

/** An address's counter names no account. */
const emailOf = (scope: ThrottleScope, key: SignInKey) => (scope === 'address' ? '' : key.email);

/**
 * Runs `work` on the counters of the key's address group (an IPv4 address, an IPv6 /64: address.ts), which the
 * counters' row-level security names by app.sign_in_ip: the setting is the group while `work` runs and the exact
 * address again after, for the caller's record of the attempt. Not restored if `work` throws: the transaction is
 * then rolled back whole.
 */
async function atCounterAddress<T>(trx: Tx, key: SignInKey, work: (counterKey: SignInKey) => Promise<T>): Promise<T> {
  const ip = throttleAddress(key.ip);
  if (ip === key.ip) return work(key);
  await setLocal(trx, { 'app.sign_in_ip': ip });
  const result = await work({ ...key, ip });
  await setLocal(trx, { 'app.sign_in_ip': key.ip });
  return result;
}

interface LockedCounter extends ThrottleCounter {
  lastSuccessAt: Date | null;
}

const whereKey = (scope: ThrottleScope, key: SignInKey) => ({ scope, email: emailOf(scope, key), ip_address: key.ip });

/** The counter's row locked until the transaction ends (null if it does not exist); `create` makes it first if new. */
async function lockCounter(trx: Tx, scope: ThrottleScope, key: SignInKey, now: Date, create = true): Promise<LockedCounter | null> {
  const where = whereKey(scope, key);
  if (create) {
    await trx
      .insertInto('sign_in_throttle')
      .values({ ...where, window_start: now })
      .onConflict((oc) => oc.columns(['scope', 'email', 'ip_address']).doNothing())
      .execute();
  }
  const row = await trx
    .selectFrom('sign_in_throttle')
    .select(['window_start', 'failures', 'strikes', 'locked_until', 'last_success_at'])
    .where('scope', '=', where.scope)
    .where('email', '=', where.email)
    .where('ip_address', '=', where.ip_address)
    .forUpdate()
    .executeTakeFirst();
  return row
    ? { windowStart: row.window_start, failures: row.failures, strikes: row.strikes, lockedUntil: row.locked_until, lastSuccessAt: row.last_success_at }
    : null;
}

async function saveCounter(trx: Tx, scope: ThrottleScope, key: SignInKey, counter: ThrottleCounter): Promise<void> {
  const where = whereKey(scope, key);
  await trx
    .updateTable('sign_in_throttle')
    .set({ window_start: counter.windowStart, failures: counter.failures, strikes: counter.strikes, locked_until: counter.lockedUntil })
    .where('scope', '=', where.scope)
    .where('email', '=', where.email)
    .where('ip_address', '=', where.ip_address)
    .execute();
}

/**
 * What a success gives back: the address's reservation (null: none was taken) and the account's, each in the window
 * it was taken in.
 */
export interface Reserved {
  addressWindowStart: Date | null;
  accountWindowStart: Date;
}

export type ReserveOutcome = { allowed: true; reserved: Reserved } | { allowed: false; refusal: DomainError };

/** The same words whichever counter refuses, and whether or not the email is anyone's. */
function refusal(retryAt: Date, now: Date): DomainError {
  return new DomainError('TOO_MANY_REQUESTS', `Too many failed attempts to sign in. Wait ${minutesToWait(retryAt, now)} minutes, then try again.`);
}

/** One check reserved from the account's counter at the address (which is created if new), or its refusal. */
async function reserveFromAccount(trx: Tx, key: SignInKey, policy: ThrottlePolicy, now: Date, address: Pick<Reserved, 'addressWindowStart'>): Promise<ReserveOutcome> {
  const account = reserveAttempt(await lockCounter(trx, 'account_address', key, now), throttleRule('account_address', policy), now);
  await saveCounter(trx, 'account_address', key, account.counter);
  return account.allowed
    ? { allowed: true, reserved: { ...address, accountWindowStart: account.counter.windowStart } }
    : { allowed: false, refusal: refusal(account.retryAt, now) };
}

/**
 * Reserves one password check for this sign-in, inside the caller's (short) transaction, before the password
 * is checked: first from the address's counter, then from the account's at that address, always in that order
 * so two sign-ins never wait on each other's rows crosswise. A refusal by either takes nothing from the other,
 * but its pause is written (the caller commits it, then refuses).
 *
 * While the address is paused, an account that signed in there within REMEMBERED_SIGN_IN_DAYS (its counter's
 * last_success_at, set by clearAfterSuccess with `remember`) is held by its own counter only; the address's pause
 * is left as it is. Everyone else waits, with the same answer whether or not the email is anyone's: only a
 * counter a right password made lets anyone through, and no counter is made for a sign-in refused here.
 */
export function reservePasswordCheck(trx: Tx, signIn: SignInKey, policy: ThrottlePolicy, now: Date): Promise<ReserveOutcome> {
  return atCounterAddress(trx, signIn, async (key) => {
    const address = reserveAttempt(await lockCounter(trx, 'address', key, now), throttleRule('address', policy), now);
    if (address.allowed) {
      const outcome = await reserveFromAccount(trx, key, policy, now, { addressWindowStart: address.counter.windowStart });
      if (outcome.allowed) await saveCounter(trx, 'address', key, address.counter);
      return outcome;
    }
    const known = await lockCounter(trx, 'account_address', key, now, false);
    if (known && passesAddressPause(known.lastSuccessAt, now)) return reserveFromAccount(trx, key, policy, now, { addressWindowStart: null });
    await saveCounter(trx, 'address', key, address.counter);
    return { allowed: false, refusal: refusal(address.retryAt, now) };
  });
}

/**
 * The password was right: the address and the account each get their reservation back (a success is not a
 * failure), if the window it was taken in has not moved on since. Address first, as above. `remember` (a person's
 * own sign-in, not a link or code) records the success, which lets them past the address's pauses for
 * REMEMBERED_SIGN_IN_DAYS.
 *
 * The wrong passwords before it stay counted until their window ends: a right password does not hand a burst that
 * carried it a new allowance, so no more than the limit of wrong passwords is ever checked for an account at an
 * address in a window (issue 12, item 3). A person who mistyped before getting in has that many fewer tries left in
 * the window (README, "Sign-in").
 */
export function clearAfterSuccess(trx: Tx, signIn: SignInKey, reserved: Reserved, now: Date, options: { remember?: boolean } = {}): Promise<void> {
  return atCounterAddress(trx, signIn, async (key) => {
    if (reserved.addressWindowStart) {
      await trx
        .updateTable('sign_in_throttle')
        .set({ failures: sql`greatest(failures - 1, 0)` })
        .where('scope', '=', 'address')
        .where('email', '=', '')
        .where('ip_address', '=', key.ip)
        .where('window_start', '=', reserved.addressWindowStart)
        .execute();
    }
    await trx
      .updateTable('sign_in_throttle')
      .set({
        failures: sql`CASE WHEN window_start = ${reserved.accountWindowStart} THEN greatest(failures - 1, 0) ELSE failures END`,
        ...(options.remember ? { last_success_at: now } : {}),
      })
      .where('scope', '=', 'account_address')
      .where('email', '=', key.email)
      .where('ip_address', '=', key.ip)
      .execute();
  });
}

/** The settings CONCORD_SIGN_IN_WINDOW_MINUTES, CONCORD_SIGN_IN_MAX_FAILURES and …_PER_ADDRESS. */
export interface ThrottlePolicy {
  windowMinutes: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { windowMinutes: 15, maxFailuresPerAccount: 5, maxFailuresPerAddress: 20 };

/**
 * What one throttle counter counts. 'account_address': the password checks of one account from one address
 * (the account's lock, which applies at that address only, so nobody elsewhere can lock a real user out).
 * 'address': every password check from one address, whatever the email (so spraying emails is bounded).
 */
export type ThrottleScope = 'account_address' | 'address';

/** An address that keeps going after its pause waits twice as long each time, up to 2^6 windows (16 hours at 15 minutes). */
export const MAX_ADDRESS_BACKOFF_DOUBLINGS = 6;

/** One counter as stored: the window it counts in, and the pause it is in, if any. */
export interface ThrottleCounter {
  windowStart: Date;
  /** Password checks let through in this window that have not turned out to be successes. */
  failures: number;
  /** Pauses imposed one after another with no quiet window between: each doubles the next (addresses only). */
  strikes: number;
  lockedUntil: Date | null;
}

export interface CounterRule {
  limit: number;
  windowMs: number;
  maxDoublings: number;
}

export function throttleRule(scope: ThrottleScope, policy: ThrottlePolicy): CounterRule {
  const windowMs = policy.windowMinutes * 60_000;
  return scope === 'address'
    ? { limit: policy.maxFailuresPerAddress, windowMs, maxDoublings: MAX_ADDRESS_BACKOFF_DOUBLINGS }
    : { limit: policy.maxFailuresPerAccount, windowMs, maxDoublings: 0 };
}

export type Reservation = { allowed: true; counter: ThrottleCounter } | { allowed: false; counter: ThrottleCounter; retryAt: Date };

/** The counter of a key never seen before: an empty window starting now. */
export const freshCounter = (now: Date, strikes = 0): ThrottleCounter => ({ windowStart: now, failures: 0, strikes, lockedUntil: null });

/**
 * Reserves one password check against a counter, before the password is checked: allowed while fewer than
 * `limit` checks have been let through in the window (the reservation counts as a failure until a success
 * gives it back). Once the limit is reached the next attempt is refused and starts a pause that ends
 * `window × 2^(strikes − 1)` after the window began (capped at 2^maxDoublings windows). When a pause is over a
 * new window starts and the strikes are remembered; a window that passes with no pause forgets them.
 * The caller holds the counter's row lock, so reservations of one key are taken one at a time.
 */
export function reserveAttempt(current: ThrottleCounter | null, rule: CounterRule, now: Date): Reservation {
  let counter = current ?? freshCounter(now);
  if (counter.lockedUntil) {
    if (now < counter.lockedUntil) return { allowed: false, counter, retryAt: counter.lockedUntil };
    counter = freshCounter(now, counter.strikes);
  } else if (now.getTime() >= counter.windowStart.getTime() + rule.windowMs) {
    counter = freshCounter(now);
  }
  if (counter.failures < rule.limit) return { allowed: true, counter: { ...counter, failures: counter.failures + 1 } };
  const strikes = counter.strikes + 1;
  const lockedUntil = new Date(counter.windowStart.getTime() + rule.windowMs * 2 ** Math.min(strikes - 1, rule.maxDoublings));
  return { allowed: false, counter: { ...counter, strikes, lockedUntil }, retryAt: lockedUntil };
}

/** Whole minutes until a pause ends, at least one, for the message. */
export function minutesToWait(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
}

/**
 * How long a right password at an address is remembered for its account (issue 12, item 3; housekeeping keeps the
 * counter that long). After OWASP's "Slow down online guessing attacks with device cookies", by address rather than
 * cookie: a person who has signed in from an address in this time is stopped by their own account's counter there,
 * not by the address's pause, so guesses at unknown emails from a council's one shared address pause strangers only.
 */
export const REMEMBERED_SIGN_IN_DAYS = 90;

/** Whether the account's last right password at this address (null: none) is recent enough to pass the address's pause. */
export function passesAddressPause(lastSuccessAt: Date | null, now: Date): boolean {
  return lastSuccessAt !== null && now.getTime() - lastSuccessAt.getTime() < REMEMBERED_SIGN_IN_DAYS * 24 * 60 * 60_000;
}

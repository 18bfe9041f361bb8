import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THROTTLE_POLICY,
  minutesToWait,
  passesAddressPause,
  REMEMBERED_SIGN_IN_DAYS,
  reserveAttempt,
  throttleRule,
  type CounterRule,
  type Reservation,
  type ThrottleCounter,
} from '../src/index.ts';

const start = new Date('2026-12-06T09:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const account = throttleRule('account_address', DEFAULT_THROTTLE_POLICY);
const address = throttleRule('address', DEFAULT_THROTTLE_POLICY);

/** Reserves `n` attempts one after another at `at`, as the row lock makes them; returns every reservation. */
function reserveMany(counter: ThrottleCounter | null, rule: CounterRule, at: Date, n: number): { counter: ThrottleCounter; results: Reservation[] } {
  const results: Reservation[] = [];
  let current = counter;
  for (let i = 0; i < n; i++) {
    const r = reserveAttempt(current, rule, at);
    results.push(r);
    current = r.counter;
  }
  return { counter: current!, results };
}

describe('the rules come from the settings', () => {
  it('an account at an address gets the per-account limit and a fixed pause; an address its own limit and back-off', () => {
    expect(account).toEqual({ limit: 5, windowMs: 15 * 60_000, maxDoublings: 0 });
    expect(address).toEqual({ limit: 20, windowMs: 15 * 60_000, maxDoublings: 6 });
  });
});

describe('reserving a password check', () => {
  it('lets exactly the limit through in a window, then refuses until the window that began with the first has passed', () => {
    const { counter, results } = reserveMany(null, account, start, 100);
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.slice(0, 5).every((r) => r.allowed)).toBe(true);
    const refused = results[5]!;
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAt).toEqual(minutes(15));
    expect(counter).toEqual({ windowStart: start, failures: 5, strikes: 1, lockedUntil: minutes(15) });
    // Still paused a second before the end; allowed again at the end, in a new window.
    expect(reserveAttempt(counter, account, new Date(minutes(15).getTime() - 1000)).allowed).toBe(false);
    const after = reserveAttempt(counter, account, minutes(15));
    expect(after).toEqual({ allowed: true, counter: { windowStart: minutes(15), failures: 1, strikes: 1, lockedUntil: null } });
  });

  it('counts in a window from its first attempt: failures older than the window are forgotten', () => {
    const { counter } = reserveMany(null, account, start, 4);
    const r = reserveAttempt(counter, account, minutes(16));
    expect(r).toEqual({ allowed: true, counter: { windowStart: minutes(16), failures: 1, strikes: 0, lockedUntil: null } });
  });

  it('the pause of an account at an address never grows, however often it is hit', () => {
    let counter: ThrottleCounter | null = null;
    let at = start;
    for (let round = 0; round < 5; round++) {
      const { counter: next, results } = reserveMany(counter, account, at, 6);
      const last = results[5]!;
      expect(last.allowed).toBe(false);
      expect(!last.allowed && last.retryAt.getTime() - at.getTime()).toBe(15 * 60_000);
      counter = next;
      at = last.allowed ? at : last.retryAt;
    }
  });

  it('an address that keeps going waits twice as long each time, up to 64 windows', () => {
    let counter: ThrottleCounter | null = null;
    let at = start;
    const pauses: number[] = [];
    for (let round = 0; round < 9; round++) {
      const { counter: next, results } = reserveMany(counter, address, at, 21);
      expect(results.filter((r) => r.allowed)).toHaveLength(20);
      const last = results[20]!;
      if (last.allowed) throw new Error('expected a pause');
      pauses.push((last.retryAt.getTime() - at.getTime()) / 60_000);
      counter = next;
      at = last.retryAt;
    }
    expect(pauses).toEqual([15, 30, 60, 120, 240, 480, 960, 960, 960]);
  });

  it('an address that stays quiet for a whole window after a pause starts again from the first pause', () => {
    const first = reserveMany(null, address, start, 21);
    const second = reserveMany(first.counter, address, minutes(15), 3); // 3 failures: no pause this window
    const third = reserveMany(second.counter, address, minutes(31), 21);
    const last = third.results[20]!;
    expect(!last.allowed && last.retryAt).toEqual(minutes(31 + 15));
  });

  it('refusals while paused change nothing', () => {
    const { counter } = reserveMany(null, account, start, 6);
    const refused = reserveAttempt(counter, account, minutes(5));
    expect(refused).toEqual({ allowed: false, counter, retryAt: minutes(15) });
  });
});

describe('the message', () => {
  it('says whole minutes to wait, at least one', () => {
    expect(minutesToWait(minutes(15), new Date(start.getTime() + 10))).toBe(15);
    expect(minutesToWait(minutes(1), minutes(0.99))).toBe(1);
    expect(minutesToWait(minutes(1), minutes(2))).toBe(1);
  });
});

describe('a person who signed in at an address before passes its pause', () => {
  const day = 24 * 60 * 60_000;
  it(`for ${REMEMBERED_SIGN_IN_DAYS} days after their last right password there, not a moment longer; nobody without one`, () => {
    expect(passesAddressPause(null, start)).toBe(false);
    expect(passesAddressPause(start, start)).toBe(true);
    expect(passesAddressPause(new Date(start.getTime() - REMEMBERED_SIGN_IN_DAYS * day + 1), start)).toBe(true);
    expect(passesAddressPause(new Date(start.getTime() - REMEMBERED_SIGN_IN_DAYS * day), start)).toBe(false);
  });
});

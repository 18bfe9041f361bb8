import { inTenant, seed, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, DEMO_PASSWORD, openSeededDatabase, outcome } from '../support/api.ts';

/**
 * Issue 12, item 3: the sign-in throttle holds under concurrency. Every sign-in here is a separate caller
 * (its own request); on PostgreSQL (TEST_DATABASE_URL) they run at once over a pool of several connections.
 * A password check is counted by its sign_in_attempt row: one is written for every password checked, and
 * none for a sign-in refused before its check.
 */
let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

const { maxFailuresPerAccount, maxFailuresPerAddress, windowMinutes } = config.throttle;
const viewers = seed
  .allDemoUsers()
  .map((u) => u.email)
  .filter((email) => email.startsWith('viewer.'))
  .sort();
const minutesAfter = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

function attempt(email: string, password: string, ip: string, now = new Date()): Promise<string> {
  return outcome(callerFor(connection, null, { meta: { ip }, now: () => now }).auth.signIn({ email, password }));
}

/** How many of each outcome, e.g. { UNAUTHORIZED: 5, TOO_MANY_REQUESTS: 95 }. */
function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

/** Passwords checked from an address (optionally for one email): one sign_in_attempt row each. */
async function checks(ip: string, email?: string): Promise<number> {
  let query = connection.db.selectFrom('sign_in_attempt').select(sql<number>`count(*)::int`.as('n')).where('ip_address', '=', ip);
  if (email) query = query.where('email', '=', email);
  return (await query.executeTakeFirstOrThrow()).n;
}

describe('one account guessed from one address', () => {
  const email = viewers[0]!;
  const ip = '198.51.100.21';

  it(`100 parallel wrong passwords: exactly ${maxFailuresPerAccount} are checked, the rest refused without a check`, async () => {
    const start = new Date();
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(email, `wrong-${i}`, ip, start)));
    expect(tally(outcomes)).toEqual({ UNAUTHORIZED: maxFailuresPerAccount, TOO_MANY_REQUESTS: 100 - maxFailuresPerAccount });
    expect(await checks(ip, email)).toBe(maxFailuresPerAccount);

    // While paused, 100 more wrong ones and the right one, all at once: not one password is checked.
    const during = minutesAfter(start, 1);
    const again = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => attempt(email, `again-${i}`, ip, during)),
      attempt(email, DEMO_PASSWORD, ip, during),
    ]);
    expect(again.at(-1)).toBe('TOO_MANY_REQUESTS');
    expect(tally(again)).toEqual({ TOO_MANY_REQUESTS: 101 });
    expect(await checks(ip, email)).toBe(maxFailuresPerAccount);

    // The pause ends a window after the first failure; then the right password gets in, and gives its check back.
    expect(await attempt(email, DEMO_PASSWORD, ip, minutesAfter(start, windowMinutes - 0.5))).toBe('TOO_MANY_REQUESTS');
    expect(await attempt(email, DEMO_PASSWORD, ip, minutesAfter(start, windowMinutes))).toBe('ok');
    const counter = await connection.db
      .selectFrom('sign_in_throttle')
      .select(['failures', 'locked_until'])
      .where('scope', '=', 'account_address')
      .where('email', '=', email)
      .where('ip_address', '=', ip)
      .executeTakeFirstOrThrow();
    expect(counter).toEqual({ failures: 0, locked_until: null });
  });

  it("the 101 at once, the right one among them: never more than the limit of wrong passwords checked", async () => {
    const email = viewers[1]!;
    const ip = '198.51.100.22';
    const outcomes = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => attempt(email, `wrong-${i}`, ip)),
      attempt(email, DEMO_PASSWORD, ip),
    ]);
    const right = outcomes.at(-1)!;
    const wrongChecked = outcomes.slice(0, -1).filter((o) => o === 'UNAUTHORIZED').length;
    expect(await checks(ip, email)).toBe(wrongChecked + (right === 'ok' ? 1 : 0));
    // The right one shares the burst's one allowance: it gets in only if reserved before the limit was used up, and
    // a success gives back its own reservation but forgives none of the wrong ones, so the burst never gets more.
    expect(['ok', 'TOO_MANY_REQUESTS']).toContain(right);
    expect(wrongChecked).toBe(maxFailuresPerAccount);
  });

  it('a right password forgives none of the wrong ones before it in their window: one typo fewer left', async () => {
    const email = viewers[11]!;
    const ip = '198.51.100.24';
    const start = new Date();
    for (let i = 0; i < maxFailuresPerAccount - 1; i++) expect(await attempt(email, `typo-${i}`, ip, start)).toBe('UNAUTHORIZED');
    expect(await attempt(email, DEMO_PASSWORD, ip, start)).toBe('ok');
    expect(await attempt(email, 'one-more-typo', ip, start)).toBe('UNAUTHORIZED');
    expect(await attempt(email, DEMO_PASSWORD, ip, minutesAfter(start, 1))).toBe('TOO_MANY_REQUESTS');
    // Once the window is over, the count starts again.
    expect(await attempt(email, DEMO_PASSWORD, ip, minutesAfter(start, windowMinutes))).toBe('ok');
  });

  it("an attacker's guesses at one address do not lock the account's owner out at another", async () => {
    const email = viewers[2]!;
    const attacker = '198.51.100.23';
    const owner = '192.0.2.44';
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(email, `wrong-${i}`, attacker)));
    expect(tally(outcomes).UNAUTHORIZED).toBe(maxFailuresPerAccount);
    expect(await attempt(email, DEMO_PASSWORD, attacker)).toBe('TOO_MANY_REQUESTS');
    expect(await attempt(email, DEMO_PASSWORD, owner)).toBe('ok');
  });
});

describe('one address spraying emails', () => {
  it('a real user at the address gets in while unknown emails are sprayed, until the address limit; no more than the limit is checked', async () => {
    const ip = '203.0.113.31';
    const real = viewers[3]!;
    const unknown = (i: number) => `nobody-${i}@concord.example`;
    const first = await Promise.all(Array.from({ length: maxFailuresPerAddress - 1 }, (_, i) => attempt(unknown(i), 'guess', ip)));
    expect(tally(first)).toEqual({ UNAUTHORIZED: maxFailuresPerAddress - 1 });
    // A success is not a failure: the address keeps its one remaining check.
    expect(await attempt(real, DEMO_PASSWORD, ip)).toBe('ok');

    const spray = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(unknown(100 + i), 'guess', ip)));
    expect(tally(spray)).toEqual({ UNAUTHORIZED: 1, TOO_MANY_REQUESTS: 99 });
    expect(await checks(ip)).toBe(maxFailuresPerAddress + 1); // the limit of failures, and the one success

    // Now the address waits for whoever has not signed in there (sign-in-throttle-addresses.test.ts), and the
    // user who has gets in; another address does not wait.
    expect(await attempt(viewers.at(-1)!, DEMO_PASSWORD, ip)).toBe('TOO_MANY_REQUESTS');
    expect(await attempt(real, DEMO_PASSWORD, ip)).toBe('ok');
    expect(await attempt(viewers.at(-1)!, DEMO_PASSWORD, '203.0.113.32')).toBe('ok');
  });

  it('an address that goes on after its pause waits twice as long, then four times', async () => {
    const ip = '203.0.113.41';
    const accounts = viewers.slice(4, 4 + Math.ceil(maxFailuresPerAddress / maxFailuresPerAccount));
    expect(accounts.length * maxFailuresPerAccount).toBe(maxFailuresPerAddress);
    const real = viewers[10]!;
    /** The limit of wrong passwords spread over several real accounts (cheap to check), then one more. */
    async function burst(at: Date): Promise<string> {
      for (const email of accounts) {
        const outcomes = await Promise.all(Array.from({ length: maxFailuresPerAccount }, (_, i) => attempt(email, `wrong-${i}`, ip, at)));
        expect(tally(outcomes)).toEqual({ UNAUTHORIZED: maxFailuresPerAccount });
      }
      const refused = await callerFor(connection, null, { meta: { ip }, now: () => at })
        .auth.signIn({ email: real, password: DEMO_PASSWORD })
        .then(() => 'signed in', (error: Error) => error.message);
      return refused;
    }
    const start = new Date();
    expect(await burst(start)).toMatch(new RegExp(`Wait ${windowMinutes} minutes`));
    const second = minutesAfter(start, windowMinutes);
    expect(await burst(second)).toMatch(new RegExp(`Wait ${2 * windowMinutes} minutes`));
    expect(await attempt(real, DEMO_PASSWORD, ip, minutesAfter(second, 2 * windowMinutes - 1))).toBe('TOO_MANY_REQUESTS');
    const third = minutesAfter(second, 2 * windowMinutes);
    expect(await burst(third)).toMatch(new RegExp(`Wait ${4 * windowMinutes} minutes`));
    expect(await attempt(real, DEMO_PASSWORD, ip, minutesAfter(third, 4 * windowMinutes))).toBe('ok');
  });
});

describe('the counters are not the application’s to read', () => {
  it('a sign-in sees only its own two counters, and cannot delete one', async () => {
    const ip = '198.51.100.21'; // the address of the first test: it holds counters for itself and one account
    const visible = await inTenant(connection.db, { signInEmail: 'someone.else@concord.example', signInIp: ip }, (trx) =>
      trx.selectFrom('sign_in_throttle').select(['scope', 'email']).execute(),
    );
    expect(visible).toEqual([{ scope: 'address', email: '' }]);
    const removed = inTenant(connection.db, { signInEmail: viewers[0]!, signInIp: ip }, (trx) => trx.deleteFrom('sign_in_throttle').execute());
    await expect(removed).rejects.toThrow(/permission denied/);
  });
});

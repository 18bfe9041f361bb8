import { seed, type Connection } from '@concord/db';
import { REMEMBERED_SIGN_IN_DAYS } from '@concord/domain';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, DEMO_PASSWORD, openSeededDatabase } from '../support/api.ts';

/**
 * Issue 12, item 3: the throttle's address is the right one. Unknown emails sprayed from a council's one shared
 * address pause the address for strangers, not for the people who sign in there (they are held by their own
 * counter); an IPv6 host is one address however many of its /64 it uses; one address written two ways is one.
 */
let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

const { maxFailuresPerAccount, maxFailuresPerAddress } = config.throttle;
const viewers = seed
  .allDemoUsers()
  .map((u) => u.email)
  .filter((email) => email.startsWith('viewer.'))
  .sort();
const unknown = (tag: string, i: number) => `nobody-${tag}-${i}@concord.example`;
const daysAfter = (start: Date, days: number) => new Date(start.getTime() + days * 86_400_000);

/** 'ok', or the refusal's code and words (so two refusals can be compared whole). */
async function attempt(email: string, password: string, ip: string, now = new Date()): Promise<string> {
  try {
    await callerFor(connection, null, { meta: { ip }, now: () => now }).auth.signIn({ email, password });
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError) return error.code === 'UNAUTHORIZED' ? error.code : `${error.code}: ${error.message}`;
    throw error;
  }
}
const refused = (o: string) => o.startsWith('TOO_MANY_REQUESTS');

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = refused(o) ? 'TOO_MANY_REQUESTS' : o;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Sprays `n` unknown emails from `ips` (in turn), all at once. */
function spray(tag: string, n: number, ips: string[], now = new Date()): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => attempt(unknown(tag, i), 'guess', ips[i % ips.length]!, now)));
}

describe('unknown emails sprayed from a shared address', () => {
  const ip = '203.0.113.51';
  const [known, knownWhoMistypes, newcomer] = [viewers[0]!, viewers[1]!, viewers[2]!];

  it('pause the address for strangers; people who signed in there before still get in, held by their own counter', async () => {
    const start = new Date();
    expect(await attempt(known, DEMO_PASSWORD, ip, start)).toBe('ok');
    expect(await attempt(knownWhoMistypes, DEMO_PASSWORD, ip, start)).toBe('ok');

    const outcomes = await spray('a', 100, [ip], start);
    expect(tally(outcomes)).toEqual({ UNAUTHORIZED: maxFailuresPerAddress, TOO_MANY_REQUESTS: 100 - maxFailuresPerAddress });
    // A sign-in refused by the address's pause leaves no counter behind for its email.
    const counters = await connection.db.selectFrom('sign_in_throttle').select('email').where('ip_address', '=', ip).where('scope', '=', 'account_address').execute();
    expect(counters.length).toBe(2 + maxFailuresPerAddress);

    const later = new Date(start.getTime() + 60_000);
    expect(await attempt(known, DEMO_PASSWORD, ip, later)).toBe('ok');
    // Their own counter still holds: the limit of wrong passwords, then even the right one waits.
    const wrong = await Promise.all(Array.from({ length: maxFailuresPerAccount + 3 }, (_, i) => attempt(knownWhoMistypes, `wrong-${i}`, ip, later)));
    expect(tally(wrong)).toEqual({ UNAUTHORIZED: maxFailuresPerAccount, TOO_MANY_REQUESTS: 3 });
    expect(refused(await attempt(knownWhoMistypes, DEMO_PASSWORD, ip, later))).toBe(true);

    // Someone who never signed in there waits, with just the answer an unknown email gets.
    const stranger = await attempt(newcomer, DEMO_PASSWORD, ip, later);
    expect(refused(stranger)).toBe(true);
    expect(await attempt(unknown('a', 1000), DEMO_PASSWORD, ip, later)).toBe(stranger);
    expect(await attempt(unknown('a', 1001), 'guess', ip, later)).toBe(stranger);
    // Elsewhere the newcomer is not paused.
    expect(await attempt(newcomer, DEMO_PASSWORD, '203.0.113.52', later)).toBe('ok');
  });

  it(`a sign-in there more than ${REMEMBERED_SIGN_IN_DAYS} days ago is forgotten`, async () => {
    const ip = '203.0.113.53';
    const person = viewers[3]!;
    const before = new Date(Date.now() - (REMEMBERED_SIGN_IN_DAYS + 1) * 86_400_000);
    expect(await attempt(person, DEMO_PASSWORD, ip, before)).toBe('ok');
    const now = daysAfter(before, REMEMBERED_SIGN_IN_DAYS + 1);
    await spray('b', maxFailuresPerAddress + 1, [ip], now);
    expect(refused(await attempt(person, DEMO_PASSWORD, ip, now))).toBe(true);
  });
});

describe('one host, many IPv6 addresses', () => {
  const counterOf = (email: string) =>
    connection.db.selectFrom('sign_in_throttle').select(['ip_address', 'failures']).where('scope', '=', 'account_address').where('email', '=', email).execute();

  it("an account's guesses from any address in one /64 share its counter; another /64 has its own", async () => {
    const email = viewers[4]!;
    const outcomes = await Promise.all(
      Array.from({ length: maxFailuresPerAccount }, (_, i) => attempt(email, `wrong-${i}`, `2001:db8:a:b:${(i + 1).toString(16)}::${i + 7}`)),
    );
    expect(tally(outcomes)).toEqual({ UNAUTHORIZED: maxFailuresPerAccount });
    expect(refused(await attempt(email, DEMO_PASSWORD, '2001:0DB8:000A:000B:ffff:ffff:ffff:fffe'))).toBe(true);
    expect(await attempt(email, DEMO_PASSWORD, '2001:db8:a:c::1')).toBe('ok');
    expect(await counterOf(email)).toEqual(
      expect.arrayContaining([
        { ip_address: '2001:db8:a:b::/64', failures: maxFailuresPerAccount },
        { ip_address: '2001:db8:a:c::/64', failures: 0 },
      ]),
    );
  });

  it("unknown emails sprayed from many addresses in one /64 pause the /64; the next /64 is another address", async () => {
    const inPrefix = Array.from({ length: maxFailuresPerAddress + 5 }, (_, i) => `2001:db8:f:1:${i.toString(16)}:${(i * 7).toString(16)}::1`);
    const outcomes = await spray('c', inPrefix.length, inPrefix);
    expect(tally(outcomes)).toEqual({ UNAUTHORIZED: maxFailuresPerAddress, TOO_MANY_REQUESTS: 5 });
    expect(refused(await attempt(unknown('c', 999), 'guess', '2001:db8:f:1::abcd'))).toBe(true);
    expect(await attempt(unknown('c', 1000), 'guess', '2001:db8:f:2::abcd')).toBe('UNAUTHORIZED');
  });

  it('one address written two ways is one address: an IPv4-mapped IPv6 is the IPv4, and :: forms are the same', async () => {
    const email = viewers[5]!;
    const mapped = await Promise.all(Array.from({ length: maxFailuresPerAccount }, (_, i) => attempt(email, `wrong-${i}`, '::ffff:198.51.100.77')));
    expect(tally(mapped)).toEqual({ UNAUTHORIZED: maxFailuresPerAccount });
    expect(refused(await attempt(email, DEMO_PASSWORD, '198.51.100.77'))).toBe(true);
    expect(await counterOf(email)).toEqual([{ ip_address: '198.51.100.77', failures: maxFailuresPerAccount }]);

    const other = viewers[6]!;
    for (let i = 0; i < maxFailuresPerAccount; i++) expect(await attempt(other, `wrong-${i}`, i % 2 ? '::1' : '0:0:0::1')).toBe('UNAUTHORIZED');
    expect(refused(await attempt(other, DEMO_PASSWORD, '0000::0001'))).toBe(true);
  });

  it('the record of each check keeps the exact address', async () => {
    const rows = await connection.db
      .selectFrom('sign_in_attempt')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('ip_address', 'like', '2001:db8:a:b:%')
      .executeTakeFirstOrThrow();
    expect(rows.n).toBe(maxFailuresPerAccount);
  });
});

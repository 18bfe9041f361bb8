import { houseKeep, housekeepingText } from '@concord/api';
import { inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSeededDatabase } from '../support/api.ts';

/**
 * Housekeeping (migration 0045): the sign-in records kept only as long as their purpose — throttle counters quiet for 7
 * days (90 after a right password they remember, 0048), password-check records older than 13 months, sessions ended more than 90 days ago — are removed by
 * concord_housekeeping, and only those; the application role cannot delete them itself.
 */
let connection: Connection;
const AT = new Date('2027-06-15T12:00:00Z');
const ago = (days: number) => new Date(AT.getTime() - days * 86_400_000);
const PREFIX = '198.51.100.';

beforeAll(async () => {
  connection = await openSeededDatabase();
  const db = connection.db;
  await db
    .insertInto('sign_in_throttle')
    .values([
      { scope: 'address', email: '', ip_address: `${PREFIX}1`, window_start: ago(10), failures: 3, strikes: 0, locked_until: null }, // quiet 10 days: goes
      { scope: 'address', email: '', ip_address: `${PREFIX}2`, window_start: ago(9), failures: 20, strikes: 2, locked_until: ago(8) }, // pause over 8 days ago: goes
      { scope: 'address', email: '', ip_address: `${PREFIX}3`, window_start: ago(10), failures: 20, strikes: 6, locked_until: ago(3) }, // pause ended 3 days ago: stays
      { scope: 'account_address', email: 'someone@example.org', ip_address: `${PREFIX}4`, window_start: ago(1), failures: 1, strikes: 0, locked_until: null }, // recent: stays
      // A right password remembered (migration 0048) keeps a quiet counter for 90 days, not longer.
      { scope: 'account_address', email: 'someone@example.org', ip_address: `${PREFIX}6`, window_start: ago(30), failures: 0, strikes: 0, locked_until: null, last_success_at: ago(30) }, // stays
      { scope: 'account_address', email: 'someone@example.org', ip_address: `${PREFIX}7`, window_start: ago(91), failures: 0, strikes: 0, locked_until: null, last_success_at: ago(91) }, // goes
    ])
    .execute();
  await db
    .insertInto('sign_in_attempt')
    .values([
      { email: 'old@example.org', ip_address: `${PREFIX}5`, succeeded: false, attempted_at: ago(400) }, // over 13 months: goes
      { email: 'year@example.org', ip_address: `${PREFIX}5`, succeeded: true, attempted_at: ago(360) }, // under: stays
    ])
    .execute();
  const user = await db.selectFrom('app_user').select('id').where('email', '=', 'commissioner.sefton@concord.example').executeTakeFirstOrThrow();
  const session = (hash: string, expires: Date, revoked: Date | null) => ({ token_hash: hash, user_id: user.id, authority_id: null, last_seen_at: ago(200), expires_at: expires, revoked_at: revoked });
  await db
    .insertInto('session')
    .values([
      session('housekeeping-revoked-100-days', ago(50), ago(100)), // revoked 100 days ago: goes
      session('housekeeping-expired-91-days', ago(91), null), // expired 91 days ago: goes
      session('housekeeping-revoked-30-days', ago(10), ago(30)), // ended 30 days ago: stays
      session('housekeeping-live', new Date(AT.getTime() + 86_400_000), null), // live: stays
    ])
    .execute();
});
afterAll(() => connection.close());

it('removes exactly the records past their purpose, and says so in words', async () => {
  const run = await houseKeep(connection.db, { at: AT });
  expect(run).toEqual({ throttleCounters: 3, signInAttempts: 1, endedSessions: 2 });
  expect(housekeepingText(run)).toBe('Removed 3 sign-in throttle counters quiet for a week, 1 sign-in record older than 13 months and 2 sessions ended more than 90 days ago');
  const throttles = await connection.db.selectFrom('sign_in_throttle').select('ip_address').where('ip_address', 'like', `${PREFIX}%`).orderBy('ip_address').execute();
  expect(throttles.map((t) => t.ip_address)).toEqual([`${PREFIX}3`, `${PREFIX}4`, `${PREFIX}6`]);
  const attempts = await connection.db.selectFrom('sign_in_attempt').select('email').where('ip_address', '=', `${PREFIX}5`).execute();
  expect(attempts.map((a) => a.email)).toEqual(['year@example.org']);
  const sessions = await connection.db.selectFrom('session').select('token_hash').where('token_hash', 'like', 'housekeeping-%').orderBy('token_hash').execute();
  expect(sessions.map((s) => s.token_hash)).toEqual(['housekeeping-live', 'housekeeping-revoked-30-days']);
});

it('removes nothing more when run again', async () => {
  expect(await houseKeep(connection.db, { at: AT })).toEqual({ throttleCounters: 0, signInAttempts: 0, endedSessions: 0 });
});

it('the application role cannot delete these records itself, even claiming to be housekeeping', async () => {
  for (const table of ['sign_in_throttle', 'sign_in_attempt', 'session']) {
    const attempt = inTenant(connection.db, {}, async (tx) => {
      await sql`SELECT set_config('app.housekeeping', 'on', true)`.execute(tx);
      await sql`DELETE FROM ${sql.table(table)}`.execute(tx);
    });
    await expect(attempt, table).rejects.toMatchObject({ code: '42501' });
  }
  expect(Number((await connection.db.selectFrom('sign_in_throttle').select((eb) => eb.fn.countAll().as('n')).where('ip_address', 'like', `${PREFIX}%`).executeTakeFirstOrThrow()).n)).toBe(3);
});

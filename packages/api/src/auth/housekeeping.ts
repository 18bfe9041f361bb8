import type { Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import { countsOf } from '../background-counts.ts';

/** What one housekeeping run removed (migration 0045). */
export interface HousekeepingRun {
  /** Sign-in throttle counters quiet for 7 days (one that remembers a right password: 90 days after it, migration 0048). */
  throttleCounters: number;
  /** Records of password checks older than 13 months. */
  signInAttempts: number;
  /** Sessions that ended (signed out, revoked or expired) more than 90 days ago. */
  endedSessions: number;
}

const KEYS: Record<string, keyof HousekeepingRun> = { sign_in_throttle: 'throttleCounters', sign_in_attempt: 'signInAttempts', session: 'endedSessions' };

/** How often the server runs it (apps/api/src/main.ts). */
export const HOUSEKEEPING_EVERY_MS = 60 * 60_000;

/**
 * Removes the sign-in records kept no longer than their purpose (migration 0045), as of the database's clock or
 * `options.at`. One transaction as the application role acting for nobody; concord_housekeeping decides and deletes.
 */
export function houseKeep(db: Kysely<Database>, options: { at?: Date } = {}): Promise<HousekeepingRun> {
  return countsOf(db, sql<{ name: string; n: number }>`SELECT record AS name, removed AS n FROM concord_housekeeping(${options.at ?? null}::timestamptz)`, KEYS);
}

/** A run in words, for the CLI and the server's log. */
export function housekeepingText(run: HousekeepingRun): string {
  return `Removed ${run.throttleCounters} sign-in throttle counter${run.throttleCounters === 1 ? '' : 's'} quiet for a week, ${run.signInAttempts} sign-in record${run.signInAttempts === 1 ? '' : 's'} older than 13 months and ${run.endedSessions} session${run.endedSessions === 1 ? '' : 's'} ended more than 90 days ago`;
}

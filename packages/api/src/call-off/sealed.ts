import type { Tx } from '@concord/db';
import { sql } from 'kysely';

/**
 * Sealed responses (issue 11, item 4; migration 0032). The database keeps every version of a response and lets the
 * calling-off authority read them only after the deadline; these helpers read what the caller's policies allow.
 */

/** The latest response of each provider to a call-off (each version is kept; the latest counts), as the caller may see them. */
export function latestResponses(tx: Tx, callOffId: string) {
  return tx
    .selectFrom('call_off_response')
    .distinctOn(['provider_id'])
    .select(['id', 'provider_id', 'price_pence', 'received_on', 'source', 'submitted_at', 'seq'])
    .where('call_off_id', '=', callOffId)
    .orderBy('provider_id')
    .orderBy('seq', 'desc')
    .execute();
}

/** How many providers have responded: all the calling-off authority may know before the deadline (a SECURITY DEFINER count). */
export async function responsesReceived(tx: Tx, callOffId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT call_off_responses_received(${callOffId}::uuid) AS n`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

/** Whether the deadline has passed by the database's clock (the one the policies use). */
export async function deadlinePassed(tx: Tx, deadline: Date | null): Promise<boolean> {
  if (!deadline) return true;
  const { rows } = await sql<{ passed: boolean }>`SELECT ${deadline}::timestamptz <= transaction_timestamp() AS passed`.execute(tx);
  return rows[0]!.passed;
}

/** The instant a deadline day (and optional 'HH:MM' time) means: the end of that day, or that time, in Europe/London. */
export function deadlineInstant(day: string, time: string | undefined) {
  return time ? sql<Date>`((${day}::date + ${time}::time) AT TIME ZONE 'Europe/London')` : sql<Date>`((${day}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;
}

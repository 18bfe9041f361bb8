import { inTenant, type Database } from '@concord/db';
import type { Kysely, RawBuilder } from 'kysely';

/**
 * Background work the database does itself (the deadline reminders of migration 0037, the housekeeping of 0045): one
 * SECURITY DEFINER function called in one transaction as the application role acting for nobody, answering a row per
 * kind of thing it did, `name` and how many (`n`). Tallies them under the caller's names for the kinds; a kind the
 * function did not report counts 0.
 */
export async function countsOf<K extends string>(db: Kysely<Database>, call: RawBuilder<{ name: string; n: number }>, names: Record<string, K>): Promise<Record<K, number>> {
  const rows = await inTenant(db, {}, async (tx) => (await call.execute(tx)).rows);
  const counts = Object.fromEntries(Object.values(names).map((key) => [key, 0])) as Record<K, number>;
  for (const r of rows) {
    const key = names[r.name];
    if (key) counts[key] = Number(r.n);
  }
  return counts;
}

import { inTenant, type Connection, type Tx } from '@concord/db';

class RollBack extends Error {}

/** Runs `work` as the application role with these tenant settings, and rolls everything it wrote back. */
export async function rolledBack<T>(db: Connection['db'], settings: Parameters<typeof inTenant>[1], work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await inTenant(db, settings, async (tx) => {
    result = await work(tx);
    throw new RollBack();
  }).catch((error) => {
    if (!(error instanceof RollBack)) throw error;
  });
  return result as T;
}

import { enterTenant, type Connection, type TenantSettings, type Tx } from '@concord/db';
import { sql } from 'kysely';

class Undo extends Error {}

/** Runs `work` in one transaction of the test's (owner) connection and rolls it back. */
export async function undoneOn<T>(db: Connection['db'], work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db
    .transaction()
    .execute(async (tx) => {
      result = await work(tx);
      throw new Undo();
    })
    .catch((error) => {
      if (!(error instanceof Undo)) throw error;
    });
  return result as T;
}

/** Within `tx`, runs `work` as the application role with these settings, then returns to the owner connection's role. */
export async function asTenant<T>(tx: Tx, settings: TenantSettings, work: () => Promise<T>): Promise<T> {
  await enterTenant(tx, settings);
  const result = await work();
  await sql`RESET ROLE`.execute(tx);
  return result;
}

import { inTenant, type Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';

/** The plan (EXPLAIN, without costs) of `statement` as the application role acting for `authorityId`, one line per node. */
export async function planAs(db: Kysely<Database>, authorityId: string, statement: string): Promise<string> {
  return inTenant(db, { authorityId }, async (trx) => {
    const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (COSTS OFF) ${sql.raw(statement)}`.execute(trx);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

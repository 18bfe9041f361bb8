import type { Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';

/**
 * The table matrix's rows for the Procurement Act notices (issue 16; migration 0039):
 *   procurement_notice   a draft contract details notice (UK7) of Sefton's matrix contract. Private to Sefton: its users
 *                        read, add and change its notices; the Tripartite's lead and members do not see a contract's notice
 *                        (they read only the lead's notices of a procurement: integration/procurement-act-notices.test.ts);
 *                        nobody deletes one (a notice is withdrawn).
 */
interface Refs {
  db: Kysely<Database>;
  sefton: string;
  contract: string;
}

const count = sql<number>`count(*)::int`.as('n');
const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) => result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);
const made = { id: '' };

export async function makeNoticeFixtures(refs: Refs): Promise<void> {
  const row = await refs.db.insertInto('procurement_notice').values({ authority_id: refs.sefton, notice_type: 'UK7', contract_id: refs.contract, fields: '{}' }).returning('id').executeTakeFirstOrThrow();
  made.id = row.id;
}

export function noticeTargets(refs: () => Refs) {
  return {
    procurement_notice: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('procurement_notice').select(count).where('id', '=', made.id).executeTakeFirstOrThrow()).n,
      // A second notice of the same contract: its termination notice (UK11).
      insert: (t: Kysely<Database>) => t.insertInto('procurement_notice').values({ authority_id: refs().sefton, notice_type: 'UK11', contract_id: refs().contract, fields: '{}' }).execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('procurement_notice').set({ fields: '{"description":"Matrix"}' }).where('id', '=', made.id).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('procurement_notice').where('id', '=', made.id).execute()),
    },
  };
}

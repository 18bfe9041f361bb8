import type { Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';

/**
 * The table matrix's rows for monitoring returns (issue 11, item 5; migration 0033):
 *   provider_monitoring_return   a submitted return of the matrix provider for January 2026 of Sefton's matrix contract.
 * The matrix provider is not verified, so it reads and writes none (integration/provider-monitoring-returns.test.ts
 * shows a verified provider writing its own); Sefton reads it and decides it (accepted or queried) and never adds one.
 */
interface Refs {
  db: Kysely<Database>;
  sefton: string;
  contract: string;
  provider: string;
}

const count = sql<number>`count(*)::int`.as('n');
const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) => result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);
const figures = { hours_delivered: 100, missed_visits: 1, late_visits: 2, staff_turnover_percent: 5, complaints: 0 };
const made = { id: '' };

export async function makeMonitoringReturnFixtures(refs: Refs): Promise<void> {
  const row = await refs.db
    .insertInto('provider_monitoring_return')
    .values({ authority_id: refs.sefton, provider_id: refs.provider, contract_id: refs.contract, period_start: '2026-01-01', period_end: '2026-01-31', ...figures, status: 'submitted', submitted_at: new Date('2026-02-03T10:00:00Z') })
    .returning('id')
    .executeTakeFirstOrThrow();
  made.id = row.id;
}

export function monitoringReturnTargets(refs: () => Refs) {
  return {
    provider_monitoring_return: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('provider_monitoring_return').select(count).where('id', '=', made.id).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) =>
        t
          .insertInto('provider_monitoring_return')
          .values({ authority_id: refs().sefton, provider_id: refs().provider, contract_id: refs().contract, period_start: '2026-02-01', period_end: '2026-02-28', ...figures, status: 'submitted', submitted_at: new Date() })
          .execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('provider_monitoring_return').set({ status: 'accepted', decided_at: new Date() }).where('id', '=', made.id).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('provider_monitoring_return').where('id', '=', made.id).execute()),
    },
  };
}

import type { Database } from '@concord/db';
import type { Kysely } from 'kysely';
import { parsePeriod } from '../../packages/api/src/kpi/periods.ts';

/** The row version a record is at now, read straight from its table (for tests that edit fixture rows). */
export async function versionOf(db: Kysely<Database>, table: 'contract' | 'placement' | 'budget' | 'kpi_return' | 'actual_rate' | 'provider_monitoring_return' | 'application' | 'call_off', id: string): Promise<number> {
  const row = await db.selectFrom(table).select('row_version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.row_version;
}

/**
 * The version of an authority's KPI return for a period ('Aug 2023', '2024-25 Q1' or its first day), or null when it
 * has none: what the returns page shows and return.submit sends back.
 */
export async function returnVersion(db: Kysely<Database>, r: { authorityId: string; partnershipId: string; kpiCode: string; period: string }): Promise<number | null> {
  const period = parsePeriod('monthly', r.period) ?? parsePeriod('quarterly', r.period) ?? parsePeriod('annual', r.period);
  if (!period) throw new Error(`Not a period: ${r.period}`);
  const row = await db
    .selectFrom('kpi_return')
    .select('row_version')
    .where('authority_id', '=', r.authorityId)
    .where('partnership_id', '=', r.partnershipId)
    .where('kpi_code', '=', r.kpiCode)
    .where('period_start', '=', period.start)
    .where('contract_ref', '=', '')
    .executeTakeFirst();
  return row?.row_version ?? null;
}

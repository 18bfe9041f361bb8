import { sql, type Kysely } from 'kysely';

/**
 * Returns read by authority and period (issue 14, item 3). The returns calendar covers a window of due dates and
 * reads my returns for the window's periods only; the one index on kpi_return by authority (its primary key, and
 * the unique key by partnership and KPI before the period) made PostgreSQL read every return the authority had
 * ever made (129,600 at national scale) to keep those of the window. With this index the read is a range.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX kpi_return_authority_period_idx ON kpi_return (authority_id, period_start)`.execute(db);
}

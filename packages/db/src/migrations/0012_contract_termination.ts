import { sql, type Kysely } from 'kysely';

/**
 * A contract can be terminated before its end date (issue 4: the register's "terminated" status), recorded as
 * a variation of its own kind: the day it ends, the reason (justification), the legal basis (the clause relied
 * on), the decision, and the value it takes off. A termination only ever brings the end date forward (or keeps
 * it, when it ends on its last day), never moves it later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE contract_variation
      DROP CONSTRAINT contract_variation_kind_check,
      ADD CONSTRAINT contract_variation_kind_check CHECK (kind IN ('extension','continuation','price_change','scope_change','termination')),
      ADD CONSTRAINT contract_variation_termination_ends_earlier CHECK (
        kind <> 'termination' OR (new_end_date IS NOT NULL AND previous_end_date IS NOT NULL AND new_end_date <= previous_end_date AND value_change_pence <= 0))`.execute(db);
}

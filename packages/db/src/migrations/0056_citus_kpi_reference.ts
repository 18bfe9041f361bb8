import { sql, type Kysely } from 'kysely';
import { DISTRIBUTED } from './0040_citus_distribution.ts';
import { DISTRIBUTED_TABLES as DISTRIBUTED_BEFORE } from './0053_citus_more_distribution.ts';

/**
 * Scale-out on Citus, the benchmark's tables (issue 15, items 1–2; infra/scale-out.md). Runs only when the database
 * has the citus extension; on plain PostgreSQL and PGlite it does nothing.
 *
 * `kpi_definition` becomes a reference table (a copy on every node; ~20k rows nationally), so that `kpi_return` and
 * `benchmark_figure` keep their kpi_id → kpi_definition key when they are distributed (Citus allows distributed →
 * reference): a return or figure naming a KPI that does not exist is still refused (23503), on the shard. Then
 * `kpi_return`, `benchmark_figure` and `benchmark_consent` are distributed by authority_id, co-located with budget
 * (DISTRIBUTED_0056): a member's returns are one shard's, the partnership benchmark a multi-shard aggregate. They
 * are written only by the application role (return, benchmark and KPI commands; the seed as the owner), by no
 * SECURITY DEFINER function; their UNIQUE constraints all include authority_id; nothing locks them FOR UPDATE.
 *
 * A reference table pulls into Citus every table its own foreign keys reach, so kpi_definition's two outgoing keys
 * are dropped, each because a policy guarantees what it did (the application role's only way to write the table is
 * through its policies, kpi_definition_lead_inserts / _updates):
 * - authority_id → authority: the policies require authority_id = the transaction's authority, which only a
 *   registered authority can be (as 0040 argued for budget);
 * - partnership_id → partnership: they require partnership_id = ANY(app_partnership_ids()) AND
 *   ANY(app_leading_partnership_ids()), settings filled only from partnership_member / partnership rows
 *   (refreshPartnershipIds, concord_request_identity), so a partnership that exists.
 * Its incoming keys (from kpi_return and benchmark_figure) are dropped and added again once both sides are Citus
 * tables (Citus will not make a reference table of a table a local table refers to, nor distribute a table that
 * refers to a local one), so they hold before and after: re-adding validates every row.
 *
 * The three distributed tables' keys to the coordinator's tables are dropped (Citus refuses distributed → local):
 * - authority_id → authority (kpi_return, benchmark_figure): every write policy requires authority_id to be the
 *   transaction's authority, as above;
 * - kpi_return.updated_by → app_user: stamp_row_version (0014) writes the transaction's own user there;
 * - (authority_id, partnership_id) → partnership_member (all three): benchmark_figure's and benchmark_consent's
 *   insert and update policies require authority_id = the transaction's authority AND partnership_id =
 *   ANY(app_partnership_ids()), the authority's own partnership_member rows, so the pair is a membership. kpi_return's
 *   policy says nothing about partnership_id, so 0053's concord_own_references trigger (a value written or changed
 *   must be one of the authority's current partnerships; reads only the row and the settings) now checks it there,
 *   run AFTER the row is written as a foreign key's check is, so that a write the policy refuses still fails with the
 *   policy's 42501 first (a BEFORE trigger would answer 23503 to another authority's attempt).
 *   Nothing deletes a partnership_member row (a member that leaves gets left_on), an authority or a user, so what
 *   the keys also did, hold the referenced row in place, is not needed.
 * Tested in tests/integration/citus-routing.test.ts on every database.
 */

/** Distributed by authority_id by this migration, co-located with budget; in the order they are distributed. */
export const DISTRIBUTED_0056 = ['kpi_return', 'benchmark_figure', 'benchmark_consent'] as const;

/** Every table distributed on Citus (0040's, 0053's and this migration's): the one list code and tests read. */
export const DISTRIBUTED_TABLES = [...DISTRIBUTED_BEFORE, ...DISTRIBUTED_0056] as const;

/** Reference tables on Citus (a copy on every node). */
export const REFERENCE_TABLES = ['kpi_definition'] as const;

/** The keys this migration drops, by table (each argued above). */
const DROPPED: Record<string, string[]> = {
  kpi_definition: ['kpi_definition_authority_id_fkey', 'kpi_definition_partnership_id_fkey'],
  kpi_return: ['kpi_return_authority_id_fkey', 'kpi_return_updated_by_fkey', 'kpi_return_authority_id_partnership_id_fkey'],
  benchmark_figure: ['benchmark_figure_authority_id_fkey', 'benchmark_figure_authority_id_partnership_id_fkey'],
  benchmark_consent: ['benchmark_consent_authority_id_partnership_id_fkey'],
};

/** The keys to kpi_definition, dropped while the tables change kind and added again. */
const TO_DEFINITION = ['kpi_return', 'benchmark_figure'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  if (!rows[0]?.citus) return;
  for (const [table, constraints] of Object.entries(DROPPED)) {
    for (const constraint of constraints) await sql`ALTER TABLE ${sql.id(table)} DROP CONSTRAINT ${sql.id(constraint)}`.execute(db);
  }
  for (const table of TO_DEFINITION) await sql`ALTER TABLE ${sql.id(table)} DROP CONSTRAINT ${sql.id(`${table}_kpi_id_fkey`)}`.execute(db);
  // AFTER, as a foreign key checks: a write the policy refuses is refused by it first (42501), as elsewhere.
  await sql`
    CREATE TRIGGER kpi_return_own_references AFTER INSERT OR UPDATE ON kpi_return
    FOR EACH ROW EXECUTE FUNCTION concord_own_references('partnership:partnership_id')`.execute(db);
  for (const table of REFERENCE_TABLES) await sql`SELECT create_reference_table(${table})`.execute(db);
  // The row-version and own-references triggers run on the shard they fire on; they read nothing else.
  await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  for (const table of DISTRIBUTED_0056) {
    await sql`SELECT create_distributed_table(${table}, 'authority_id', colocate_with => ${DISTRIBUTED[0]})`.execute(db);
  }
  for (const table of TO_DEFINITION) {
    await sql`
      ALTER TABLE ${sql.id(table)} ADD CONSTRAINT ${sql.id(`${table}_kpi_id_fkey`)}
      FOREIGN KEY (kpi_id) REFERENCES kpi_definition (id)`.execute(db);
  }
}

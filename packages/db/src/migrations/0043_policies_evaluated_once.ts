import { sql, type Kysely } from 'kysely';

/**
 * The register's platform-administrator policies asked once per query, not once per row (issue 14, national scale).
 *
 * provider_platform_reads and provider_location_platform_reads (migration 0026) were `USING (app_is_platform_admin())`.
 * That function's body is an EXISTS over app_user, so PostgreSQL cannot inline it: every row of the register the
 * query looked at called it, ahead of the cheap "acting for an authority" test of the other policy. On national-scale
 * data provider.list's count of the register made 12,240 calls (650 ms of a 711 ms statement). Written as a scalar
 * subquery, `(SELECT app_is_platform_admin())`, it is an InitPlan: one call per statement, the same answer for every
 * row (it reads only the transaction's user). Who may read what is unchanged.
 *
 * contract (provider_id): contract's policies are "my authority's" OR "names the verified provider organisation I act
 * for" (migration 0033). With no index on provider_id the OR made contract.list read all 22,296 contracts of the
 * country by sequential scan to keep the authority's 145; with it, the two sides are a BitmapOr of two index reads.
 */
const ONCE = '(SELECT app_is_platform_admin())';

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['provider', 'provider_location']) {
    await sql`ALTER POLICY ${sql.id(`${table}_platform_reads`)} ON ${sql.id(table)} USING (${sql.raw(ONCE)})`.execute(db);
  }
  await sql`CREATE INDEX contract_provider_idx ON contract (provider_id)`.execute(db);
  await sql`ALTER POLICY provider_platform_verifies ON provider USING (${sql.raw(ONCE)}) WITH CHECK (${sql.raw(ONCE)})`.execute(db);
}

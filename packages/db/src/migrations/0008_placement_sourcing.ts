import { sql, type Kysely } from 'kysely';

/**
 * Derived KPIs (issue 6): a KPI can be worked out from the authority's own records.
 *
 *   placement.requested_on, sourced_on   when a placement was asked for and when a provider was found
 *                                        (both optional; sourced no earlier than requested). PLC-01 reads
 *                                        them: placements sourced within 5 working days of the request.
 *   kpi_definition.derivation            the rule that works the KPI out (the domain's KPI_DERIVATIONS), so a
 *                                        partnership's own KPIs can pick one; null for a KPI typed in. Only
 *                                        a KPI whose source is not 'manual' has one; a new version copies it.
 *
 * The starter library's KPIs that already exist get their rule by code (those with a non-manual source).
 * The columns sit on tables whose row-level security already applies: nothing new to protect.
 */
const STARTER_RULES: Record<string, string> = {
  'SL-01': 'placements_open_at_period_end',
  'COST-01': 'mean_weekly_cost_at_period_end',
  'OOA-01': 'placements_started_out_of_area',
  'PLC-01': 'placements_sourced_within_target',
  'CQC-01': 'contracted_providers_good_or_outstanding',
  'MKT-01': 'lead_provider_share_of_hours',
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE placement
      ADD COLUMN requested_on date,
      ADD COLUMN sourced_on date,
      ADD CONSTRAINT placement_sourced_after_request CHECK (sourced_on IS NULL OR (requested_on IS NOT NULL AND sourced_on >= requested_on))`.execute(db);
  await sql`
    ALTER TABLE kpi_definition
      ADD COLUMN derivation text CHECK (derivation IN (${sql.join(Object.values(STARTER_RULES).map((r) => sql.lit(r)))})),
      ADD CONSTRAINT kpi_definition_derivation_not_manual CHECK (derivation IS NULL OR source <> 'manual')`.execute(db);
  for (const [code, rule] of Object.entries(STARTER_RULES)) {
    await sql`UPDATE kpi_definition SET derivation = ${rule} WHERE code = ${code} AND source <> 'manual' AND derivation IS NULL`.execute(db);
  }
}

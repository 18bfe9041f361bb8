import { sql, type Kysely } from 'kysely';

/**
 * KPIs fed by providers' monitoring returns (issue 11, item 5): a KPI's derivation may name a rule that reads the
 * accepted monitoring returns of the authority's contracts (the domain's MONITORED_DERIVATIONS). The derivation CHECK
 * of migration 0008 is widened to the rules as they now are; every earlier rule stays allowed. No new table: the rules
 * read provider_monitoring_return, whose row-level security (migration 0033) already keeps each authority to its own.
 */
const RULES = [
  'placements_open_at_period_end',
  'mean_weekly_cost_at_period_end',
  'placements_started_out_of_area',
  'placements_sourced_within_target',
  'contracted_providers_good_or_outstanding',
  'lead_provider_share_of_hours',
  'monitored_hours_delivered',
  'monitored_missed_visits',
  'monitored_complaints',
  'monitored_staff_turnover',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE kpi_definition
      DROP CONSTRAINT kpi_definition_derivation_check,
      ADD CONSTRAINT kpi_definition_derivation_check CHECK (derivation IN (${sql.join(RULES.map((r) => sql.lit(r)))}))`.execute(db);
}

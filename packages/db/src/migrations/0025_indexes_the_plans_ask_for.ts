import { sql, type Kysely } from 'kysely';

/**
 * Indexes the query plans asked for on national-scale data (issue 14, item 1; BENCHMARKS.md, "What the plans ask
 * for"): 153 councils, 20 million published figures, a million placements.
 *
 *   benchmark_figure (partnership_id, kpi_code, period_start) INCLUDE the values
 *       A benchmark reads one partnership's figures for one KPI over a window of periods; the only index with
 *       those columns began with authority_id, so every read walked all 20 million entries (1.8–4.8 s).
 *   provider_location (provider_id), provider (legal_name)
 *       The register counts each provider's locations and pages by name.
 *   placement (authority_id, start_date)
 *       The market views and returns derived from placements read those running on a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX benchmark_figure_partnership_kpi_period_idx ON benchmark_figure (partnership_id, kpi_code, period_start)
    INCLUDE (authority_id, kpi_id, value, numerator, denominator)`.execute(db);
  await sql`CREATE INDEX provider_location_provider_idx ON provider_location (provider_id)`.execute(db);
  await sql`CREATE INDEX provider_legal_name_idx ON provider (legal_name, id)`.execute(db);
  await sql`CREATE INDEX placement_start_idx ON placement (authority_id, start_date)`.execute(db);
}

/**
 * The hot procedures the issue measures, each with the input the bench user's pages send and, where there is
 * one, the raw SQL of the same result (what the database alone needs to answer, without the server).
 */
import { BENCH_KPI_CODE } from './shape.ts';

export interface BenchContext {
  authorityId: string;
  networkId: string;
  today: string;
}

export interface HotProcedure {
  path: string;
  input?: (c: BenchContext) => unknown;
  /** The same answer in plain SQL over the same rows (no row-level security, no session). */
  raw?: (c: BenchContext) => { text: string; values: unknown[] };
}

export const HOT_PROCEDURES: HotProcedure[] = [
  {
    path: 'benchmark.get',
    input: (c) => ({ partnershipId: c.networkId, kpiCode: BENCH_KPI_CODE }),
    // Every row the answer is made from, in one statement: the KPI's current version with its latest published
    // period, and for each member of the partnership its name, the day it left, its consent choice, its population
    // for the KPI's age band (the latest year held at or before the period's, else the earliest) and its figures
    // for the 8 periods of the trend. The procedure reads the same rows in two statements (packages/api/src/benchmark/queries.ts).
    raw: (c) => ({
      text: `WITH k AS (
          SELECT k.*, (SELECT max(f.period_start) FROM benchmark_figure f WHERE f.partnership_id = $1 AND f.kpi_code = $2) AS latest,
            CASE k.frequency WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 ELSE 12 END AS months
          FROM kpi_definition k WHERE k.partnership_id = $1 AND k.code = $2 ORDER BY k.version DESC LIMIT 1),
        -- The figures and consent choices read on their own, as the procedure does (migration 0056: on Citus each is
        -- a multi-shard read, joined with the members on the coordinator).
        f AS MATERIALIZED (
          SELECT f.authority_id, f.period_start, f.value, f.numerator, f.denominator, d.version
          FROM k, benchmark_figure f JOIN kpi_definition d ON d.id = f.kpi_id
          WHERE f.partnership_id = $1 AND f.kpi_code = $2
            AND f.period_start > k.latest - make_interval(months => 8 * k.months) AND f.period_start <= k.latest),
        c AS MATERIALIZED (SELECT authority_id, mode FROM benchmark_consent WHERE partnership_id = $1)
        SELECT k.id AS kpi_id, k.version AS kpi_version, k.name AS kpi_name, k.unit, k.direction, k.frequency, k.first_period, k.target,
          k.red_threshold, k.latest, a.id, a.name, m.left_on, c.mode, pop.year AS population_year, pop.population,
          f.period_start, f.value, f.numerator, f.denominator, f.version
        FROM k JOIN partnership_member m ON m.partnership_id = $1
        JOIN authority a ON a.id = m.authority_id
        LEFT JOIN c ON c.authority_id = m.authority_id
        LEFT JOIN LATERAL (
          SELECT year, population FROM authority_population
          WHERE authority_id = m.authority_id AND age_band = k.population_age_band
          ORDER BY abs(year - extract(year FROM k.latest)::int) + (CASE WHEN year > extract(year FROM k.latest)::int THEN 0.5 ELSE 0 END)
          LIMIT 1) pop ON true
        LEFT JOIN f ON f.authority_id = m.authority_id
        ORDER BY a.name, a.id, f.period_start`,
      values: [c.networkId, BENCH_KPI_CODE],
    }),
  },
  {
    path: 'return.list',
    input: () => ({ show: 'all', limit: 100, offset: 0 }),
    raw: (c) => ({
      text: `SELECT r.*, count(*) OVER () AS total FROM kpi_return r WHERE r.authority_id = $1 ORDER BY r.period_start DESC, r.kpi_code, r.partnership_id LIMIT 100`,
      values: [c.authorityId],
    }),
  },
  {
    path: 'return.due',
    raw: (c) => ({
      // Each current KPI of my partnerships × each month from its first period to last month, less the returns made.
      text: `SELECT d.partnership_id, d.code, g.p::date AS period_start
        FROM partnership_member m JOIN kpi_definition d ON d.partnership_id = m.partnership_id AND NOT d.retired,
          generate_series(d.first_period, date_trunc('month', $2::date) - interval '1 month', interval '1 month') g(p)
        WHERE m.authority_id = $1 AND NOT EXISTS (
          SELECT 1 FROM kpi_return r WHERE r.authority_id = $1 AND r.partnership_id = d.partnership_id AND r.kpi_code = d.code AND r.period_start = g.p::date)`,
      values: [c.authorityId, c.today],
    }),
  },
  {
    path: 'provider.list',
    input: () => ({ limit: 100, offset: 0 }),
    raw: () => ({
      text: `SELECT p.*, (SELECT count(*) FROM provider_location l WHERE l.provider_id = p.id) AS locations, count(*) OVER () AS total
        FROM provider p ORDER BY p.legal_name LIMIT 100`,
      values: [],
    }),
  },
  {
    path: 'placement.list',
    input: () => ({}),
    raw: (c) => ({
      text: `SELECT p.*, count(*) OVER () AS total FROM placement p WHERE p.authority_id = $1 ORDER BY p.start_date DESC LIMIT 100`,
      values: [c.authorityId],
    }),
  },
  {
    path: 'contract.list',
    input: () => ({}),
    raw: (c) => ({ text: `SELECT c.* FROM contract c WHERE c.authority_id = $1 ORDER BY c.end_date`, values: [c.authorityId] }),
  },
  {
    path: 'kpi.list',
    input: () => ({}),
    raw: (c) => ({
      text: `SELECT DISTINCT ON (d.partnership_id, d.code) d.* FROM kpi_definition d JOIN partnership_member m ON m.partnership_id = d.partnership_id
        WHERE m.authority_id = $1 ORDER BY d.partnership_id, d.code, d.version DESC`,
      values: [c.authorityId],
    }),
  },
  {
    path: 'market.overview',
    input: () => ({}),
    raw: (c) => ({
      text: `SELECT service_type, provider_id, contract_id IS NOT NULL AS contracted, in_area, funding_route, count(*) AS placements, sum(weekly_cost_pence) AS weekly
        FROM placement WHERE authority_id = $1 AND start_date <= $2 AND (end_date IS NULL OR end_date >= $2)
        GROUP BY 1, 2, 3, 4, 5`,
      values: [c.authorityId, c.today],
    }),
  },
];

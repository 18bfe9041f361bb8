/**
 * The shape of the national-scale benchmark data (issue 14, item 7): how many of each thing at scale N
 * (N = 1 is England: 153 councils, ~12k providers, ~22k contracts, ~1M placements, ~20M benchmark figures
 * and as many KPI returns), and the names the generator and the measurements agree on.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '@concord/db';

export const BENCH_DATABASE = 'concord_bench';

/** The nine English regions, each a regional network; their sizes add up to 153 councils with adult social care. */
export const REGIONS = [
  { name: 'North East', size: 12 },
  { name: 'North West', size: 23 },
  { name: 'Yorkshire and The Humber', size: 15 },
  { name: 'East Midlands', size: 10 },
  { name: 'West Midlands', size: 14 },
  { name: 'East of England', size: 11 },
  { name: 'London', size: 33 },
  { name: 'South East', size: 19 },
  { name: 'South West', size: 16 },
] as const;
export const COUNCILS = REGIONS.reduce((n, r) => n + r.size, 0);
/** The 16-member network the measurements sign in to. */
export const BENCH_NETWORK_REGION = 'South West';
export const networkName = (region: string) => `Bench regional network: ${region}`;

/** Every generated partnership has this many monthly KPIs, with figures and returns for every month from 2016 to 2025. */
export const KPIS_PER_PARTNERSHIP = 60;
export const FIRST_PERIOD = '2016-01-01';
export const LAST_PERIOD = '2025-12-01';
export const PERIODS = 120;
export const CONSORTIUM_SIZE = 8;
export const BENCH_KPI_CODE = 'BK-01';

/** The measurements' sign-in: a commissioner of a (non-lead) member of the 16-member network; the demo password. */
export const BENCH_USER_EMAIL = 'bench.commissioner@concord.example';

export interface BenchCounts {
  scale: number;
  providers: number;
  contractsPerCouncil: number;
  placementsPerCouncil: number;
  consortia: number;
}

/** National figures (issue 14's measurement) scaled by N. Figures: one per member × KPI × month. */
export function countsFor(scale: number): BenchCounts {
  const figuresPerMembership = KPIS_PER_PARTNERSHIP * PERIODS;
  const memberships = (20_000_000 * scale) / figuresPerMembership;
  return {
    scale,
    providers: Math.max(50, Math.round(12_120 * scale)),
    contractsPerCouncil: Math.max(2, Math.round((22_261 * scale) / COUNCILS)),
    placementsPerCouncil: Math.max(10, Math.round((1_002_299 * scale) / COUNCILS)),
    // The regional networks give one membership per council; consortia of 8 make up the rest.
    consortia: Math.max(0, Math.round((memberships - COUNCILS) / CONSORTIUM_SIZE)),
  };
}

export function parseScale(argv: string[]): number {
  const i = argv.indexOf('--scale');
  const raw = i >= 0 ? argv[i + 1] : process.env.BENCH_SCALE;
  const scale = raw === undefined ? 0.05 : Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 4) throw new Error(`--scale takes a number above 0 and at most 4 (1 = national), not ${raw}`);
  return scale;
}

export function benchUrl(): URL {
  const raw = process.env.BENCH_DATABASE_URL;
  if (!raw) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL superuser URL (e.g. from scripts/pg-throwaway.sh)');
  return new URL(raw);
}

export function databaseUrl(server: URL, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The row counts of the generated database, as recorded by the generator. */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = ['authority', 'partnership', 'partnership_member', 'provider', 'provider_location', 'contract', 'placement', 'kpi_definition', 'benchmark_figure', 'kpi_return'];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    // Exact for the small tables, the planner's estimate (after ANALYZE) for the large ones.
    const est = await sql<{ n: number }>`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = ${t}`.execute(db);
    const estimate = Number(est.rows[0]?.n ?? 0);
    counts[t] = estimate > 1_000_000 ? estimate : Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db)).rows[0]!.n);
  }
  return counts;
}

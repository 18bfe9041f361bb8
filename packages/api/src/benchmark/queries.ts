import { anonymiseResult, anonymisedRateStep, badRequest, countsBeforeLeaving, DEFAULT_CONSENT, notFound } from '@concord/domain';
import type { BenchmarkConsentMode, Tx } from '@concord/db';
import { sql } from 'kysely';
import { periodContaining, periodStarting, type Period } from '../kpi/periods.ts';
import { toKpi, type Kpi, type KpiRow } from '../kpi/queries.ts';
import { computeBenchmark, type BenchmarkResult, type MemberInput } from './compute.ts';

export interface BenchmarkQuery {
  partnershipId: string;
  kpiCode: string;
  /** The period to compare (its first day); by default the latest with any published figure. */
  period?: string | undefined;
  /** How many periods of trend, ending at `period` (default 8). */
  periodCount?: number | undefined;
}

/** One member as the benchmark reads it: its population for the KPI's age band, its consent choice, when it left. */
interface MemberRow {
  id: string;
  name: string;
  left_on: string | null;
  mode: BenchmarkConsentMode | null;
  population_year: number | null;
  population: number | null;
  /** One published figure of the member (null: none in the periods asked for). */
  period_start: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  version: number | null;
}

export interface PartnershipFigures {
  members: MemberInput[];
  consent: Map<string, BenchmarkConsentMode>;
  leftOn: Map<string, string | null>;
  figures: { authority_id: string; period_start: string; value: number; numerator: number | null; denominator: number | null; version: number }[];
}

/**
 * Everything a benchmark reads besides the KPI, in one statement (issue 14, item 2): every member of the partnership
 * (row-level security: members only) with its population for the age band (the latest year held at or before
 * `year`, else the earliest held), its consent choice (the default where none is recorded), the day it left, and
 * its published figures for the KPI in the periods asked for (none asked: members only). Members by name.
 */
export async function partnershipFigures(tx: Tx, partnershipId: string, ageBand: string | null, year: number, kpiCode: string | null, periodStarts: string[]): Promise<PartnershipFigures> {
  const sorted = [...periodStarts].sort();
  const [first = null, last = null] = [sorted[0], sorted.at(-1)];
  // The partnership's published figures and consent choices are read on their own, as materialized CTEs (on Citus
  // each a multi-shard read; a coordinator table joined directly with a distributed one under row-level security
  // crashed Citus 13.2.2, migration 0056), then joined with the members. The trend's periods run one after another:
  // said as a range too, so the read is a range of the (partnership, KPI, period) index.
  const { rows } = await sql<MemberRow>`
    WITH f AS MATERIALIZED (
      SELECT f.authority_id, f.period_start, f.value, f.numerator, f.denominator, k.version
      FROM benchmark_figure f JOIN kpi_definition k ON k.id = f.kpi_id
      WHERE f.partnership_id = ${partnershipId}::uuid AND f.kpi_code = ${kpiCode}::text
        AND f.period_start BETWEEN ${first}::date AND ${last}::date AND f.period_start = ANY(${periodStarts}::date[])
    ), c AS MATERIALIZED (
      SELECT authority_id, mode FROM benchmark_consent WHERE partnership_id = ${partnershipId}::uuid
    )
    SELECT a.id, a.name, m.left_on, c.mode, pop.year AS population_year, pop.population,
           f.period_start, f.value, f.numerator, f.denominator, f.version
    FROM partnership_member m
    JOIN authority a ON a.id = m.authority_id
    LEFT JOIN c ON c.authority_id = m.authority_id
    LEFT JOIN LATERAL (
      SELECT year, population FROM authority_population
      WHERE authority_id = m.authority_id AND age_band = ${ageBand}::text
      ORDER BY abs(year - ${year}::int) + (CASE WHEN year > ${year}::int THEN 0.5 ELSE 0 END)
      LIMIT 1
    ) pop ON true
    LEFT JOIN f ON f.authority_id = m.authority_id
    WHERE m.partnership_id = ${partnershipId}::uuid
    ORDER BY a.name, a.id, f.period_start`.execute(tx);
  if (rows.length === 0) throw notFound('Partnership');
  const out: PartnershipFigures = { members: [], consent: new Map(), leftOn: new Map(), figures: [] };
  for (const r of rows) {
    if (!out.consent.has(r.id)) {
      out.members.push({ id: r.id, name: r.name, population: r.population !== null && ageBand ? { value: Number(r.population), year: r.population_year!, ageBand } : null });
      out.consent.set(r.id, r.mode ?? DEFAULT_CONSENT);
      out.leftOn.set(r.id, r.left_on);
    }
    if (r.period_start !== null) {
      out.figures.push({ authority_id: r.id, period_start: r.period_start, value: Number(r.value), numerator: r.numerator === null ? null : Number(r.numerator), denominator: r.denominator === null ? null : Number(r.denominator), version: r.version! });
    }
  }
  return out;
}

/** The population of each member for an age band: the latest year held at or before `year`, else the earliest held. */
export async function membersWithPopulation(tx: Tx, partnershipId: string, ageBand: string | null, year: number): Promise<MemberInput[]> {
  return (await partnershipFigures(tx, partnershipId, ageBand, year, null, [])).members;
}

/** The current version of a KPI of the partnership and, when asked, the first day of its latest published period: one statement. */
async function kpiWithLatest(tx: Tx, partnershipId: string, kpiCode: string, withLatest: boolean) {
  const row = await tx
    .selectFrom('kpi_definition as k')
    .selectAll('k')
    .$if(withLatest, (q) =>
      q.select((eb) =>
        eb
          .selectFrom('benchmark_figure as f')
          .select(sql<string>`max(f.period_start)`.as('p'))
          .where('f.partnership_id', '=', partnershipId)
          .where('f.kpi_code', '=', kpiCode)
          .as('latest_period'),
      ),
    )
    .where('k.partnership_id', '=', partnershipId)
    .where('k.code', '=', kpiCode)
    .orderBy('k.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw notFound('KPI');
  const { latest_period: latest = null, ...kpi } = row as typeof row & { latest_period?: string | null };
  return { kpi: toKpi(kpi as KpiRow), latest };
}

/** The trend's periods: `count` periods ending with `end`, none before the KPI's first period. */
function trendPeriods(kpi: Kpi, end: Period, count: number): Period[] {
  const periods: Period[] = [end];
  while (periods.length < count) {
    const before = new Date(`${periods[0]!.start}T00:00:00Z`);
    before.setUTCDate(0);
    const p = periodContaining(kpi.frequency, before.toISOString().slice(0, 10));
    if (p.start < kpi.firstPeriod) break;
    periods.unshift(p);
  }
  return periods;
}

/**
 * A partnership × KPI × periods benchmark as the transaction's authority may see it, in two statements: the KPI
 * (with its latest published period when none is asked for), then the members, their consent, populations and
 * figures (partnershipFigures).
 */
export async function benchmark(tx: Tx, viewerAuthorityId: string, q: BenchmarkQuery): Promise<BenchmarkResult> {
  const { kpi, latest } = await kpiWithLatest(tx, q.partnershipId, q.kpiCode, !q.period);
  let end: Period;
  if (q.period) {
    end = periodContaining(kpi.frequency, q.period);
    if (end.start !== q.period) throw badRequest(`${q.period} is not the first day of a ${kpi.frequency} period`, 'period');
  } else {
    if (!latest) throw notFound(`Any published figure for ${kpi.code}`);
    end = periodStarting(kpi.frequency, latest);
  }
  const periods = trendPeriods(kpi, end, q.periodCount ?? 8);
  const read = await partnershipFigures(tx, q.partnershipId, kpi.populationAgeBand, Number(end.start.slice(0, 4)), q.kpiCode, periods.map((p) => p.start));
  // A member that left keeps its figures for the periods before it left (under its consent choice), none after.
  const counted = read.figures.filter((f) => countsBeforeLeaving(f.period_start, read.leftOn.get(f.authority_id) ?? null));
  return computeBenchmark({
    partnershipId: q.partnershipId,
    kpi,
    members: read.members,
    periods: periods.map((p) => ({ start: p.start, label: p.label })),
    figures: counted.map((f) => ({
      authorityId: f.authority_id,
      periodStart: f.period_start,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      kpiVersion: f.version,
    })),
    consent: read.consent,
    viewerAuthorityId,
  });
}

/**
 * A result frozen earlier (a meeting pack's view) as it may be shown now: anonymised members made
 * unidentifying by today's rule (domain anonymiseResult), with the rounding step from the members'
 * populations of the KPI's age band. A result issued under the rule comes back unchanged.
 */
export async function asShownNow(tx: Tx, result: BenchmarkResult): Promise<BenchmarkResult> {
  if (result.rows.every((r) => r.named || r.isMe)) return result;
  const members = await membersWithPopulation(tx, result.partnershipId, result.kpi.populationAgeBand, Number(result.period.start.slice(0, 4)));
  const populations = members.map((m) => m.population?.value).filter((p): p is number => typeof p === 'number' && p > 0);
  return anonymiseResult(result, anonymisedRateStep(populations.length ? Math.min(...populations) : null));
}

import { anonymiseResult, anonymisedRateStep, badRequest, countsBeforeLeaving, notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';
import { periodContaining, periodStarting, type Period } from '../kpi/periods.ts';
import { currentKpi, toKpi } from '../kpi/queries.ts';
import { computeBenchmark, type BenchmarkResult, type MemberInput } from './compute.ts';
import { consentByAuthority } from './consent.ts';

export interface BenchmarkQuery {
  partnershipId: string;
  kpiCode: string;
  /** The period to compare (its first day); by default the latest with any published figure. */
  period?: string | undefined;
  /** How many periods of trend, ending at `period` (default 8). */
  periodCount?: number | undefined;
}

/** The population of each member for an age band: the latest year held at or before `year`, else the earliest held. */
export async function membersWithPopulation(tx: Tx, partnershipId: string, ageBand: string | null, year: number): Promise<MemberInput[]> {
  const members = await tx
    .selectFrom('partnership_member as m')
    .innerJoin('authority as a', 'a.id', 'm.authority_id')
    .select(['a.id', 'a.name'])
    .where('m.partnership_id', '=', partnershipId)
    .orderBy('a.name')
    .execute();
  if (members.length === 0) throw notFound('Partnership');
  const populations = ageBand
    ? await tx
        .selectFrom('authority_population')
        .select(['authority_id', 'year', 'population'])
        .where('age_band', '=', ageBand)
        .where(
          'authority_id',
          'in',
          members.map((m) => m.id),
        )
        .orderBy(sql`abs(year - ${year}) + (CASE WHEN year > ${year} THEN 0.5 ELSE 0 END)`)
        .execute()
    : [];
  return members.map((m) => {
    const p = populations.find((x) => x.authority_id === m.id);
    return { id: m.id, name: m.name, population: p && ageBand ? { value: p.population, year: p.year, ageBand } : null };
  });
}

/** A partnership × KPI × periods benchmark as the transaction's authority may see it. */
export async function benchmark(tx: Tx, viewerAuthorityId: string, q: BenchmarkQuery): Promise<BenchmarkResult> {
  const row = await currentKpi(tx, q.partnershipId, q.kpiCode);
  const kpi = toKpi(row);
  let end: Period;
  if (q.period) {
    end = periodContaining(kpi.frequency, q.period);
    if (end.start !== q.period) throw badRequest(`${q.period} is not the first day of a ${kpi.frequency} period`, 'period');
  } else {
    const latest = await tx
      .selectFrom('benchmark_figure')
      .select(sql<string>`max(period_start)`.as('p'))
      .where('partnership_id', '=', q.partnershipId)
      .where('kpi_code', '=', q.kpiCode)
      .executeTakeFirst();
    if (!latest?.p) throw notFound(`Any published figure for ${kpi.code}`);
    end = periodStarting(kpi.frequency, latest.p);
  }
  const count = q.periodCount ?? 8;
  const periods: Period[] = [end];
  while (periods.length < count) {
    const first = periods[0]!;
    const before = new Date(`${first.start}T00:00:00Z`);
    before.setUTCDate(0);
    const p = periodContaining(kpi.frequency, before.toISOString().slice(0, 10));
    if (p.start < kpi.firstPeriod) break;
    periods.unshift(p);
  }
  const figures = await tx
    .selectFrom('benchmark_figure as f')
    .innerJoin('kpi_definition as k', 'k.id', 'f.kpi_id')
    .select(['f.authority_id', 'f.period_start', 'f.value', 'f.numerator', 'f.denominator', 'k.version'])
    .where('f.partnership_id', '=', q.partnershipId)
    .where('f.kpi_code', '=', q.kpiCode)
    .where(
      'f.period_start',
      'in',
      periods.map((p) => p.start),
    )
    .execute();
  const members = await membersWithPopulation(tx, q.partnershipId, kpi.populationAgeBand, Number(end.start.slice(0, 4)));
  const consent = await consentByAuthority(tx, q.partnershipId);
  // A member that left keeps its figures for the periods before it left (under its consent choice), none after.
  const leftOn = new Map((await tx.selectFrom('partnership_member').select(['authority_id', 'left_on']).where('partnership_id', '=', q.partnershipId).execute()).map((m) => [m.authority_id, m.left_on]));
  const counted = figures.filter((f) => countsBeforeLeaving(f.period_start, leftOn.get(f.authority_id) ?? null));
  return computeBenchmark({
    partnershipId: q.partnershipId,
    kpi,
    members,
    periods: periods.map((p) => ({ start: p.start, label: p.label })),
    figures: counted.map((f) => ({
      authorityId: f.authority_id,
      periodStart: f.period_start,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      kpiVersion: f.version,
    })),
    consent,
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

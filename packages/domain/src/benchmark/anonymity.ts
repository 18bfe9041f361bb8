import { quartiles, rank } from './quartiles.ts';
import { PER_HUNDRED_THOUSAND } from './rates.ts';
import type { BenchmarkKpi, BenchmarkResult, BenchmarkRow, Cell, Rag } from './report.ts';
import { xmrSeries } from './spc.ts';
import { SUPPRESSED } from './suppression.ts';

/**
 * Anonymised means not identifiable (issue 12). A member that chose to be anonymised is shown to the
 * others as "Authority A"… — but a figure can name it as surely as a label: a funnel point at 140,000 can
 * only be the member of 139,300 people, and a rate at full precision times each member's (published)
 * population gives a whole count for one member only. So to everyone but itself an anonymised member has:
 *   - no numerator, denominator or population, and no count beside a per-head rate;
 *   - every figure rounded to the KPI's display precision (KPI_DISPLAY_DECIMALS), and a rate per 100,000
 *     to a step at which one person more or less in the SMALLEST member population moves the rate by less
 *     than a step (anonymisedRateStep): then every member's population fits the rounded rate with some
 *     whole count, and the rate points at no one;
 *   - no point on the funnel plot (its x position is its size), and no part in the funnel's pooled figure
 *     or limits (the pooled rate, with the named members' counts and populations, would solve for it);
 *   - its SPC chart, ranks, RAG and the partnership quartiles worked out from the rounded figures, so none
 *     of them carries more precision than the figure shown;
 *   - no partnership total where the total minus the named counts would be its hidden count.
 */

/** Decimal places each unit of KPI is shown to (a per-head KPI's headline is a rate per 100,000). */
export const KPI_DISPLAY_DECIMALS: Readonly<Record<BenchmarkKpi['unit'], number>> = {
  count: 0,
  percent: 1,
  pence: 0,
  hours: 1,
  rate_per_100k: 0,
};

/** The smallest difference a figure of this unit is shown with: 1, 0.1… */
export const displayStep = (unit: BenchmarkKpi['unit']): number => 10 ** -KPI_DISPLAY_DECIMALS[unit];

/**
 * The step an anonymised member's rate per 100,000 is rounded to: the display step, coarsened through
 * 1, 2, 5, 10, 20, 50… until step × (smallest member population) / 100,000 ≥ 1 — one person in the
 * smallest population moves the rate by no more than a step. A rounded rate r then stands for the counts
 * in [(r − step/2) × P / 100,000, (r + step/2) × P / 100,000), an interval at least one person wide for
 * every member's population P, so it holds a whole count for every member alike.
 */
export function anonymisedRateStep(minPopulation: number | null): number {
  let step = displayStep('rate_per_100k');
  if (minPopulation === null || !(minPopulation > 0)) return step;
  const ladder = [1, 2, 5];
  for (let i = 0; (step * minPopulation) / PER_HUNDRED_THOUSAND < 1; i++) {
    step = ladder[(i + 1) % 3]! * 10 ** (Math.floor((i + 1) / 3) - KPI_DISPLAY_DECIMALS.rate_per_100k);
  }
  return step;
}

/** x rounded half away from zero to a multiple of `step`, without binary fractions (0.1 + 0.2 stays 0.3). */
export function roundToStep(x: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const n = Math.sign(x) * Math.round(Math.abs(x) / step);
  return Number((n * step).toFixed(decimals)) + 0;
}

const roundCell = (c: Cell, step: number): Cell => (typeof c === 'number' ? roundToStep(c, step) : c);

export function ragFor(kpi: Pick<BenchmarkKpi, 'target' | 'redThreshold' | 'direction'>, value: number): Rag | null {
  if (kpi.target === null || kpi.direction === 'neither') return null;
  const better = kpi.direction === 'higher_better' ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  if (better(value, kpi.target)) return 'green';
  if (kpi.redThreshold === null) return 'red';
  return better(value, kpi.redThreshold) ? 'amber' : 'red';
}

/** Best first where there is a direction; otherwise largest first. Never alphabetical (no league-table names). */
export function compareRows(direction: BenchmarkKpi['direction']) {
  return (a: Pick<BenchmarkRow, 'headline' | 'label'>, b: Pick<BenchmarkRow, 'headline' | 'label'>): number => {
    const av = typeof a.headline === 'number' ? a.headline : null;
    const bv = typeof b.headline === 'number' ? b.headline : null;
    if (av === null || bv === null) return av === null && bv === null ? (a.label < b.label ? -1 : 1) : av === null ? 1 : -1;
    return direction === 'lower_better' ? av - bv : bv - av;
  };
}

export const ANONYMISED_NOTE =
  'Anonymised members are shown without their numerator, denominator, population or count, with their figures rounded to the KPI’s display precision (rates per 100,000 to a step of one person in the smallest member), and are left out of the funnel plot and its pooled figure: a position on it would give their size.';
export const FUNNEL_WITHDRAWN_NOTE = 'The funnel plot is left out: it was drawn with an anonymised member’s exact size, which would identify it.';

/**
 * A benchmark result as a viewer may see it, with every anonymised member's figures made unidentifying
 * (see above). Idempotent: a result it has already been through comes back the same, so it is safe on
 * results frozen in meeting packs before this rule, as well as on every new one. `rateStep` is
 * anonymisedRateStep of the smallest member population of the KPI's age band.
 */
export function anonymiseResult<K extends BenchmarkKpi>(result: BenchmarkResult<K>, rateStep: number): BenchmarkResult<K> {
  const hidden = new Set(result.rows.filter((r) => !r.named && !r.isMe).map((r) => r.label));
  if (hidden.size === 0) return result;
  const { kpi } = result;
  const perHead = !!kpi.populationAgeBand;
  const headlineStep = perHead ? rateStep : displayStep(kpi.unit);
  const valueStep = displayStep(kpi.unit);

  const shown = result.rows.map((r): BenchmarkRow => {
    if (!hidden.has(r.label)) return r;
    return {
      ...r,
      authorityId: null,
      value: perHead ? (r.value === SUPPRESSED ? SUPPRESSED : null) : roundCell(r.value, valueStep),
      numerator: null,
      denominator: null,
      population: null,
      perHundredThousand: roundCell(r.perHundredThousand, rateStep),
      headline: roundCell(r.headline, headlineStep),
      trend: r.trend.map((t) => ({ ...t, headline: roundCell(t.headline, headlineStep) })),
    };
  });

  // Ranks, RAG and quartiles from the figures as shown, so none is more precise than the rounded figure.
  const published = shown.map((r, i) => ({ key: String(i), value: r.headline })).filter((x): x is { key: string; value: number } => typeof x.value === 'number');
  const ranks = new Map(rank(published, kpi.direction).map((r) => [Number(r.key), r.rank]));
  const rows = shown
    .map((r, i) => ({ ...r, rank: ranks.get(i) ?? null, rag: typeof r.headline === 'number' ? ragFor(kpi, r.headline) : null }))
    .sort(compareRows(kpi.direction));
  const stats = published.length > 0 ? quartiles(published.map((p) => p.value)) : null;

  const spc = result.spc.map((s) => {
    if (!hidden.has(s.label)) return s;
    const points = s.points.map((p) => ({ ...p, value: roundToStep(p.value, headlineStep) }));
    return { ...s, authorityId: null, ...xmrSeries(points, kpi.direction) };
  });

  // A funnel drawn with an anonymised member (frozen before this rule) cannot be mended without its size.
  const funnelHasHidden = result.funnel?.points.some((p) => hidden.has(p.label)) ?? false;
  const withdrawn = funnelHasHidden || result.notes.includes(FUNNEL_WITHDRAWN_NOTE);
  const notes = result.notes.filter((n) => !n.startsWith('Anonymised members are shown without') && n !== FUNNEL_WITHDRAWN_NOTE);
  notes.push(ANONYMISED_NOTE);
  if (withdrawn) notes.push(FUNNEL_WITHDRAWN_NOTE);

  return {
    ...result,
    rows,
    stats,
    // The total minus the named counts would be the anonymised count, where that count is not shown.
    total: perHead || kpi.unit !== 'count' ? null : result.total,
    funnel: funnelHasHidden ? null : result.funnel,
    spc,
    notes,
  };
}

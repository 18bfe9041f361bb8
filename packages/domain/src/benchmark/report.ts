import { ANONYMISED_NOTE, anonymiseResult, anonymisedRateStep, compareRows, ragFor } from './anonymity.ts';
import { funnelCurve, funnelPlot, type FunnelMeasure } from './funnel.ts';
import type { KpiDirection } from './kpi-direction.ts';
import { quartiles, rank, type Quartiles } from './quartiles.ts';
import { perHundredThousand } from './rates.ts';
import { xmrSeries, type SpcVariation, type SpecialCauseFlag } from './spc.ts';
import { proportionDisclosesSmallNumber, SUPPRESSED, suppress } from './suppression.ts';

export type ConsentMode = 'named' | 'anonymised';
/** With no choice recorded a member is named (members of a network share figures by default). */
export const DEFAULT_CONSENT: ConsentMode = 'named';

/** Whether `viewer` may see `authorityId`'s figures under its name: always its own; others as they chose. */
export function isNamedTo(consent: ReadonlyMap<string, ConsentMode>, authorityId: string, viewer: string | null): boolean {
  return authorityId === viewer || (consent.get(authorityId) ?? DEFAULT_CONSENT) === 'named';
}

/**
 * Stable labels for anonymised members: "Authority A", "Authority B"… in an order that follows neither
 * names nor GSS codes (a hash of partnership and authority), so the letter gives nothing away.
 */
export function anonymousLabels(partnershipId: string, anonymisedAuthorityIds: readonly string[]): Map<string, string> {
  const hash = (s: string) => {
    let h = 2166136261;
    for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    return h;
  };
  const ordered = [...anonymisedAuthorityIds].sort((a, b) => hash(`${partnershipId}:${a}`) - hash(`${partnershipId}:${b}`) || (a < b ? -1 : 1));
  return new Map(ordered.map((id, i) => [id, `Authority ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`]));
}

/** What the benchmark needs to know of a KPI (the caller's full KPI record is carried through). */
export interface BenchmarkKpi {
  code: string;
  version: number;
  unit: 'count' | 'percent' | 'pence' | 'hours' | 'rate_per_100k';
  direction: KpiDirection;
  populationAgeBand: string | null;
  countsPeople: boolean;
  target: number | null;
  redThreshold: number | null;
}
type Kpi = BenchmarkKpi;

/**
 * A benchmark report of one KPI across a partnership's members, as ONE viewer may see it. Pure: the caller
 * loads the published figures, populations and consent; this applies the rules.
 *
 *  - Headline: the per-100,000 rate where the KPI names a population age band, else the value.
 *  - Consent: members that chose 'anonymised' appear to the others as "Authority A"… with no GSS code and
 *    nothing that identifies them by size (anonymity.ts): no numerator, denominator, population or count,
 *    figures rounded to the KPI's display precision, no funnel point. A viewer's own figures are always
 *    named to it, in full. With only one anonymised member the others can still guess by elimination:
 *    the page says so.
 *  - Small numbers: where the KPI counts people, every count of 1–4 and every figure derived from one
 *    (rate, %) is 'suppressed', and so is a proportion whose denominator, or whose rest (denominator −
 *    numerator), is 1–4; with the partnership total published, secondary suppression hides more
 *    until no hidden count can be recovered by subtraction (domain `suppress`). A suppressed figure is
 *    never used for a rank, quartile, funnel point or SPC point, so none of them gives it away.
 *  - Quartiles (Excel QUARTILE.INC), ranks (1 = best, by the KPI's direction), RAG against the target.
 *  - Funnel plot (proportions and per-head rates) for the latest period; XmR chart per member over the
 *    periods.
 */
export type Cell = number | typeof SUPPRESSED | null;

export interface FigureInput {
  authorityId: string;
  periodStart: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  kpiVersion: number;
}

export interface MemberInput {
  id: string;
  name: string;
  /** Population for the KPI's age band, or null when none is held. */
  population: { value: number; year: number; ageBand: string } | null;
}

export interface BenchmarkInput<K extends BenchmarkKpi = BenchmarkKpi> {
  partnershipId: string;
  kpi: K;
  members: MemberInput[];
  periods: { start: string; label: string }[];
  figures: FigureInput[];
  consent: ReadonlyMap<string, ConsentMode>;
  viewerAuthorityId: string | null;
}

export type Rag = 'green' | 'amber' | 'red';

export interface BenchmarkRow {
  label: string;
  /** GSS code when the viewer may see who this is; null for an anonymised member. */
  authorityId: string | null;
  isMe: boolean;
  named: boolean;
  /** The figure as returned (count, %, pence, hours). */
  value: Cell;
  numerator: Cell;
  denominator: Cell;
  population: number | null;
  perHundredThousand: Cell;
  /** What is compared: the rate when per head, else the value. */
  headline: Cell;
  rank: number | null;
  rag: Rag | null;
  trend: { periodStart: string; label: string; headline: Cell }[];
}

export interface SpcSeries {
  label: string;
  authorityId: string | null;
  isMe: boolean;
  points: { periodStart: string; label: string; value: number; flags: SpecialCauseFlag[] }[];
  mean: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  fewPoints: boolean;
  latest: SpcVariation;
}

export interface BenchmarkResult<K extends BenchmarkKpi = BenchmarkKpi> {
  partnershipId: string;
  kpi: K;
  period: { start: string; label: string };
  periods: { start: string; label: string }[];
  headlineUnit: BenchmarkKpi['unit'];
  headlineLabel: string;
  rows: BenchmarkRow[];
  stats: Quartiles | null;
  total: Cell;
  funnel: {
    measure: FunnelMeasure;
    target: number;
    points: { label: string; isMe: boolean; denominator: number; value: number; position: 'above' | 'below' | 'within'; outside998: boolean }[];
    curve: { denominator: number; lower95: number; upper95: number; lower998: number; upper998: number }[];
  } | null;
  spc: SpcSeries[];
  notes: string[];
}

export function headlineLabel(kpi: Kpi): string {
  if (kpi.populationAgeBand) return `per 100,000 ${kpi.populationAgeBand === 'all' ? 'residents' : `people aged ${kpi.populationAgeBand}`}`;
  return { count: 'count', percent: '%', pence: '£ (pounds)', hours: 'hours', rate_per_100k: 'per 100,000' }[kpi.unit];
}

export { ragFor };

interface PeriodCells {
  byAuthority: Map<string, { value: Cell; numerator: Cell; denominator: Cell; per100k: Cell; headline: Cell; population: number | null }>;
  total: Cell;
}

function cellsForPeriod(input: BenchmarkInput<BenchmarkKpi>, periodStart: string): PeriodCells {
  const { kpi } = input;
  const perHead = !!kpi.populationAgeBand;
  const figures = input.figures.filter((f) => f.periodStart === periodStart);
  const byAuthority: PeriodCells['byAuthority'] = new Map();
  const pop = (id: string) => input.members.find((m) => m.id === id)?.population?.value ?? null;

  // Small-number suppression applies to counts of people: the numerator where there is one, else the value.
  const counted = figures.map((f) => ({ key: f.authorityId, count: Math.round(f.numerator ?? f.value) }));
  let hidden = new Set<string>();
  let total: Cell = null;
  if (kpi.countsPeople && counted.length > 0) {
    const sum = counted.reduce((s, c) => s + c.count, 0);
    const result = suppress(counted, { total: sum });
    hidden = new Set(result.cells.filter((c) => c.count === SUPPRESSED).map((c) => c.key));
    // A proportion also shows its denominator and the rest (denominator − numerator): either may be small.
    for (const f of figures) if (f.numerator !== null && f.denominator !== null && proportionDisclosesSmallNumber(f.numerator, f.denominator)) hidden.add(f.authorityId);
    total = result.total;
  } else if (kpi.unit === 'count' && counted.length > 0) {
    total = counted.reduce((s, c) => s + c.count, 0);
  }

  for (const f of figures) {
    const population = pop(f.authorityId);
    const per100k = perHead && population ? perHundredThousand(f.numerator ?? f.value, population) : null;
    if (hidden.has(f.authorityId)) {
      byAuthority.set(f.authorityId, { value: SUPPRESSED, numerator: SUPPRESSED, denominator: f.denominator === null ? null : SUPPRESSED, per100k: perHead ? SUPPRESSED : null, headline: SUPPRESSED, population });
      continue;
    }
    byAuthority.set(f.authorityId, {
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      per100k,
      headline: perHead ? per100k : f.value,
      population,
    });
  }
  return { byAuthority, total };
}

export function computeBenchmark<K extends BenchmarkKpi>(input: BenchmarkInput<K>): BenchmarkResult<K> {
  const { kpi, viewerAuthorityId } = input;
  const notes: string[] = [];
  const periods = [...input.periods].sort((a, b) => (a.start < b.start ? -1 : 1));
  const period = periods[periods.length - 1]!;
  const perHead = !!kpi.populationAgeBand;

  const named = (id: string) => isNamedTo(input.consent, id, viewerAuthorityId);
  const anonymised = input.members.filter((m) => !named(m.id)).map((m) => m.id);
  const labels = anonymousLabels(input.partnershipId, anonymised);
  const labelOf = (m: MemberInput) => (named(m.id) ? m.name : labels.get(m.id)!);
  if (anonymised.length === 1) notes.push('One member has chosen to be anonymised: with a single anonymised member, others may guess who it is by elimination.');
  if (anonymised.length > 0) notes.push(ANONYMISED_NOTE);

  const byPeriod = new Map(periods.map((p) => [p.start, cellsForPeriod(input, p.start)]));
  const latest = byPeriod.get(period.start)!;
  if (perHead) {
    // Listed by label, so an anonymised member's place among the names does not give its name away.
    const missing = input.members.filter((m) => !m.population);
    if (missing.length) notes.push(`No ${kpi.populationAgeBand} population is held for ${missing.map(labelOf).sort((a, b) => a.localeCompare(b)).join(', ')}: import the ONS mid-year estimates to compare per head.`);
  }
  if (kpi.countsPeople) notes.push('Counts of 1 to 4 people, and any figure from which one could be worked out, are shown as "suppressed".');

  // Ranks and quartiles over the published headline figures only.
  const published = input.members
    .map((m) => ({ key: m.id, value: latest.byAuthority.get(m.id)?.headline ?? null }))
    .filter((x): x is { key: string; value: number } => typeof x.value === 'number');
  const ranks = new Map(rank(published, kpi.direction).map((r) => [r.key, r.rank]));
  const stats = published.length > 0 ? quartiles(published.map((p) => p.value)) : null;

  const rows: BenchmarkRow[] = input.members.map((m) => {
    const c = latest.byAuthority.get(m.id);
    const isNamed = named(m.id);
    const headline = c?.headline ?? null;
    return {
      label: labelOf(m),
      authorityId: isNamed ? m.id : null,
      isMe: m.id === viewerAuthorityId,
      named: isNamed,
      // A named member's count with its rate gives its population; an anonymised one shows only the rate.
      value: isNamed || !perHead ? (c?.value ?? null) : c?.value === SUPPRESSED ? SUPPRESSED : null,
      numerator: isNamed ? (c?.numerator ?? null) : null,
      denominator: isNamed ? (c?.denominator ?? null) : null,
      population: isNamed ? m.population?.value ?? null : null,
      perHundredThousand: c?.per100k ?? null,
      headline,
      rank: ranks.get(m.id) ?? null,
      rag: typeof headline === 'number' ? ragFor(kpi, headline) : null,
      trend: periods.map((p) => ({ periodStart: p.start, label: p.label, headline: byPeriod.get(p.start)!.byAuthority.get(m.id)?.headline ?? null })),
    };
  });
  rows.sort(compareRows(kpi.direction));

  // Funnel: proportions (numerator / denominator) and per-head rates (count / population), of the members
  // the viewer may see named: an anonymised member's x position would be its size, and its part in the
  // pooled figure would let the named members' counts solve for it.
  let funnel: BenchmarkResult['funnel'] = null;
  const measure: FunnelMeasure | null = kpi.unit === 'percent' ? 'proportion' : perHead ? 'rate_per_100k' : null;
  if (measure) {
    const units = input.members.flatMap((m) => {
      if (!named(m.id)) return [];
      const c = latest.byAuthority.get(m.id);
      if (!c || c.value === SUPPRESSED || c.value === null) return [];
      const numerator = typeof c.numerator === 'number' ? c.numerator : null;
      const denominator = measure === 'proportion' ? (typeof c.denominator === 'number' ? c.denominator : null) : c.population;
      if (numerator === null || denominator === null || denominator <= 0) return [];
      return [{ key: m.id, numerator: Math.round(numerator), denominator }];
    });
    if (units.length >= 2) {
      const f = funnelPlot(measure, units);
      const scale = measure === 'proportion' ? 100 : 1;
      const member = (id: string) => input.members.find((m) => m.id === id)!;
      funnel = {
        measure,
        target: f.target * scale,
        points: f.points.map((p) => ({
          label: labelOf(member(p.key)),
          isMe: p.key === viewerAuthorityId,
          denominator: p.denominator,
          value: p.value * scale,
          position: p.position,
          outside998: p.outside998,
        })),
        curve: funnelCurve(f, { from: Math.max(1, f.minDenominator * 0.5), to: f.maxDenominator * 1.5, points: 40 }).map((c) => ({
          denominator: c.denominator,
          lower95: c.lower95 * scale,
          upper95: c.upper95 * scale,
          lower998: c.lower998 * scale,
          upper998: c.upper998 * scale,
        })),
      };
      notes.push('Funnel limits: 95% and 99.8% around the pooled partnership figure (normal approximation), over the figures that are not suppressed.');
    }
  }

  // SPC (XmR) per member over the periods, from its published headline figures.
  const spc: SpcSeries[] = [];
  for (const m of input.members) {
    const points = periods
      .map((p) => ({ periodStart: p.start, label: p.label, value: byPeriod.get(p.start)!.byAuthority.get(m.id)?.headline ?? null }))
      .filter((p): p is { periodStart: string; label: string; value: number } => typeof p.value === 'number');
    if (points.length < 2) continue;
    spc.push({
      label: labelOf(m),
      authorityId: named(m.id) ? m.id : null,
      isMe: m.id === viewerAuthorityId,
      ...xmrSeries(points, kpi.direction),
    });
  }
  spc.sort((a, b) => (a.isMe === b.isMe ? (a.label < b.label ? -1 : 1) : a.isMe ? -1 : 1));

  const versions = new Set(input.figures.map((f) => f.kpiVersion));
  if (versions.size > 1) notes.push(`These figures answered different versions of the KPI (${[...versions].sort().map((v) => `v${v}`).join(', ')}): see the KPI's history.`);

  const populations = input.members.map((m) => m.population?.value).filter((p): p is number => typeof p === 'number' && p > 0);
  const rateStep = anonymisedRateStep(populations.length ? Math.min(...populations) : null);
  return anonymiseResult({
    partnershipId: input.partnershipId,
    kpi,
    period,
    periods,
    headlineUnit: perHead ? 'rate_per_100k' : kpi.unit,
    headlineLabel: headlineLabel(kpi),
    rows,
    stats,
    // With an anonymised member, a per-head total minus the named counts would give its count (and so,
    // with its rate, its population): the total is withheld.
    total: perHead && anonymised.length > 0 ? null : latest.total,
    funnel,
    spc,
    notes,
  }, rateStep);
}

import { RAG_LABELS, specialCauseLabel, spcAssuranceReading, spcVariationReading, type Rag, type SpcAssuranceReading, type SpcVariationReading } from '@concord/domain';
import type { BenchmarkResult } from './compute.ts';

/**
 * The words the benchmark exports print (issue 13): the same readings the benchmark page shows, from
 * packages/domain, so the XLSX, the CSV and the meeting pack PDF never print a code ("common_cause",
 * "outside_limits (high)", "green") or a reading of "special cause neither".
 */
type Spc = BenchmarkResult['spc'][number];
type FunnelPoint = NonNullable<BenchmarkResult['funnel']>['points'][number];

/**
 * An SPC series' readings in NHS "Making Data Count" words: the variation of its latest point and, with a
 * target and a better direction, the assurance of its limits. Worked out from the points, so a pack frozen
 * with an older `latest` code reads as the page does today.
 */
export function spcReadings(r: Pick<BenchmarkResult, 'kpi'>, s: Spc): { variation: SpcVariationReading; assurance: SpcAssuranceReading | null } {
  const last = s.points[s.points.length - 1]!;
  return { variation: spcVariationReading(last, s.mean, r.kpi.direction), assurance: spcAssuranceReading(s, r.kpi.target, r.kpi.direction) };
}

/** The special causes a point is flagged for, in words ("Above the upper process limit; …"), or "None". */
export function flagWords(p: Spc['points'][number]): string {
  return p.flags.map(specialCauseLabel).join('; ') || 'None';
}

/** A RAG rating in words ("Green"), or '' without one. */
export function ragWords(rag: Rag | null): string {
  return rag ? RAG_LABELS[rag] : '';
}

const POSITION: Record<FunnelPoint['position'], string> = { above: 'Above the 95% limits', below: 'Below the 95% limits', within: 'Within the 95% limits' };

/** Where a funnel point lies, in words, as the benchmark page's table says it. */
export function funnelPositionWords(p: Pick<FunnelPoint, 'position' | 'outside998'>): string {
  return `${POSITION[p.position]}${p.outside998 ? ' (beyond the 99.8% limits too)' : ''}`;
}

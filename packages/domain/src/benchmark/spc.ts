import { badRequest } from '../errors.ts';
import { requireFinite } from './guards.ts';
import type { KpiDirection } from './kpi-direction.ts';

/**
 * XmR (individuals and moving range) chart as in NHS England "Making Data Count":
 *   mean      = average of the points
 *   MR_i      = |x_i − x_{i−1}| for i ≥ 1 (the first point has none)
 *   MR-bar    = average of the n − 1 moving ranges (no screening of large ranges)
 *   limits    = mean ± 2.66 × MR-bar   (2.66 = 3 / d2, d2 = 1.128 for ranges of 2)
 *   sigma     = MR-bar / 1.128, so the limits are mean ± 3σ
 *
 * Special-cause rules, each flagged on the points it involves:
 *   (a) outside_limits: a point strictly above the upper or below the lower process limit.
 *   (b) shift: 6 or more consecutive points all strictly above, or all strictly below, the mean. A point
 *       exactly on the mean (within 1e-9 relative) belongs to neither side and breaks the run.
 *   (c) trend: 6 or more consecutive points each strictly higher (or each strictly lower) than the one
 *       before — 6 points, i.e. 5 rises. An equal consecutive value breaks the trend. An increasing trend
 *       is a 'high' signal, a decreasing one 'low', wherever it sits relative to the mean.
 *   (d) two_of_three: in some 3 consecutive points, 2 or 3 lie strictly beyond mean ± 2σ on the same side
 *       (the outer third between mean and limit; points beyond the limit count too). Only those near points
 *       are flagged, not the third one. (2σ = 1.773 × MR-bar, a hair under ⅔ × 2.66 = 1.7733.)
 * Limits drawn from fewer than 15 points are unreliable: we still compute them and set fewPoints.
 */
export const XMR_LIMIT_FACTOR = 2.66;
export const D2 = 1.128;
export const SPC_RUN_LENGTH = 6;
export const SPC_TREND_LENGTH = 6;
export const SPC_RECOMMENDED_POINTS = 15;

export type SpecialCauseRule = 'outside_limits' | 'shift' | 'trend' | 'two_of_three';
export type SpecialCauseSide = 'high' | 'low';

export interface SpecialCauseFlag {
  rule: SpecialCauseRule;
  side: SpecialCauseSide;
}

export interface SpcPoint {
  index: number;
  value: number;
  /** |x_i − x_{i−1}|; null for the first point. */
  movingRange: number | null;
  flags: SpecialCauseFlag[];
}

/** What the latest point says, for the KPI's direction (Making Data Count's variation icons). */
export type SpcVariation = 'improvement' | 'concern' | 'common_cause' | 'special_cause_neither';

export interface XmrChart {
  n: number;
  mean: number;
  movingRangeMean: number;
  sigma: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  /** mean ± 2σ: beyond these a point is "near" a limit for rule (d). */
  upperTwoSigma: number;
  lowerTwoSigma: number;
  /** Under 15 points: limits shown with a warning, not refused. */
  fewPoints: boolean;
  points: SpcPoint[];
  latest: SpcVariation;
}

const average = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function xmrChart(values: readonly number[], direction: KpiDirection): XmrChart {
  if (values.length < 2) throw badRequest('an XmR chart needs at least 2 points', 'values');
  values.forEach((v, i) => requireFinite(v, `values[${i}]`));
  const n = values.length;
  const mean = average(values);
  const movingRanges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  const movingRangeMean = average(movingRanges);
  const sigma = movingRangeMean / D2;
  const chart = {
    n,
    mean,
    movingRangeMean,
    sigma,
    upperProcessLimit: mean + XMR_LIMIT_FACTOR * movingRangeMean,
    lowerProcessLimit: mean - XMR_LIMIT_FACTOR * movingRangeMean,
    upperTwoSigma: mean + 2 * sigma,
    lowerTwoSigma: mean - 2 * sigma,
  };
  const flags: SpecialCauseFlag[][] = values.map(() => []);
  const flag = (i: number, rule: SpecialCauseRule, side: SpecialCauseSide) => {
    if (!flags[i]!.some((f) => f.rule === rule && f.side === side)) flags[i]!.push({ rule, side });
  };

  // (a) a single point outside the process limits.
  values.forEach((v, i) => {
    if (v > chart.upperProcessLimit) flag(i, 'outside_limits', 'high');
    if (v < chart.lowerProcessLimit) flag(i, 'outside_limits', 'low');
  });

  // (b) runs on one side of the mean; on-the-mean points (side 0) break them.
  const tolerance = 1e-9 * Math.max(1, Math.abs(mean));
  const sideOfMean = values.map((v) => (v - mean > tolerance ? 1 : mean - v > tolerance ? -1 : 0));
  flagRuns(sideOfMean, SPC_RUN_LENGTH, (i, s) => flag(i, 'shift', s > 0 ? 'high' : 'low'));

  // (c) trends: the step into point i is +1 (rise), −1 (fall) or 0 (equal, breaks it). A run of k equal
  // non-zero steps spans k + 1 points, so 6 points need 5 steps.
  const steps = values.slice(1).map((v, i) => Math.sign(v - values[i]!));
  flagRuns(steps, SPC_TREND_LENGTH - 1, (stepIndex, s) => {
    flag(stepIndex, 'trend', s > 0 ? 'high' : 'low');
    flag(stepIndex + 1, 'trend', s > 0 ? 'high' : 'low');
  });

  // (d) two out of three consecutive points beyond 2σ on the same side (a 2-point chart is one window of 2).
  const near = values.map((v) => (v > chart.upperTwoSigma ? 1 : v < chart.lowerTwoSigma ? -1 : 0));
  const windowSize = Math.min(3, n);
  for (let start = 0; start + windowSize <= n; start++) {
    for (const side of [1, -1] as const) {
      const inWindow = near.slice(start, start + windowSize).map((s, k) => ({ s, i: start + k })).filter((p) => p.s === side);
      if (inWindow.length >= 2) inWindow.forEach((p) => flag(p.i, 'two_of_three', side > 0 ? 'high' : 'low'));
    }
  }

  const points = values.map((value, index): SpcPoint => ({
    index,
    value,
    movingRange: index === 0 ? null : movingRanges[index - 1]!,
    flags: flags[index]!,
  }));
  return { ...chart, fewPoints: n < SPC_RECOMMENDED_POINTS, points, latest: classifySpcPoint(points[n - 1]!, mean, direction) };
}

/** Calls `mark(i, sign)` for every index in a maximal run of at least `minLength` equal non-zero signs. */
function flagRuns(signs: readonly number[], minLength: number, mark: (i: number, sign: number) => void): void {
  let start = 0;
  for (let i = 1; i <= signs.length; i++) {
    if (i < signs.length && signs[i] === signs[start]) continue;
    const s = signs[start]!;
    if (s !== 0 && i - start >= minLength) for (let k = start; k < i; k++) mark(k, s);
    start = i;
  }
}

/**
 * Classify one point. If its flags disagree (e.g. a falling trend while still above the mean), the side
 * of the mean it lies on decides; a point on the mean with conflicting flags is neither.
 */
export function classifySpcPoint(point: SpcPoint, mean: number, direction: KpiDirection): SpcVariation {
  if (point.flags.length === 0) return 'common_cause';
  if (direction === 'neither') return 'special_cause_neither';
  const sides = new Set(point.flags.map((f) => f.side));
  const side: SpecialCauseSide | null =
    sides.size === 1 ? [...sides][0]! : point.value > mean ? 'high' : point.value < mean ? 'low' : null;
  if (side === null) return 'special_cause_neither';
  const good: SpecialCauseSide = direction === 'higher_better' ? 'high' : 'low';
  return side === good ? 'improvement' : 'concern';
}

/**
 * A member's run of figures charted: each point with its special-cause flags, and the chart's centre line,
 * process limits and reading of the latest point. The shape a benchmark's SPC series carries.
 */
export function xmrSeries<P extends { value: number }>(points: readonly P[], direction: KpiDirection) {
  const chart = xmrChart(
    points.map((p) => p.value),
    direction,
  );
  return {
    points: points.map((p, i) => ({ ...p, flags: chart.points[i]!.flags })),
    mean: chart.mean,
    upperProcessLimit: chart.upperProcessLimit,
    lowerProcessLimit: chart.lowerProcessLimit,
    fewPoints: chart.fewPoints,
    latest: chart.latest,
  };
}

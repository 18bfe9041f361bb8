import { badRequest } from '../errors.ts';
import { requireCount, requireFinite } from './guards.ts';
import { PER_HUNDRED_THOUSAND } from './rates.ts';

/**
 * Funnel plots (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Statistics
 * in Medicine 24:1185–1202; PHE/OHID "Technical guide: funnel plots"). Each authority's value is plotted
 * against its denominator, with control limits around the partnership figure that narrow as the
 * denominator grows — so a small authority is not called an outlier for what is chance.
 *
 * Target (the partnership figure) is POOLED: Σ numerators / Σ denominators, not the mean of the rates,
 * so each authority counts in proportion to its size.
 *
 * Limits use the normal approximation, at denominator n:
 *   proportions:        p0 ± z · √(p0 (1 − p0) / n),                      clipped to [0, 1]
 *   rates per 100,000:  (λ ± z · √(λ / n)) × 100,000, λ = target per person, lower clipped at 0
 *                       (Poisson: the variance of a count with mean λn is λn, so of the rate, λ/n)
 * with z = 1.959964 for 95% ("2 sigma") and z = 3.090232 for 99.8% ("3 sigma").
 * The normal approximation is poor for very small expected counts (λn or p0·n under about 10); PHE then
 * prefers exact binomial/Poisson (Byar) limits. We use the approximation throughout and say so.
 *
 * "Outside" is strict: a value exactly on a limit is inside.
 */
export const Z_95 = 1.959964;
export const Z_99_8 = 3.090232;

export type FunnelMeasure = 'proportion' | 'rate_per_100k';

export interface FunnelUnit<K extends string = string> {
  key: K;
  /** People or events counted. */
  numerator: number;
  /** Cases at risk (proportion) or population (rate per 100,000). */
  denominator: number;
}

export interface FunnelLimits {
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export type FunnelPosition = 'above' | 'below' | 'within';

export interface FunnelPoint<K extends string = string> extends FunnelLimits {
  key: K;
  numerator: number;
  denominator: number;
  /** Proportion (0–1) or rate per 100,000, matching the measure. */
  value: number;
  outside95: boolean;
  outside998: boolean;
  /** Which side of the 95% limits the value lies, if outside them. */
  position: FunnelPosition;
}

export interface Funnel<K extends string = string> {
  measure: FunnelMeasure;
  /** Pooled partnership figure, in the measure's unit (proportion or per 100,000). */
  target: number;
  /** Σ numerators and Σ denominators the target rests on. */
  totalNumerator: number;
  totalDenominator: number;
  minDenominator: number;
  maxDenominator: number;
  points: FunnelPoint<K>[];
}

/** Scale of the measure's unit: a proportion is per 1, a rate per 100,000 people. */
const scale = (measure: FunnelMeasure) => (measure === 'proportion' ? 1 : PER_HUNDRED_THOUSAND);

/** The four control limits at one denominator, around a target in the measure's unit. */
export function funnelLimitsAt(measure: FunnelMeasure, target: number, denominator: number): FunnelLimits {
  requireFinite(denominator, 'denominator');
  if (denominator <= 0) throw badRequest('denominator must be more than 0', 'denominator');
  requireFinite(target, 'target');
  if (measure === 'proportion') {
    if (target < 0 || target > 1) throw badRequest('a proportion target must be between 0 and 1', 'target');
    const se = Math.sqrt((target * (1 - target)) / denominator);
    const clip = (x: number) => Math.min(1, Math.max(0, x));
    return {
      lower95: clip(target - Z_95 * se),
      upper95: clip(target + Z_95 * se),
      lower998: clip(target - Z_99_8 * se),
      upper998: clip(target + Z_99_8 * se),
    };
  }
  if (target < 0) throw badRequest('a rate target must not be negative', 'target');
  const perPerson = target / PER_HUNDRED_THOUSAND;
  const se = Math.sqrt(perPerson / denominator) * PER_HUNDRED_THOUSAND;
  return {
    lower95: Math.max(0, target - Z_95 * se),
    upper95: target + Z_95 * se,
    lower998: Math.max(0, target - Z_99_8 * se),
    upper998: target + Z_99_8 * se,
  };
}

export function funnelPlot<K extends string>(measure: FunnelMeasure, units: readonly FunnelUnit<K>[]): Funnel<K> {
  if (units.length === 0) throw badRequest('a funnel plot needs at least one authority', 'units');
  units.forEach((u, i) => {
    requireCount(u.numerator, `units[${i}].numerator`);
    requireFinite(u.denominator, `units[${i}].denominator`);
    if (u.denominator <= 0) throw badRequest('denominator must be more than 0', `units[${i}].denominator`);
    if (measure === 'proportion' && u.numerator > u.denominator) {
      throw badRequest('a proportion cannot have more cases than its denominator', `units[${i}].numerator`);
    }
  });
  const totalNumerator = units.reduce((sum, u) => sum + u.numerator, 0);
  const totalDenominator = units.reduce((sum, u) => sum + u.denominator, 0);
  const target = (totalNumerator / totalDenominator) * scale(measure);
  const points = units.map((u): FunnelPoint<K> => {
    const value = (u.numerator / u.denominator) * scale(measure);
    const limits = funnelLimitsAt(measure, target, u.denominator);
    const outside95 = value < limits.lower95 || value > limits.upper95;
    const outside998 = value < limits.lower998 || value > limits.upper998;
    const position: FunnelPosition = value > limits.upper95 ? 'above' : value < limits.lower95 ? 'below' : 'within';
    return { key: u.key, numerator: u.numerator, denominator: u.denominator, value, ...limits, outside95, outside998, position };
  });
  const denominators = units.map((u) => u.denominator);
  return {
    measure,
    target,
    totalNumerator,
    totalDenominator,
    minDenominator: Math.min(...denominators),
    maxDenominator: Math.max(...denominators),
    points,
  };
}

export const proportionFunnel = <K extends string>(units: readonly FunnelUnit<K>[]) => funnelPlot('proportion', units);
export const rateFunnel = <K extends string>(units: readonly FunnelUnit<K>[]) => funnelPlot('rate_per_100k', units);

export interface FunnelCurvePoint extends FunnelLimits {
  denominator: number;
}

/**
 * The limit curves for charting, at `points` denominators log-spaced from `from` to `to` inclusive
 * (log spacing because the funnel changes fastest at small denominators). By default, the span of the
 * funnel's own authorities and 50 points.
 */
export function funnelCurve(
  f: Pick<Funnel, 'measure' | 'target' | 'minDenominator' | 'maxDenominator'>,
  options: { from?: number; to?: number; points?: number } = {},
): FunnelCurvePoint[] {
  const from = options.from ?? f.minDenominator;
  const to = options.to ?? f.maxDenominator;
  const count = options.points ?? 50;
  requireFinite(from, 'from');
  requireFinite(to, 'to');
  if (from <= 0) throw badRequest('the curve must start above 0', 'from');
  if (to < from) throw badRequest('the curve must end at or after its start', 'to');
  if (!Number.isInteger(count) || count < 2) throw badRequest('a curve needs at least 2 points', 'points');
  const step = (Math.log(to) - Math.log(from)) / (count - 1);
  return Array.from({ length: count }, (_, i) => {
    // Pin the ends exactly, so the curve meets the smallest and largest authority.
    const denominator = i === 0 ? from : i === count - 1 ? to : Math.exp(Math.log(from) + i * step);
    return { denominator, ...funnelLimitsAt(f.measure, f.target, denominator) };
  });
}

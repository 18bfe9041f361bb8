import { badRequest } from '../errors.ts';
import { requireFinite } from './guards.ts';
import type { KpiDirection } from './kpi-direction.ts';

/**
 * ONE convention for every quantile in Concord: Excel QUARTILE.INC / PERCENTILE.INC, R type 7 (R's
 * default), Hyndman & Fan definition 7. Sort ascending x[0..n−1]; the p-th quantile sits at position
 * h = (n−1)·p; with j = floor(h), it is x[j] + (h − j)·(x[j+1] − x[j]) — linear interpolation between
 * the closest ranks. So min is p=0, max is p=1, and the median of an even count is the mean of the
 * middle two. Chosen because users check our figures in Excel and get the same answer.
 */
export function quantile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw badRequest('p must be between 0 and 1', 'p');
  return quantileOfSorted(sortedFinite(values), p);
}

export interface Quartiles {
  /** How many values each figure rests on: a median of 3 authorities is not a median of 150. */
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export function quartiles(values: readonly number[]): Quartiles {
  const sorted = sortedFinite(values);
  return {
    n: sorted.length,
    min: quantileOfSorted(sorted, 0),
    q1: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    q3: quantileOfSorted(sorted, 0.75),
    max: quantileOfSorted(sorted, 1),
  };
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function sortedFinite(values: readonly number[]): number[] {
  if (values.length === 0) throw badRequest('a median or quartile needs at least one value', 'values');
  values.forEach((v, i) => requireFinite(v, `values[${i}]`));
  return [...values].sort((a, b) => a - b);
}

function quantileOfSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const j = Math.floor(h);
  const below = sorted[j]!;
  const above = sorted[Math.min(j + 1, sorted.length - 1)]!;
  return below + (h - j) * (above - below);
}

export interface Ranked<K extends string = string> {
  key: K;
  value: number;
  /** 1 = best. null when the KPI has no better direction: such figures are shown, never ranked. */
  rank: number | null;
}

/**
 * Competition ranking ("1224"): an authority's rank is 1 + how many are strictly better, so ties share
 * a rank and the next rank is skipped. The input order is kept; sort by rank for display if wanted.
 */
export function rank<K extends string>(items: readonly { key: K; value: number }[], direction: KpiDirection): Ranked<K>[] {
  items.forEach((item, i) => requireFinite(item.value, `items[${i}].value`));
  if (direction === 'neither') return items.map(({ key, value }) => ({ key, value, rank: null }));
  const better = direction === 'higher_better' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  return items.map(({ key, value }) => ({
    key,
    value,
    rank: 1 + items.filter((other) => better(other.value, value)).length,
  }));
}

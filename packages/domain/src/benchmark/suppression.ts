import { badRequest } from '../errors.ts';
import { requireCount, requireFinite } from './guards.ts';

/**
 * Small-number suppression, so a benchmark never identifies a person.
 *
 * Primary: a count of 1 to threshold − 1 (1–4 by default) is shown as 'suppressed' — never the number,
 * never a bound such as "<5". A count of 0 IS shown (common NHS/ONS practice: nobody to identify).
 *
 * Secondary: with a published total, total − Σ(shown) = Σ(suppressed). If that lets anyone pin down a
 * single suppressed cell, more must go. "Pin down" is judged as a reader who knows the rules would:
 * a primary cell is 1..threshold−1, a secondary cell is ≥ threshold (it was shown-sized), zeros are never
 * suppressed. While any suppressed cell's possible range narrows to one value (always so with one
 * suppressed cell, and e.g. with two primaries summing to 2, or a primary 1 with a secondary 5), the
 * next-smallest non-zero shown cell is suppressed too (zeros are skipped: hiding a 0 protects nothing
 * the reader cannot guess); if none is left, the total is suppressed instead.
 *
 * Derived figures (a rate per 100,000, a %) computed from a suppressed count go with it: a rate times a
 * known population gives the count back.
 *
 * `suppressedBecause` is for audit and the method note; a published table shows only 'suppressed'.
 * The total must equal the sum of the cells: the subtraction argument rests on it.
 */
export const SUPPRESSED = 'suppressed' as const;
export type Suppressed = typeof SUPPRESSED;
export type SuppressionReason = 'small_number' | 'secondary';

export interface CountCell<K extends string = string> {
  key: K;
  count: number;
  derived?: Record<string, number>;
}

export interface PublishedCell<K extends string = string> {
  key: K;
  count: number | Suppressed;
  derived: Record<string, number | Suppressed>;
  suppressedBecause: SuppressionReason | null;
}

export interface Suppression<K extends string = string> {
  cells: PublishedCell<K>[];
  /** null when no total was given. */
  total: number | Suppressed | null;
  totalSuppressedBecause: SuppressionReason | null;
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export function suppress<K extends string>(
  cells: readonly CountCell<K>[],
  options: { total?: number; threshold?: number } = {},
): Suppression<K> {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 2) throw badRequest('threshold must be a whole number of 2 or more', 'threshold');
  cells.forEach((c, i) => {
    requireCount(c.count, `cells[${i}].count`);
    for (const [name, v] of Object.entries(c.derived ?? {})) requireFinite(v, `cells[${i}].derived.${name}`);
  });
  const isSmall = (count: number) => count >= 1 && count < threshold;

  const reasons: (SuppressionReason | null)[] = cells.map((c) => (isSmall(c.count) ? 'small_number' : null));
  let totalReason: SuppressionReason | null = null;

  if (options.total !== undefined) {
    const total = options.total;
    requireCount(total, 'total');
    const sum = cells.reduce((s, c) => s + c.count, 0);
    if (total !== sum) throw badRequest(`the total (${total}) must equal the sum of the cells (${sum})`, 'total');
    if (isSmall(total)) totalReason = 'small_number';
    // With the total hidden there is nothing to subtract from, so secondary suppression is moot.
    while (totalReason === null && anyRecoverable(cells, reasons, threshold)) {
      const next = cells
        .map((c, i) => ({ count: c.count, i }))
        .filter(({ count, i }) => reasons[i] === null && count > 0)
        .sort((a, b) => a.count - b.count || a.i - b.i)[0];
      if (next) reasons[next.i] = 'secondary';
      else totalReason = 'secondary';
    }
  }

  return {
    cells: cells.map((c, i) => {
      const because = reasons[i]!;
      const derived = Object.fromEntries(Object.entries(c.derived ?? {}).map(([name, v]) => [name, because ? SUPPRESSED : v]));
      return { key: c.key, count: because ? SUPPRESSED : c.count, derived, suppressedBecause: because };
    }),
    total: options.total === undefined ? null : totalReason ? SUPPRESSED : options.total,
    totalSuppressedBecause: totalReason,
  };
}

/**
 * A proportion of people (numerator of denominator) shows three counts, not one: those counted, all those
 * it is out of, and the rest (denominator − numerator). "26 of 28 sourced in time" says 2 were not. It
 * discloses a small number when any of the three is 1 to threshold − 1; the proportion then goes with it.
 */
export function proportionDisclosesSmallNumber(numerator: number, denominator: number, threshold = DEFAULT_SUPPRESSION_THRESHOLD): boolean {
  const isSmall = (count: number) => count >= 1 && count < threshold;
  return isSmall(Math.round(numerator)) || isSmall(Math.round(denominator)) || isSmall(Math.round(denominator - numerator));
}

/**
 * Could a reader who knows Σ(suppressed) and each suppressed cell's possible range narrow any one cell
 * to a single value? Cell j's range is [max(lo_j, S − Σ_{i≠j} hi_i), min(hi_j, S − Σ_{i≠j} lo_i)].
 */
function anyRecoverable(cells: readonly CountCell[], reasons: readonly (SuppressionReason | null)[], threshold: number): boolean {
  const hidden = cells
    .map((c, i) => ({ count: c.count, reason: reasons[i] }))
    .filter((c): c is { count: number; reason: SuppressionReason } => c.reason !== null);
  if (hidden.length === 0) return false;
  const sum = hidden.reduce((s, c) => s + c.count, 0);
  const lo = (c: { reason: SuppressionReason }) => (c.reason === 'small_number' ? 1 : threshold);
  const hi = (c: { reason: SuppressionReason }) => (c.reason === 'small_number' ? threshold - 1 : Infinity);
  return hidden.some((c) => {
    const others = hidden.filter((o) => o !== c);
    const low = Math.max(lo(c), sum - others.reduce((s, o) => s + hi(o), 0));
    const high = Math.min(hi(c), sum - others.reduce((s, o) => s + lo(o), 0));
    return low >= high;
  });
}

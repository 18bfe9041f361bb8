import { z } from 'zod';
import { MAX_PENCE } from '../input.ts';
import { badRequest } from '../errors.ts';
import type { Pence } from '../money.ts';
import { divideHalfUp } from './arithmetic.ts';
import { nameField, parseInput, penceField } from './validation.ts';

/**
 * Fair cost of care exercise (the DHSC Fair Cost of Care convention): providers submit their cost per unit
 * (per contact hour, per week…); the partnership reports the lower quartile, median and upper quartile with
 * n, and the MEDIAN is the fair rate.
 *
 * Quartiles as Excel QUARTILE.INC (the same convention as benchmark/quartiles.ts): sort ascending
 * x[0..n−1]; quartile q (1, 2, 3) sits at position h = (n−1)·q/4; with j = floor(h) it is
 * x[j] + (h − j)·(x[j+1] − x[j]). h − j is a whole number of quarters, so the result is worked in quarter-pence
 * and rounded half up to the penny once.
 */
export function quartileIncPence(sortedAscending: readonly Pence[], quarter: 0 | 1 | 2 | 3 | 4): Pence {
  const n = sortedAscending.length;
  if (n === 0) throw badRequest('A quartile needs at least one value', 'values');
  const quarters = (n - 1) * quarter; // position h in quarters
  const j = Math.floor(quarters / 4);
  const fraction = quarters % 4; // 0..3 quarters of the way to the next value
  const low = sortedAscending[j]!;
  if (fraction === 0) return low;
  const high = sortedAscending[j + 1]!;
  return divideHalfUp(4 * low + fraction * (high - low), 4);
}

const submissionWithin = (maxPence: number) =>
  z.object({
    provider: nameField('the provider', 200),
    pencePerUnit: penceField('Submitted cost per unit', maxPence),
  });
/** A cost typed in: above £100,000 a unit is a slip of the keyboard. */
export const fairCostSubmission = submissionWithin(10_000_000);
export type FairCostSubmission = z.input<typeof fairCostSubmission>;

const inputOf = (submission: typeof fairCostSubmission) =>
  z.array(submission, { error: 'Submissions must be a list' }).min(1, 'Add at least one provider submission');
export const fairCostInput = inputOf(fairCostSubmission);
/** Rates as stored (e.g. a contract's rate card): summarised as they are, bounded only by what can be stored. */
const storedInput = inputOf(submissionWithin(MAX_PENCE));

export interface FairCostOfCare {
  /** How many submissions the figures rest on: a median of 3 providers is not a median of 30. */
  n: number;
  minPence: Pence;
  lowerQuartilePence: Pence;
  medianPence: Pence;
  upperQuartilePence: Pence;
  maxPence: Pence;
  /** The median, by the DHSC convention. */
  fairRatePence: Pence;
}

/** `values: 'stored'` summarises rates read from the database as they are; the default holds typed costs to the cap. */
export function fairCostOfCare(submissions: readonly FairCostSubmission[], options: { values: 'typed' | 'stored' } = { values: 'typed' }): FairCostOfCare {
  const parsed = parseInput(options.values === 'stored' ? storedInput : fairCostInput, submissions);
  const sorted = parsed.map((s) => s.pencePerUnit).sort((a, b) => a - b);
  const median = quartileIncPence(sorted, 2);
  return {
    n: sorted.length,
    minPence: sorted[0]!,
    lowerQuartilePence: quartileIncPence(sorted, 1),
    medianPence: median,
    upperQuartilePence: quartileIncPence(sorted, 3),
    maxPence: sorted[sorted.length - 1]!,
    fairRatePence: median,
  };
}

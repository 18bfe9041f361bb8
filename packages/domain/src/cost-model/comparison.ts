import { z } from 'zod';
import { badRequest } from '../errors.ts';
import type { Pence } from '../money.ts';
import { divideHalfAwayFromZero, fromTenths } from './arithmetic.ts';
import { quartileIncPence } from './fair-cost.ts';
import { nameField, parseInput, penceField } from './validation.ts';

/**
 * Comparing authorities' rates for the same service, side by side.
 *
 * Percentages: a difference is always taken RELATIVE TO THE THING COMPARED AGAINST, to one decimal place,
 * an exact half rounded away from zero (−2.85 → −2.9):
 *   vs model  = (actual − model) / model         (+ means paying above the model rate)
 *   vs median = (actual − median) / median       (median of all the authorities' rates, QUARTILE.INC)
 *   gap to another authority = (other − mine) / other
 * The gap reads as Plymouth's business case does — "paying between 2.8% and 12.3% less than other local
 * authorities": mine is x% less than theirs when mine = theirs × (1 − x%). A positive gap means I pay less;
 * negative means I pay more. Rounding happens only in `percent`; smallest and largest are chosen on the exact
 * fractions.
 */

export const authorityRate = z.object({
  authority: nameField('the authority', 200),
  gssCode: z.string().regex(/^[EWSN][0-9]{8}$/, 'Enter a GSS code such as E06000026').optional(),
  ratePence: penceField('Rate', 10_000_000).refine((p) => p > 0, 'Rate must be more than £0.00'),
});
export type AuthorityRate = z.input<typeof authorityRate>;

const authorityRates = z
  .array(authorityRate, { error: 'Rates must be a list' })
  .min(1, 'Add at least one authority rate')
  .superRefine((rates, ctx) => {
    const seen = new Set<string>();
    rates.forEach((r, i) => {
      if (seen.has(r.authority)) ctx.addIssue({ code: 'custom', message: `${r.authority} has more than one rate`, path: [i, 'authority'] });
      seen.add(r.authority);
    });
  });

export interface RateDifference {
  pence: Pence;
  /** One decimal place. */
  percent: number;
}

const difference = (actual: Pence, reference: Pence): RateDifference => ({
  pence: actual - reference,
  percent: fromTenths(divideHalfAwayFromZero((actual - reference) * 1000, reference)),
});

export interface AuthorityRateComparison {
  authority: string;
  gssCode?: string;
  ratePence: Pence;
  /** null when no model rate was given. */
  vsModel: RateDifference | null;
  vsMedian: RateDifference;
}

export interface RateComparison {
  n: number;
  modelRatePence: Pence | null;
  medianPence: Pence;
  min: { authority: string; ratePence: Pence };
  max: { authority: string; ratePence: Pence };
  /** max − min. */
  spreadPence: Pence;
  authorities: AuthorityRateComparison[];
}

export function compareRates(input: { rates: readonly AuthorityRate[]; modelRatePence?: Pence }): RateComparison {
  const rates = parseInput(authorityRates, input.rates);
  const model =
    input.modelRatePence === undefined
      ? null
      : parseInput(penceField('Model rate', 10_000_000).refine((p) => p > 0, 'Model rate must be more than £0.00'), input.modelRatePence);
  const byRate = [...rates].sort((a, b) => a.ratePence - b.ratePence);
  const median = quartileIncPence(
    byRate.map((r) => r.ratePence),
    2,
  );
  const lowest = byRate[0]!;
  const highest = byRate[byRate.length - 1]!;
  return {
    n: rates.length,
    modelRatePence: model,
    medianPence: median,
    min: { authority: lowest.authority, ratePence: lowest.ratePence },
    max: { authority: highest.authority, ratePence: highest.ratePence },
    spreadPence: highest.ratePence - lowest.ratePence,
    authorities: rates.map((r) => ({
      authority: r.authority,
      ...(r.gssCode === undefined ? {} : { gssCode: r.gssCode }),
      ratePence: r.ratePence,
      vsModel: model === null ? null : difference(r.ratePence, model),
      vsMedian: difference(r.ratePence, median),
    })),
  };
}

export interface RateGap {
  other: string;
  otherRatePence: Pence;
  /** other − mine: positive when I pay less. */
  gapPence: Pence;
  /** (other − mine) / other, one decimal place. */
  gapPercent: number;
}

export interface RateGaps {
  authority: string;
  ratePence: Pence;
  /** To each other authority, in the order given. */
  gaps: RateGap[];
  smallest: RateGap;
  largest: RateGap;
}

/** How far one authority's rate is below (or above) each of the others, and the smallest and largest gap. */
export function rateGapsToOthers(rates: readonly AuthorityRate[], authority: string): RateGaps {
  const parsed = parseInput(authorityRates, rates);
  const mine = parsed.find((r) => r.authority === authority);
  if (!mine) throw badRequest(`${authority} has no rate to compare`, 'authority');
  const others = parsed.filter((r) => r !== mine);
  if (others.length === 0) throw badRequest('Add at least one other authority to compare with', 'rates');
  const gaps = others.map((o) => ({
    other: o.authority,
    otherRatePence: o.ratePence,
    gapPence: o.ratePence - mine.ratePence,
    gapPercent: fromTenths(divideHalfAwayFromZero((o.ratePence - mine.ratePence) * 1000, o.ratePence)),
  }));
  // Exact fraction (other − mine) / other = 1 − mine/other: order on mine/other, the larger ratio the smaller gap.
  const exact = (g: RateGap) => (g.otherRatePence - mine.ratePence) / g.otherRatePence;
  const ordered = [...gaps].sort((a, b) => exact(a) - exact(b));
  return { authority: mine.authority, ratePence: mine.ratePence, gaps, smallest: ordered[0]!, largest: ordered[ordered.length - 1]! };
}

/**
 * Invented weekly Shared Lives carer rates for the Peninsula (the business case gives no figures), chosen so
 * that Plymouth — the lowest payer — is exactly 2.8% below Somerset and 12.3% below Cornwall at one decimal
 * place: (25,206 − 24,500) / 25,206 = 2.8009% and (27,936 − 24,500) / 27,936 = 12.2995%. Devon 9.3%, Torbay
 * 7.5%. Plymouth's £245.00 echoes the paper's average weekly placement cost.
 */
export const PENINSULA_SHARED_LIVES_DEMO_RATES = [
  { authority: 'Plymouth', gssCode: 'E06000026', ratePence: 24_500 },
  { authority: 'Devon', gssCode: 'E10000008', ratePence: 27_000 },
  { authority: 'Cornwall', gssCode: 'E06000052', ratePence: 27_936 },
  { authority: 'Torbay', gssCode: 'E06000027', ratePence: 26_500 },
  { authority: 'Somerset', gssCode: 'E06000066', ratePence: 25_206 },
] as const satisfies readonly AuthorityRate[];

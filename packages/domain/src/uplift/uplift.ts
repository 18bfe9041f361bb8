import { z } from 'zod';
import { anyText, MAX_PENCE } from '../input.ts';
import { badRequest } from '../errors.ts';
import type { Pence } from '../money.ts';
import { multiplyDivideHalfUp, toHundredths, WEEKS_PER_YEAR } from '../cost-model/arithmetic.ts';
import { parseInput, penceField, percentField, quantityField, wholeField } from '../cost-model/validation.ts';

/**
 * Cost of an uplift: a % rise to weekly rates plus extra paid weeks a year (e.g. paid breaks for Shared Lives
 * carers), from a start month to the end of the financial year (April–March), and for a full year.
 *
 * Conventions:
 * - Months remaining = start month to March inclusive (October → 6, April → 12, March → 1).
 * - Weeks remaining = 52 × months ÷ 12 (October–March = 26 weeks; 5 months = 21⅔ weeks). A full year is 52.
 * - The new weekly rate of each placement = current × (1 + rise %), rounded half up to the penny (carers are
 *   paid whole pence). The weekly rise is the sum over placements of (new − current) × count.
 * - Extra paid weeks are an annual entitlement, costed by default at the NEW rate and PRO RATA to the months
 *   remaining (1 week from October costs ½ week by March). `extraWeeksInPartYear: 'whole'` puts the whole
 *   entitlement into the part year; `extraWeeksAt: 'current_rate'` costs them at the rate before the rise.
 * - Each period's rise and extra-week cost are rounded half up to the penny once, at the end.
 */
/** A weekly cost typed into a form above £10,000 is far more likely a slip of the keyboard than a real placement. */
export const TYPED_WEEKLY_COST_CAP_PENCE = 1_000_000;

const placementWithin = (maxWeeklyPence: number) =>
  z.object({
    label: anyText(200).optional(),
    weeklyPence: penceField('Weekly cost', maxWeeklyPence),
    count: wholeField('Number of placements', 0, 100_000).default(1),
  });
export const upliftPlacement = placementWithin(TYPED_WEEKLY_COST_CAP_PENCE);
export type UpliftPlacement = z.input<typeof upliftPlacement>;

const upliftInputOf = (placement: typeof upliftPlacement) =>
  z.object({
    placements: z.array(placement, { error: 'Placements must be a list' }).min(1, 'Add at least one placement'),
    risePercent: percentField('Rate rise'),
    extraPaidWeeks: quantityField('Extra paid weeks a year', 52, 'weeks').default(0),
    /** Calendar month the uplift starts, 1 = January … 12 = December. */
    startMonth: wholeField('Start month', 1, 12),
    extraWeeksInPartYear: z.enum(['pro_rata', 'whole'], { error: 'Choose pro rata or the whole entitlement' }).default('pro_rata'),
    extraWeeksAt: z.enum(['new_rate', 'current_rate'], { error: 'Choose the new or the current rate' }).default('new_rate'),
  });
export const upliftInput = upliftInputOf(upliftPlacement);
/** Placements as they are stored (a register's weekly costs): costed as they are, bounded only by what can be stored. */
const storedUpliftInput = upliftInputOf(placementWithin(MAX_PENCE));
export type UpliftInput = z.input<typeof upliftInput>;

export interface UpliftPeriodCost {
  /** Weeks the rise is paid for. */
  weeks: number;
  /** Extra paid weeks counted in this period, e.g. 0.5. */
  extraWeeks: number;
  risePence: Pence;
  extraWeeksPence: Pence;
  totalPence: Pence;
}

export interface UpliftImpact {
  placements: number;
  currentWeeklyPence: Pence;
  newWeeklyPence: Pence;
  weeklyRisePence: Pence;
  /** Months from the start month to March. */
  monthsRemaining: number;
  restOfYear: UpliftPeriodCost;
  fullYear: UpliftPeriodCost;
}

/** October → 6: months from the start month to the end of March, inclusive. */
export function monthsToFinancialYearEnd(startMonth: number): number {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) throw badRequest('Start month must be between 1 and 12', 'startMonth');
  return ((15 - startMonth) % 12) + 1;
}

/**
 * The day an uplift starting in `startMonth` of financial year `financialYear` (2023 = 2023/24) takes effect:
 * the first of that month (October 2023/24 → 2023-10-01; February 2023/24 → 2024-02-01). The placements an
 * uplift is costed on are those running on this day, wherever it is costed.
 */
export function upliftStartDay(financialYear: number, startMonth: number): string {
  monthsToFinancialYearEnd(startMonth);
  if (!Number.isInteger(financialYear)) throw badRequest('Choose a financial year', 'financialYear');
  const year = startMonth >= 4 ? financialYear : financialYear + 1;
  return `${year}-${String(startMonth).padStart(2, '0')}-01`;
}

/**
 * The cost of an uplift. `placements: 'typed'` (the default) is for weekly costs a person typed, which are held
 * to the typing-slip cap; `'stored'` costs placements read from the register exactly as they are recorded.
 */
export function upliftImpact(input: UpliftInput, options: { placements: 'typed' | 'stored' } = { placements: 'typed' }): UpliftImpact {
  const v = parseInput(options.placements === 'stored' ? storedUpliftInput : upliftInput, input);
  const rise = toHundredths(v.risePercent);
  let placements = 0;
  let current = 0;
  let next = 0;
  for (const p of v.placements) {
    placements += p.count;
    current += p.weeklyPence * p.count;
    next += multiplyDivideHalfUp(p.weeklyPence, 10_000 + rise, 10_000) * p.count;
  }
  const weeklyRise = next - current;
  const months = monthsToFinancialYearEnd(v.startMonth);
  const extraHundredths = toHundredths(v.extraPaidWeeks);
  const extraWeekly = v.extraWeeksAt === 'new_rate' ? next : current;

  // Part year: rise × 52 × months / 12; extra weeks × (months / 12 when pro rata). Worked in whole numbers.
  const partExtraNumerator = v.extraWeeksInPartYear === 'pro_rata' ? extraHundredths * months : extraHundredths * 12;
  const restOfYear: UpliftPeriodCost = {
    weeks: (WEEKS_PER_YEAR * months) / 12,
    extraWeeks: partExtraNumerator / 1200,
    risePence: multiplyDivideHalfUp(weeklyRise, WEEKS_PER_YEAR * months, 12),
    extraWeeksPence: multiplyDivideHalfUp(extraWeekly, partExtraNumerator, 1200),
    totalPence: 0,
  };
  restOfYear.totalPence = restOfYear.risePence + restOfYear.extraWeeksPence;

  const fullYear: UpliftPeriodCost = {
    weeks: WEEKS_PER_YEAR,
    extraWeeks: extraHundredths / 100,
    risePence: weeklyRise * WEEKS_PER_YEAR,
    extraWeeksPence: multiplyDivideHalfUp(extraWeekly, extraHundredths, 100),
    totalPence: 0,
  };
  fullYear.totalPence = fullYear.risePence + fullYear.extraWeeksPence;

  return { placements, currentWeeklyPence: current, newWeeklyPence: next, weeklyRisePence: weeklyRise, monthsRemaining: months, restOfYear, fullYear };
}

/**
 * Plymouth Shared Lives, 2023/24 (seed 000, 6.2): "increase the Carer Rate by 11.5% and increase the amount
 * of paid breaks carers received by 1 week … £12,500 for 6 months (Oct to Mar)", with 13 long-term placements
 * averaging £245 a week (section 3). Under the default conventions this costs £11,300.51 to March and
 * £22,601.02 a full year; the paper's £12,500 is reconstructed in the tests.
 */
export const PLYMOUTH_SHARED_LIVES_UPLIFT_2023 = {
  placements: [{ label: 'Long-term Shared Lives placements (average)', weeklyPence: 24_500, count: 13 }],
  risePercent: 11.5,
  extraPaidWeeks: 1,
  startMonth: 10,
} satisfies UpliftInput;

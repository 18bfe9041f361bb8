import { z } from 'zod';
import { formatPence, type Pence } from '../money.ts';
import { multiplyDivideHalfUp, toHundredths, WEEKS_PER_YEAR } from './arithmetic.ts';
import { type CostLine, sumLines } from './cost-line.ts';
import { nameField, parseInput, penceField, quantityField, wholeField } from './validation.ts';

/**
 * Shared Lives carer payments. A carer is paid the band's weekly rate for every week of the year the person
 * lives with them (52), and a PAID BREAK week is paid on top: the carer keeps their payment while they take a
 * break from the role, and the person's care that week (a short-break carer) still has to be paid for. So each
 * paid break week costs one more week's payment, and
 *
 *   annual cost per placement = weekly rate × (52 + paid break weeks a year)
 *
 * This is what Plymouth's business case means by "increase the amount of paid breaks carers received by 1
 * week" / "an additional paid week as a break from their role": one more week's payment a year, per carer
 * placement. Break weeks may be part weeks (28 nights = 4 weeks; 2 decimal places); each line is rounded half
 * up to the penny.
 */
export const sharedLivesCostInput = z.object({
  band: nameField('the band', 100).optional(),
  weeklyPence: penceField('Weekly carer payment', 500_000),
  paidBreakWeeks: quantityField('Paid break weeks a year', 52, 'weeks'),
  placements: wholeField('Number of placements', 0, 100_000).default(1),
});
export type SharedLivesCostInput = z.input<typeof sharedLivesCostInput>;

export interface SharedLivesCost {
  band?: string;
  weeklyPence: Pence;
  paidBreakWeeks: number;
  /** 52 + paid break weeks. */
  paidWeeksPerYear: number;
  /** Per placement: the 52 weeks, then the paid break weeks. */
  lines: CostLine[];
  annualPerPlacementPence: Pence;
  placements: number;
  annualPence: Pence;
}

export function sharedLivesAnnualCost(input: SharedLivesCostInput): SharedLivesCost {
  const v = parseInput(sharedLivesCostInput, input);
  const weekly = formatPence(v.weeklyPence);
  const breakHundredths = toHundredths(v.paidBreakWeeks);
  const lines: CostLine[] = [
    { label: 'Placement weeks', basis: `${WEEKS_PER_YEAR} weeks × ${weekly}`, pence: WEEKS_PER_YEAR * v.weeklyPence },
    {
      label: 'Paid break weeks',
      basis: `${breakHundredths / 100} weeks × ${weekly}`,
      pence: multiplyDivideHalfUp(breakHundredths, v.weeklyPence, 100),
    },
  ];
  const perPlacement = sumLines(lines);
  return {
    ...(v.band === undefined ? {} : { band: v.band }),
    weeklyPence: v.weeklyPence,
    paidBreakWeeks: v.paidBreakWeeks,
    paidWeeksPerYear: (WEEKS_PER_YEAR * 100 + breakHundredths) / 100,
    lines,
    annualPerPlacementPence: perPlacement,
    placements: v.placements,
    annualPence: perPlacement * v.placements,
  };
}

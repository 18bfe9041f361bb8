import { z } from 'zod';
import { formatPence, type Pence } from '../money.ts';
import { multiplyDivideHalfUp, toHundredths } from './arithmetic.ts';
import { type CostLine, showPercent, sumLines } from './cost-line.ts';
import { parseInput, penceField, percentField } from './validation.ts';

/**
 * Hourly home care price per CONTACT hour (an hour spent with the person), built up the way the UK Homecare
 * Association's minimum price for homecare is: the worker is paid for more than the contact hour, and the
 * employer pays more than the wage.
 *
 * Formula, in this order (each line rounded half up to the penny; the rate is the sum of the rounded lines):
 *   1. Contact time pay            = pay × 1 hour
 *   2. Travel time pay             = pay × travel share            (paid travel between visits, % of contact time)
 *   3. Training and supervision    = pay × training share          (paid hours away from visits, % of contact time)
 *      paid-time pay               = 1 + 2 + 3
 *   4. Employer National Insurance = paid-time pay × NI %
 *   5. Employer pension            = paid-time pay × pension %
 *   6. Holiday pay                 = paid-time pay × holiday %
 *      (each on-cost is a % of paid-time pay, not of each other: enter effective rates, e.g. NI net of the
 *       secondary threshold; NI and pension on holiday pay are a refinement this model leaves to the %.)
 *   7. Mileage                     = pence per contact hour (fuel and wear for the travel in line 2)
 *   8. Back office                 = pence per contact hour (management, rent, IT, registration, insurance)
 *      subtotal                    = 1 … 8
 *   9. Surplus                     = subtotal × surplus %          (profit / risk margin, on the whole cost)
 *   rate                           = subtotal + 9
 * Training and supervision are modelled as paid TIME (a % of contact time) rather than pence, so they carry
 * the on-costs like any other paid hour; back office is pence per hour because it does not scale with pay.
 */

/** The on-costs together: a wage that more than doubles in on-costs is a typing slip, not a cost model. */
const MAX_ON_COSTS_PERCENT = 100;

export const hourlyRateInput = z
  .object({
    careWorkerPayPence: penceField('Care worker hourly pay', 10_000),
    travelTimePercent: percentField('Travel time'),
    trainingAndSupervisionPercent: percentField('Training and supervision time'),
    employerNiPercent: percentField('Employer National Insurance'),
    pensionPercent: percentField('Employer pension'),
    holidayPercent: percentField('Holiday pay'),
    mileagePencePerContactHour: penceField('Mileage per contact hour', 2_000),
    backOfficePencePerContactHour: penceField('Back-office cost per contact hour', 10_000),
    surplusPercent: percentField('Surplus'),
  })
  .refine((v) => v.employerNiPercent + v.pensionPercent + v.holidayPercent <= MAX_ON_COSTS_PERCENT, {
    message: 'On-costs must be between 0% and 100% in total (National Insurance, pension and holiday pay)',
    path: ['employerNiPercent'],
  });
export type HourlyRateInput = z.input<typeof hourlyRateInput>;

export interface HourlyRate {
  /** In formula order; their sum is `ratePence`. */
  lines: CostLine[];
  /** Hours the worker is paid for each contact hour, e.g. 1.25. */
  paidHoursPerContactHour: number;
  paidTimePayPence: Pence;
  subtotalPence: Pence;
  ratePence: Pence;
}

export function hourlyRate(input: HourlyRateInput): HourlyRate {
  const v = parseInput(hourlyRateInput, input);
  const pay = v.careWorkerPayPence;
  const payText = formatPence(pay);
  const share = (percent: number) => multiplyDivideHalfUp(pay, toHundredths(percent), 10_000);
  const travel = toHundredths(v.travelTimePercent);
  const training = toHundredths(v.trainingAndSupervisionPercent);

  const lines: CostLine[] = [
    { label: 'Care worker pay (contact time)', basis: `${payText} × 1 contact hour`, pence: pay },
    { label: 'Travel time pay', basis: `${payText} × ${showPercent(travel)} of contact time`, pence: share(v.travelTimePercent) },
    {
      label: 'Training and supervision time pay',
      basis: `${payText} × ${showPercent(training)} of contact time`,
      pence: share(v.trainingAndSupervisionPercent),
    },
  ];
  const paidTimePay = sumLines(lines);
  const onCost = (label: string, percent: number): CostLine => {
    const hundredths = toHundredths(percent);
    return {
      label,
      basis: `${showPercent(hundredths)} of paid-time pay ${formatPence(paidTimePay)}`,
      pence: multiplyDivideHalfUp(paidTimePay, hundredths, 10_000),
    };
  };
  lines.push(
    onCost('Employer National Insurance', v.employerNiPercent),
    onCost('Employer pension', v.pensionPercent),
    onCost('Holiday pay', v.holidayPercent),
    { label: 'Mileage', basis: 'per contact hour', pence: v.mileagePencePerContactHour },
    { label: 'Back office', basis: 'per contact hour', pence: v.backOfficePencePerContactHour },
  );
  const subtotal = sumLines(lines);
  const surplus = toHundredths(v.surplusPercent);
  lines.push({
    label: 'Surplus',
    basis: `${showPercent(surplus)} of costs ${formatPence(subtotal)}`,
    pence: multiplyDivideHalfUp(subtotal, surplus, 10_000),
  });

  return {
    lines,
    paidHoursPerContactHour: (10_000 + travel + training) / 10_000,
    paidTimePayPence: paidTimePay,
    subtotalPence: subtotal,
    ratePence: sumLines(lines),
  };
}

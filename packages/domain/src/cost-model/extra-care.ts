import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { formatPence, type Pence } from '../money.ts';
import { divideHalfUp, multiplyDivideHalfUp, toHundredths, WEEKS_PER_YEAR } from './arithmetic.ts';
import { type CostLine, showHours, sumLines } from './cost-line.ts';
import { nameField, parseInput, penceField, quantityField, wholeField } from './validation.ts';

/**
 * Care and support in one Extra Care scheme, bought as a block (Sefton: "a volume of daytime hours and
 * additional support at night"):
 *   day block    = day hours a week × hourly rate
 *   waking night = waking nights a week × rate per night
 *   sleep-in     = sleep-in nights a week × rate per night
 *   weekly = sum of the lines (each rounded half up to the penny); annual = weekly × 52;
 *   per unit a week = weekly ÷ units, rounded half up (shown only when the number of units is given).
 * A night is a staff-night: two waking staff every night is 14 a week.
 */
export const extraCareSchemeInput = z.object({
  scheme: nameField('the scheme name', 200).optional(),
  hourlyRatePence: penceField('Hourly rate', 10_000),
  dayHoursPerWeek: quantityField('Day hours a week', 2_000, 'hours'),
  wakingNightsPerWeek: wholeField('Waking nights a week', 0, 70),
  wakingNightRatePence: penceField('Waking night rate per night', 100_000),
  sleepInNightsPerWeek: wholeField('Sleep-in nights a week', 0, 70),
  sleepInRatePence: penceField('Sleep-in rate per night', 100_000),
  units: wholeField('Number of units', 1, 1_000).optional(),
});
export type ExtraCareSchemeInput = z.input<typeof extraCareSchemeInput>;

export interface ExtraCareSchemeCost {
  scheme?: string;
  lines: CostLine[];
  weeklyPence: Pence;
  annualPence: Pence;
  units?: number;
  weeklyPerUnitPence?: Pence;
}

export function extraCareSchemeCost(input: ExtraCareSchemeInput): ExtraCareSchemeCost {
  const v = parseInput(extraCareSchemeInput, input);
  if (v.dayHoursPerWeek === 0 && v.wakingNightsPerWeek === 0 && v.sleepInNightsPerWeek === 0) {
    throw badRequest('The scheme has no care hours: enter day hours, night cover or both', 'dayHoursPerWeek');
  }
  const day = toHundredths(v.dayHoursPerWeek);
  const lines: CostLine[] = [
    {
      label: 'Day care and support',
      basis: `${showHours(day)} a week × ${formatPence(v.hourlyRatePence)}`,
      pence: multiplyDivideHalfUp(day, v.hourlyRatePence, 100),
    },
    {
      label: 'Waking night',
      basis: `${v.wakingNightsPerWeek} nights a week × ${formatPence(v.wakingNightRatePence)}`,
      pence: v.wakingNightsPerWeek * v.wakingNightRatePence,
    },
    {
      label: 'Sleep-in',
      basis: `${v.sleepInNightsPerWeek} nights a week × ${formatPence(v.sleepInRatePence)}`,
      pence: v.sleepInNightsPerWeek * v.sleepInRatePence,
    },
  ];
  const weekly = sumLines(lines);
  return {
    ...(v.scheme === undefined ? {} : { scheme: v.scheme }),
    lines,
    weeklyPence: weekly,
    annualPence: weekly * WEEKS_PER_YEAR,
    ...(v.units === undefined ? {} : { units: v.units, weeklyPerUnitPence: divideHalfUp(weekly, v.units) }),
  };
}

import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { formatPence, type Pence } from '../money.ts';
import { multiplyDivideHalfUp, toHundredths } from './arithmetic.ts';
import { type CostLine, showHours, sumLines } from './cost-line.ts';
import { nameField, parseInput, penceField, quantityField, wholeField } from './validation.ts';

/**
 * Weekly supported-living rate per person, by complexity band and scheme size (Staffordshire's model: staff
 * shared across the scheme — typically 4 to 6 people — plus 1:1 hours from the person's assessed needs).
 *
 *   shared support = shared staffing hours a week across the scheme × hourly rate ÷ people sharing
 *   1:1 support    = the person's 1:1 hours a week × hourly rate
 *   sleep-in       = sleep-in nights a week × rate per night ÷ people sharing
 *   waking night   = waking nights a week × rate per night ÷ people sharing
 * Night staff are on duty for the whole scheme, so nights are shared like the shared day hours; a night is a
 * staff-night (two waking staff every night = 14). Each line is rounded half up to the penny; the weekly rate
 * is the sum of the lines. The hourly rate is the model's (see hourly-rate.ts), passed in.
 */

export const supportedLivingBand = z.object({
  name: nameField('the complexity band', 100),
  sharedHoursPerWeek: quantityField('Shared staffing hours a week', 1_680, 'hours'),
  oneToOneHoursPerWeek: quantityField('1:1 hours a week', 168, 'hours'),
  sleepInNightsPerWeek: wholeField('Sleep-in nights a week', 0, 70),
  sleepInRatePence: penceField('Sleep-in rate per night', 100_000),
  wakingNightsPerWeek: wholeField('Waking nights a week', 0, 70),
  wakingNightRatePence: penceField('Waking night rate per night', 100_000),
});
export type SupportedLivingBand = z.input<typeof supportedLivingBand>;

export const supportedLivingRateInput = z.object({
  hourlyRatePence: penceField('Hourly rate', 10_000),
  /** People sharing the scheme's staff. */
  schemeSize: wholeField('Scheme size (people sharing)', 1, 20),
  band: supportedLivingBand,
});
export type SupportedLivingRateInput = z.input<typeof supportedLivingRateInput>;

export interface SupportedLivingRate {
  band: string;
  schemeSize: number;
  /** Shared support, 1:1 support, sleep-in, waking night — always all four, zero where none. */
  lines: CostLine[];
  weeklyPence: Pence;
}

export function supportedLivingWeeklyRate(input: SupportedLivingRateInput): SupportedLivingRate {
  const { hourlyRatePence: rate, schemeSize: people, band } = parseInput(supportedLivingRateInput, input);
  if (band.sharedHoursPerWeek === 0 && band.oneToOneHoursPerWeek === 0) {
    throw badRequest(
      `The ${band.name} band has no staffing: enter shared staffing hours, 1:1 hours or both`,
      'band.sharedHoursPerWeek',
    );
  }
  const shared = toHundredths(band.sharedHoursPerWeek);
  const oneToOne = toHundredths(band.oneToOneHoursPerWeek);
  const hourly = formatPence(rate);
  const sharing = `÷ ${people} ${people === 1 ? 'person' : 'people'}`;
  const lines: CostLine[] = [
    {
      label: 'Shared support',
      basis: `${showHours(shared)} a week × ${hourly} ${sharing}`,
      pence: multiplyDivideHalfUp(shared, rate, 100 * people),
    },
    { label: '1:1 support', basis: `${showHours(oneToOne)} a week × ${hourly}`, pence: multiplyDivideHalfUp(oneToOne, rate, 100) },
    {
      label: 'Sleep-in',
      basis: `${band.sleepInNightsPerWeek} nights a week × ${formatPence(band.sleepInRatePence)} ${sharing}`,
      pence: multiplyDivideHalfUp(band.sleepInNightsPerWeek, band.sleepInRatePence, people),
    },
    {
      label: 'Waking night',
      basis: `${band.wakingNightsPerWeek} nights a week × ${formatPence(band.wakingNightRatePence)} ${sharing}`,
      pence: multiplyDivideHalfUp(band.wakingNightsPerWeek, band.wakingNightRatePence, people),
    },
  ];
  return { band: band.name, schemeSize: people, lines, weeklyPence: sumLines(lines) };
}

/** Every band at every scheme size (e.g. 4, 5, 6): the rate card a cost-of-care exercise publishes. */
export function supportedLivingRateTable(input: {
  hourlyRatePence: Pence;
  schemeSizes: readonly number[];
  bands: readonly SupportedLivingBand[];
}): SupportedLivingRate[] {
  if (input.bands.length === 0) throw badRequest('Add at least one complexity band', 'bands');
  if (input.schemeSizes.length === 0) throw badRequest('Add at least one scheme size', 'schemeSizes');
  return input.bands.flatMap((band) =>
    input.schemeSizes.map((schemeSize) => supportedLivingWeeklyRate({ hourlyRatePence: input.hourlyRatePence, schemeSize, band })),
  );
}

import { z } from 'zod';
import { requiredText } from '../input.ts';

/**
 * The individual specification a partner authority issues for one scheme, under the partnership's
 * overarching specification (seed 002, 2.7: "client group, number of units, location"), plus the hours
 * and term the call-off is for.
 */
const hours = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} must not be negative`)
    .max(100_000, `${what} must be at most 100,000 a week`)
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, `${what} can have at most 2 decimal places`);

export const individualSpecificationInput = z
  .object({
    schemeName: requiredText('the scheme name', 200),
    clientGroup: requiredText('the client group, for example older people', 200),
    units: z.number().int('Units must be a whole number').min(0, 'Units must not be negative').max(10_000).nullish(),
    people: z.number().int('People must be a whole number').min(0, 'People must not be negative').max(10_000).nullish(),
    dayHoursPerWeek: hours('Day hours a week'),
    nightHoursPerWeek: hours('Night hours a week'),
    locality: requiredText('the locality', 200),
    startDate: z.iso.date({ message: 'Enter a real start date, for example 2019-04-01' }),
    termMonths: z.number().int('The term must be whole months').min(1, 'The term must be at least 1 month').max(600, 'The term can be at most 600 months'),
  })
  .refine((s) => (s.units ?? 0) > 0 || (s.people ?? 0) > 0, { message: 'Enter the number of units or of people', path: ['units'] });
export type IndividualSpecificationInput = z.infer<typeof individualSpecificationInput>;

export const CALL_OFF_METHODS = ['direct', 'mini_competition'] as const;
export type CallOffMethod = (typeof CALL_OFF_METHODS)[number];
export const CALL_OFF_STATUSES = ['draft', 'inviting', 'awarded', 'cancelled'] as const;
export type CallOffStatus = (typeof CALL_OFF_STATUSES)[number];
export const CALL_OFF_STATUS_LABELS: Record<CallOffStatus, string> = {
  draft: 'Draft: individual specification written',
  inviting: 'Mini-competition: invitations out',
  awarded: 'Awarded',
  cancelled: 'Cancelled',
};
export const PRICE_UNITS = ['hour', 'week'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

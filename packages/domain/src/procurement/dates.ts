import { z } from 'zod';
import { EARLIEST_DAY, LATEST_DAY } from '../input.ts';

/**
 * A calendar date as the database and forms hold it: 'YYYY-MM-DD', and a real one (no 31 June).
 * A day typed into a form: a real date, and between 1900 and 2199 like every other day Concord accepts.
 */
export const isoDate = z.iso
  .date({ message: 'Enter a real date, for example 2018-09-01' })
  .refine((d) => d >= EARLIEST_DAY && d <= LATEST_DAY, { message: 'Enter a date between 1900 and 2199' });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** For code paths that take a date from the caller rather than a form: a wrong shape is a bug, not user error. */
export function assertIsoDate(value: string, what: string): void {
  if (!ISO_DATE.test(value) || !isoDate.safeParse(value).success) throw new RangeError(`${what} must be a date as YYYY-MM-DD, got "${value}"`);
}

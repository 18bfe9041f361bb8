import { z } from 'zod';

/** A calendar date as the database and forms hold it: 'YYYY-MM-DD', and a real one (no 31 June). */
export const isoDate = z.iso.date({ message: 'Enter a real date, for example 2018-09-01' });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** For code paths that take a date from the caller rather than a form: a wrong shape is a bug, not user error. */
export function assertIsoDate(value: string, what: string): void {
  if (!ISO_DATE.test(value) || !isoDate.safeParse(value).success) throw new RangeError(`${what} must be a date as YYYY-MM-DD, got "${value}"`);
}

import { z } from 'zod';

/**
 * The building blocks every procedure's input is made of, so that nothing a person or a script can send
 * reaches the database as a value it cannot hold: text the database can store (no NUL, no lone UTF-16
 * surrogates), whole numbers that fit a PostgreSQL integer, days in a range every date library handles,
 * and amounts of money small enough that any product the domain forms with them (value × days, value ×
 * months, rate × weeks × count) stays a safe integer.
 */

/** PostgreSQL `integer`. */
export const INT4_MAX = 2_147_483_647;
/** The earliest and latest day Concord accepts anywhere (contracts, placements, returns, decisions). */
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2199-12-31';
/**
 * The most any single amount of money may be: £1,000,000,000.00. A contract's annual value times the
 * days of three centuries (109,572) is still below 2^53, so no calculation loses a penny.
 */
export const MAX_PENCE = 100_000_000_000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string can be stored as text: no NUL and no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

const storable = (schema: z.ZodString) =>
  schema.refine(isStorableText, { message: 'Remove the invisible control characters from this text', abort: true });

/** Any text: trimmed, storable, at most `max` characters (empty allowed). */
export const anyText = (max = 4000) => storable(z.string()).transform((s) => s.trim()).pipe(z.string().max(max, `Must be ${max} characters or fewer`));

/** Text that must be entered: trimmed, storable, 1 to `max` characters. */
export const requiredText = (what: string, max = 4000) =>
  storable(z.string({ error: `Enter ${what}` }))
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Enter ${what}`).max(max, `${capitalise(what)} must be ${max} characters or fewer`));

/** Text that may be left out (null, undefined or blank stays as given after trimming). */
export const optionalText = (max = 4000) => anyText(max).nullish();

/** A search box: storable, trimmed, short. */
export const searchText = (max = 200) => anyText(max).optional();

/** A record's id. */
export const recordId = (what: string) => z.uuid(`Choose ${what}`);

/** A whole number between `min` and `max` (at most a PostgreSQL integer). */
export const wholeNumber = (what: string, options: { min?: number; max?: number } = {}) => {
  const min = options.min ?? 0;
  const max = Math.min(options.max ?? INT4_MAX, INT4_MAX);
  return z
    .number({ error: `${capitalise(what)} must be a number` })
    .int(`${capitalise(what)} must be a whole number`)
    .min(min, `${capitalise(what)} must be ${min} or more`)
    .max(max, `${capitalise(what)} must be ${max.toLocaleString('en-GB')} or less`);
};

/** A day as an ISO date (YYYY-MM-DD) between 1900 and 2199. */
export const dayInput = (what: string) =>
  z.iso
    .date({ message: `Enter ${what} as a real date, for example 2019-05-31` })
    .refine((d) => d >= EARLIEST_DAY && d <= LATEST_DAY, { message: `Enter ${what} between 1900 and 2199` });

/** An amount of money in whole pence, not negative, at most `max` (and never more than £1bn). */
export const pence = (what: string, options: { max?: number } = {}) => {
  const max = Math.min(options.max ?? MAX_PENCE, MAX_PENCE);
  return z
    .number({ error: `${capitalise(what)} must be an amount in pence` })
    .int(`${capitalise(what)} must be a whole number of pence`)
    .min(0, `${capitalise(what)} must not be negative`)
    .max(max, `${capitalise(what)} must not be more than £${(max / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`);
};

/** An amount of money that may go either way (a variation's change), within ±`max`. */
export const signedPence = (what: string, options: { max?: number } = {}) => {
  const max = Math.min(options.max ?? MAX_PENCE, MAX_PENCE);
  return z
    .number({ error: `${capitalise(what)} must be an amount in pence` })
    .int(`${capitalise(what)} must be a whole number of pence`)
    .min(-max, `${capitalise(what)} must not be less than -£${(max / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`)
    .max(max, `${capitalise(what)} must not be more than £${(max / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`);
};

/** The version of a record the person was looking at when they changed it (optimistic concurrency). */
export const recordVersion = z.number({ error: 'Reload the page: the version of the record you changed is missing' }).int().min(1).max(INT4_MAX);

/**
 * A key the web sends once per form, so a double submit creates one record. Every create mutation requires
 * it (tests/integration/mutation-contract.test.ts checks each): a caller without a form makes one per record.
 */
export const idempotencyKey = z.uuid('The form key must be a UUID');

function capitalise(what: string): string {
  return what.charAt(0).toUpperCase() + what.slice(1);
}

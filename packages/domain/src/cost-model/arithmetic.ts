/**
 * Whole-number arithmetic for money and counts. Every rounding in the cost model, uplift and demand model goes
 * through here, so "round half up" means one thing: n / d to the nearest whole number, an exact half going up
 * (towards +∞). Done in BigInt, so 448.5 is never 448.49999… and large products never lose precision.
 */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`divideHalfUp needs whole numbers and a positive divisor, got ${numerator} / ${denominator}`);
  }
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  let quotient = n / d; // truncates towards zero
  let remainder = n % d;
  if (remainder < 0n) {
    quotient -= 1n; // floor
    remainder += d;
  }
  if (2n * remainder >= d) quotient += 1n;
  return Number(quotient);
}

/** For signed percentages (a gap can be either way): an exact half goes away from zero, so −2.85 → −2.9. */
export function divideHalfAwayFromZero(numerator: number, denominator: number): number {
  const magnitude = divideHalfUp(Math.abs(numerator), denominator);
  return numerator < 0 ? -magnitude : magnitude;
}

/**
 * Percentages, hours and weeks are entered with at most 2 decimal places (validation enforces it), and held as
 * whole hundredths: 11.5% → 1150, 37.5 hours → 3750. Math.round only cleans the binary fraction (11.5 × 100).
 */
export const toHundredths = (value: number): number => Math.round(value * 100);

/** A cost year is 52 weeks: rates are weekly and councils budget 52 paid weeks (break weeks are on top). */
export const WEEKS_PER_YEAR = 52;

/** "12.3" from 123 tenths: a percentage to one decimal place, for display and comparison. */
export const fromTenths = (tenths: number): number => tenths / 10;

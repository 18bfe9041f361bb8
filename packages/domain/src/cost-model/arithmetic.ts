/**
 * Whole-number arithmetic for money and counts. Every rounding in the cost model, uplift and demand model goes
 * through here, so "round half up" means one thing: n / d to the nearest whole number, an exact half going up
 * (towards +∞). Done in BigInt, so 448.5 is never 448.49999… and large products never lose precision.
 */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`divideHalfUp needs whole numbers and a positive divisor, got ${numerator} / ${denominator}`);
  }
  return toSafeNumber(quotientHalfUp(BigInt(numerator), BigInt(denominator)));
}

/**
 * a × b / d to the nearest whole number, an exact half going up: the product is formed in BigInt, so money
 * times days, months or hundredths never passes 2^53 on the way (1e13 pence × 109,572 days is fine). Throws a
 * RangeError only when the result itself is not a safe integer.
 */
export function multiplyDivideHalfUp(a: number, b: number, denominator: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`multiplyDivideHalfUp needs whole numbers and a positive divisor, got ${a} × ${b} / ${denominator}`);
  }
  return toSafeNumber(quotientHalfUp(BigInt(a) * BigInt(b), BigInt(denominator)));
}

/** A BigInt sum of products (e.g. weekly cost × weeks × days over many placements) divided, half up. */
export function divideBigIntHalfUp(numerator: bigint, denominator: number): number {
  if (!Number.isSafeInteger(denominator) || denominator <= 0) throw new RangeError(`divideBigIntHalfUp needs a positive whole divisor, got ${denominator}`);
  return toSafeNumber(quotientHalfUp(numerator, BigInt(denominator)));
}

function quotientHalfUp(n: bigint, d: bigint): bigint {
  let quotient = n / d; // truncates towards zero
  let remainder = n % d;
  if (remainder < 0n) {
    quotient -= 1n; // floor
    remainder += d;
  }
  if (2n * remainder >= d) quotient += 1n;
  return quotient;
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError(`The result ${value} is too large to hold exactly`);
  return Number(value);
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

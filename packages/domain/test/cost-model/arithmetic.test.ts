import { describe, expect, it } from 'vitest';
import { costOfDays } from '../../src/contract/continuation.ts';
import { termValue } from '../../src/contract/term.ts';
import { divideBigIntHalfUp, divideHalfUp, multiplyDivideHalfUp } from '../../src/cost-model/arithmetic.ts';
import { MAX_PENCE } from '../../src/input.ts';

describe('multiplyDivideHalfUp: a × b ÷ d, half up, the product in BigInt', () => {
  it('rounds an exact half up and anything below it down', () => {
    expect(multiplyDivideHalfUp(3, 1, 2)).toBe(2); // 1.5 → 2
    expect(multiplyDivideHalfUp(5, 1, 4)).toBe(1); // 1.25 → 1
    expect(multiplyDivideHalfUp(7, 3, 4)).toBe(5); // 5.25 → 5
    expect(multiplyDivideHalfUp(3, 3, 2)).toBe(5); // 4.5 → 5
    expect(multiplyDivideHalfUp(-3, 1, 2)).toBe(-1); // −1.5 → −1 (towards +∞, as divideHalfUp)
    expect(multiplyDivideHalfUp(-3, 1, 2)).toBe(divideHalfUp(-3, 2));
  });

  it('is exact where the product passes 2^53: £100bn a year × 3,650 days ÷ 365', () => {
    const annual = 1e13; // the old API limit, in pence
    expect(annual * 3650).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(() => divideHalfUp(annual * 3650, 365)).toThrow(RangeError);
    expect(multiplyDivideHalfUp(annual, 3650, 365)).toBe(annual * 10);
    expect(multiplyDivideHalfUp(9_007_199_254_740_991, 3, 3)).toBe(9_007_199_254_740_991);
    // 1e13 × 1 day ÷ 365 = 27,397,260,273.97… → 27,397,260,274
    expect(multiplyDivideHalfUp(annual, 1, 365)).toBe(27_397_260_274);
  });

  it('throws a RangeError only when the answer itself cannot be held exactly, or for a bad divisor', () => {
    expect(() => multiplyDivideHalfUp(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError);
    expect(() => multiplyDivideHalfUp(1, 1, 0)).toThrow(RangeError);
    expect(() => multiplyDivideHalfUp(1.5, 1, 1)).toThrow(RangeError);
  });

  it('divides a BigInt sum half up', () => {
    expect(divideBigIntHalfUp(365n * 10n ** 15n + 182n, 365)).toBe(1e15); // .4986 → down
    expect(divideBigIntHalfUp(365n * 10n ** 15n + 183n, 365)).toBe(1e15 + 1); // .5014 → up
    expect(divideBigIntHalfUp(5n, 2)).toBe(3);
  });
});

describe('the contract figures that overflowed at the API limit', () => {
  it('costs a continuation of £1bn a year for three centuries of days without a RangeError', () => {
    expect(costOfDays(MAX_PENCE, 109_572)).toBe(30_019_726_027_397);
    expect(costOfDays(1e13, 3650)).toBe(1e14);
  });

  it('values a 600-month term at £100bn a year', () => {
    expect(termValue(1e13, 600)).toBe(5e14);
    expect(termValue(40_358_900, 24)).toBe(80_717_800);
  });
});

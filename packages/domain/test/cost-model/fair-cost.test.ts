import { describe, expect, it } from 'vitest';
import { fairCostOfCare } from '../../src/cost-model/index.ts';

const submissions = (...pence: number[]) => pence.map((p, i) => ({ provider: `Provider ${i + 1}`, pencePerUnit: p }));

describe('fair cost of care quartiles (QUARTILE.INC)', () => {
  /*
   * Even count, n = 4, sorted 1,000 1,100 1,300 1,450:
   *   Q1     h = 3 × 0.25 = 0.75 → 1,000 + 0.75 × 100 = 1,075
   *   median h = 1.5             → 1,100 + 0.5 × 200  = 1,200
   *   Q3     h = 2.25            → 1,300 + 0.25 × 150 = 1,337.5 → 1,338 (half up)
   */
  it('interpolates an even count, in any input order', () => {
    expect(fairCostOfCare(submissions(1_300, 1_000, 1_450, 1_100))).toEqual({
      n: 4,
      minPence: 1_000,
      lowerQuartilePence: 1_075,
      medianPence: 1_200,
      upperQuartilePence: 1_338,
      maxPence: 1_450,
      fairRatePence: 1_200,
    });
  });

  it('takes exact ranks for n = 5 (h = 1, 2, 3)', () => {
    const f = fairCostOfCare(submissions(2_500, 1_800, 2_050, 2_000, 2_100));
    expect([f.lowerQuartilePence, f.medianPence, f.upperQuartilePence]).toEqual([2_000, 2_050, 2_100]);
  });

  /* n = 7: h = 1.5, 3, 4.5 → 1,550 + ½ × 51 = 1,575.5 → 1,576; 1,700; 1,800 + ½ × 100 = 1,850 */
  it('interpolates halfway for n = 7 and the median is the fair rate', () => {
    const f = fairCostOfCare(submissions(1_500, 1_550, 1_601, 1_700, 1_800, 1_900, 2_000));
    expect([f.lowerQuartilePence, f.medianPence, f.upperQuartilePence, f.fairRatePence]).toEqual([1_576, 1_700, 1_850, 1_700]);
  });

  it('one submission is every quartile, and none is refused', () => {
    expect(fairCostOfCare(submissions(2_345)).medianPence).toBe(2_345);
    expect(() => fairCostOfCare([])).toThrow(expect.objectContaining({ message: 'Add at least one provider submission' }));
    expect(() => fairCostOfCare(submissions(-5))).toThrow(
      expect.objectContaining({ message: 'Submitted cost per unit must not be negative', field: '[0].pencePerUnit' }),
    );
  });
});

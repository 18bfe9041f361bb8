import { describe, expect, it } from 'vitest';
import { sharedLivesAnnualCost } from '../../src/cost-model/index.ts';

describe('Shared Lives carer payments', () => {
  /*
   * £245.00 a week with 4 paid break weeks:
   *   52 weeks × £245.00 = 1,274,000
   *    4 weeks × £245.00 =    98,000
   *   per placement        1,372,000  (£13,720.00), × 13 placements = 17,836,000
   */
  it('pays 52 weeks plus each paid break week on top', () => {
    const cost = sharedLivesAnnualCost({ band: 'Long term', weeklyPence: 24_500, paidBreakWeeks: 4, placements: 13 });
    expect(cost.paidWeeksPerYear).toBe(56);
    expect(cost.lines).toEqual([
      { label: 'Placement weeks', basis: '52 weeks × £245.00', pence: 1_274_000 },
      { label: 'Paid break weeks', basis: '4 weeks × £245.00', pence: 98_000 },
    ]);
    expect(cost.annualPerPlacementPence).toBe(1_372_000);
    expect(cost.annualPence).toBe(17_836_000);
  });

  it('one more paid break week costs one more week per placement', () => {
    const four = sharedLivesAnnualCost({ weeklyPence: 24_500, paidBreakWeeks: 4 });
    const five = sharedLivesAnnualCost({ weeklyPence: 24_500, paidBreakWeeks: 5 });
    expect(five.annualPerPlacementPence - four.annualPerPlacementPence).toBe(24_500);
    expect(four.placements).toBe(1);
  });

  it('part weeks round half up to the penny', () => {
    // 2.5 × £245.01 = £612.525 → £612.53
    expect(sharedLivesAnnualCost({ weeklyPence: 24_501, paidBreakWeeks: 2.5 }).lines[1]!.pence).toBe(61_253);
  });

  it('refuses more break weeks than a year', () => {
    expect(() => sharedLivesAnnualCost({ weeklyPence: 24_500, paidBreakWeeks: 60 })).toThrow(
      expect.objectContaining({ message: 'Paid break weeks a year must not be more than 52 weeks', field: 'paidBreakWeeks' }),
    );
  });
});

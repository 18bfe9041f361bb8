import { describe, expect, it } from 'vitest';
import { budgetPosition, financialYear, financialYearOf } from '../../src/budget/index.ts';
import { PLYMOUTH_SHARED_LIVES_UPLIFT_2023, upliftImpact } from '../../src/uplift/index.ts';

/*
 * Plymouth Shared Lives 2023/24 (seed 000): budget £403,589; 13 long-term placements averaging £245 a week.
 * The demo's 13 weekly costs (packages/db/src/seed/placements.ts) flex from £213 to £277 around £245, each an
 * odd number of whole pounds so that +11.5% rounds half up exactly as £245.00 does.
 */
export const PLYMOUTH_WEEKLY = [21_300, 22_100, 22_900, 23_700, 24_500, 24_500, 24_500, 24_500, 24_500, 25_300, 26_100, 26_900, 27_700];

describe('financial years', () => {
  it('run April to March and are named by the starting year', () => {
    expect(financialYear(2023)).toEqual({ year: 2023, label: '2023/24', start: '2023-04-01', end: '2024-03-31', days: 366 });
    expect(financialYear(2018).days).toBe(365);
    expect([financialYearOf('2023-10-01'), financialYearOf('2024-03-31'), financialYearOf('2024-04-01')]).toEqual([2023, 2023, 2024]);
    expect(() => financialYear(23)).toThrow(expect.objectContaining({ field: 'financialYear' }));
  });
});

describe('budget position', () => {
  const placements = PLYMOUTH_WEEKLY.map((weeklyCostPence) => ({ weeklyCostPence, startDate: '2019-06-01', endDate: null }));
  // The scheme fee (recruiting, matching and supporting carers), paid quarterly: budget − 52 weeks of placements.
  const fee = [1, 2, 3, 4].map((q) => ({ amountPence: 5_949_225, dueOn: ['2023-04-01', '2023-07-01', '2023-10-01', '2024-01-01'][q - 1]! }));

  it('the 13 placements average £245 and cost £165,620 over a 52-week year', () => {
    expect(PLYMOUTH_WEEKLY.reduce((s, w) => s + w, 0)).toBe(13 * 24_500);
    const p = budgetPosition({ financialYear: 2023, asOf: '2024-03-31', budgetPence: 40_358_900, placements, blockPayments: fee });
    expect(p.toDate.placementsPence).toBe(16_562_000);
    expect(p.committed.totalPence).toBe(0);
    expect(p.forecastOutturnPence).toBe(40_358_900);
    expect(p.variancePence).toBe(0);
  });

  it('splits to date and committed at the as-of date: weekly cost × weeks remaining', () => {
    const p = budgetPosition({ financialYear: 2023, asOf: '2023-09-30', budgetPence: 40_358_900, placements, blockPayments: fee });
    // 1 April – 30 September 2023 is 183 of 366 days: exactly half the 52 weeks.
    expect(p.toDate).toEqual({ placementsPence: 8_281_000, blockPaymentsPence: 2 * 5_949_225, totalPence: 8_281_000 + 2 * 5_949_225 });
    expect(p.committed).toEqual({ placementsPence: 8_281_000, blockPaymentsPence: 2 * 5_949_225, totalPence: 8_281_000 + 2 * 5_949_225 });
    expect(p.forecastOutturnPence).toBe(40_358_900);
    expect(p.activePlacements).toBe(13);
  });

  it('a placement ending in the year stops counting; one starting later counts from its start; overspend is negative variance', () => {
    const p = budgetPosition({
      financialYear: 2023,
      asOf: '2023-03-31', // before the year: everything is committed
      budgetPence: 1_000_000,
      placements: [
        { weeklyCostPence: 36_600, startDate: '2020-01-01', endDate: '2023-04-30' }, // 30 days: 36,600 × 52 × 30 ÷ 366 = 156,000
        { weeklyCostPence: 36_600, startDate: '2024-03-02', endDate: null }, // 30 days
      ],
      blockPayments: [{ amountPence: 900_000, dueOn: '2023-06-01' }, { amountPence: 5, dueOn: '2024-04-01' }],
    });
    expect(p.toDate.totalPence).toBe(0);
    expect(p.committed).toEqual({ placementsPence: 312_000, blockPaymentsPence: 900_000, totalPence: 1_212_000 });
    expect(p.variancePence).toBe(-212_000);
  });
});

describe('uplift maths from the placement rows', () => {
  it("the demo's 13 flexing rates cost the same uplift as 13 × £245: £11,300.51 to March, £22,601.02 a full year", () => {
    const fromRows = upliftImpact({ ...PLYMOUTH_SHARED_LIVES_UPLIFT_2023, placements: PLYMOUTH_WEEKLY.map((weeklyPence) => ({ weeklyPence })) });
    expect(fromRows.weeklyRisePence).toBe(36_634);
    expect(fromRows.restOfYear.totalPence).toBe(1_130_051);
    expect(fromRows.fullYear.totalPence).toBe(2_260_102);
    expect(fromRows).toEqual(upliftImpact(PLYMOUTH_SHARED_LIVES_UPLIFT_2023));
  });
});

import { describe, expect, it } from 'vitest';
import { extraCareSchemeCost } from '../../src/cost-model/index.ts';

describe('Extra Care scheme cost', () => {
  /*
   * 500 day hours a week at £19.50, two waking night staff every night at £150.00, 47 units:
   *   day      500 × £19.50   =   975,000
   *   waking   14 × £150.00   =   210,000
   *   sleep-in 0              =         0
   *   weekly                   1,185,000  (£11,850.00); annual × 52 = 61,620,000 (£616,200.00)
   *   per unit a week 1,185,000 ÷ 47 = 25,212.77 → 25,213
   */
  it('costs the day block and night cover a week and a year', () => {
    const cost = extraCareSchemeCost({
      scheme: 'Example Court',
      hourlyRatePence: 1_950,
      dayHoursPerWeek: 500,
      wakingNightsPerWeek: 14,
      wakingNightRatePence: 15_000,
      sleepInNightsPerWeek: 0,
      sleepInRatePence: 0,
      units: 47,
    });
    expect(cost.lines.map((l) => l.pence)).toEqual([975_000, 210_000, 0]);
    expect(cost.lines[0]!.basis).toBe('500 hours a week × £19.50');
    expect(cost.weeklyPence).toBe(1_185_000);
    expect(cost.annualPence).toBe(61_620_000);
    expect(cost.weeklyPerUnitPence).toBe(25_213);
  });

  it('refuses a scheme with no care at all', () => {
    expect(() =>
      extraCareSchemeCost({
        hourlyRatePence: 1_950,
        dayHoursPerWeek: 0,
        wakingNightsPerWeek: 0,
        wakingNightRatePence: 0,
        sleepInNightsPerWeek: 0,
        sleepInRatePence: 0,
      }),
    ).toThrow(expect.objectContaining({ message: 'The scheme has no care hours: enter day hours, night cover or both' }));
  });
});

import { describe, expect, it } from 'vitest';
import { supportedLivingRateTable, supportedLivingWeeklyRate, type SupportedLivingBand } from '../../src/cost-model/index.ts';

const COMPLEX: SupportedLivingBand = {
  name: 'Complex',
  sharedHoursPerWeek: 84,
  oneToOneHoursPerWeek: 10,
  sleepInNightsPerWeek: 7,
  sleepInRatePence: 9_000,
  wakingNightsPerWeek: 0,
  wakingNightRatePence: 0,
};
const HIGHLY_COMPLEX: SupportedLivingBand = {
  name: 'Highly complex',
  sharedHoursPerWeek: 112,
  oneToOneHoursPerWeek: 28,
  sleepInNightsPerWeek: 0,
  sleepInRatePence: 0,
  wakingNightsPerWeek: 7,
  wakingNightRatePence: 16_555,
};

describe('supported living weekly rate', () => {
  /*
   * Complex band, scheme of 5, at £20.00 an hour:
   *   shared support  84 h × £20.00 ÷ 5          = 33,600
   *   1:1 support     10 h × £20.00              = 20,000
   *   sleep-in        7 × £90.00 ÷ 5             = 12,600
   *   waking night    0                          =      0
   *   weekly                                       66,200  (£662.00)
   */
  it('shares scheme staffing and nights, adds 1:1 hours', () => {
    const rate = supportedLivingWeeklyRate({ hourlyRatePence: 2_000, schemeSize: 5, band: COMPLEX });
    expect(rate.lines.map((l) => [l.label, l.basis, l.pence])).toEqual([
      ['Shared support', '84 hours a week × £20.00 ÷ 5 people', 33_600],
      ['1:1 support', '10 hours a week × £20.00', 20_000],
      ['Sleep-in', '7 nights a week × £90.00 ÷ 5 people', 12_600],
      ['Waking night', '0 nights a week × £0.00 ÷ 5 people', 0],
    ]);
    expect(rate.weeklyPence).toBe(66_200);
  });

  /*
   * Highly complex, scheme of 6:
   *   shared  112 h × £20.00 ÷ 6 = 37,333.33 → 37,333
   *   1:1     28 h × £20.00      = 56,000
   *   waking  7 × £165.55 ÷ 6    = 19,314.17 → 19,314
   *   weekly                       112,647
   */
  it('rounds each line half up to the penny', () => {
    const rate = supportedLivingWeeklyRate({ hourlyRatePence: 2_000, schemeSize: 6, band: HIGHLY_COMPLEX });
    expect(rate.lines.map((l) => l.pence)).toEqual([37_333, 56_000, 0, 19_314]);
    expect(rate.weeklyPence).toBe(112_647);
    // 1 h × £20.01 ÷ 2 = 1,000.5 → 1,001: an exact half goes up.
    const half = supportedLivingWeeklyRate({
      hourlyRatePence: 2_001,
      schemeSize: 2,
      band: { ...COMPLEX, sharedHoursPerWeek: 1, oneToOneHoursPerWeek: 0, sleepInNightsPerWeek: 0 },
    });
    expect(half.weeklyPence).toBe(1_001);
  });

  it('gives a rate card by band and scheme size: bigger schemes share more thinly', () => {
    const table = supportedLivingRateTable({ hourlyRatePence: 2_000, schemeSizes: [4, 5, 6], bands: [COMPLEX, HIGHLY_COMPLEX] });
    expect(table.map((r) => [r.band, r.schemeSize, r.weeklyPence])).toEqual([
      ['Complex', 4, 77_750],
      ['Complex', 5, 66_200],
      ['Complex', 6, 58_500],
      ['Highly complex', 4, 56_000 + 56_000 + 28_971],
      ['Highly complex', 5, 44_800 + 56_000 + 23_177],
      ['Highly complex', 6, 112_647],
    ]);
  });

  it('refuses a band with no staffing', () => {
    expect(() =>
      supportedLivingWeeklyRate({ hourlyRatePence: 2_000, schemeSize: 5, band: { ...COMPLEX, sharedHoursPerWeek: 0, oneToOneHoursPerWeek: 0 } }),
    ).toThrow(
      expect.objectContaining({
        message: 'The Complex band has no staffing: enter shared staffing hours, 1:1 hours or both',
        field: 'band.sharedHoursPerWeek',
      }),
    );
  });

  it('refuses a scheme of nobody and impossible hours', () => {
    expect(() => supportedLivingWeeklyRate({ hourlyRatePence: 2_000, schemeSize: 0, band: COMPLEX })).toThrow(
      expect.objectContaining({ message: 'Scheme size (people sharing) must be between 1 and 20', field: 'schemeSize' }),
    );
    expect(() => supportedLivingWeeklyRate({ hourlyRatePence: 2_000, schemeSize: 5, band: { ...COMPLEX, oneToOneHoursPerWeek: 200 } })).toThrow(
      expect.objectContaining({ message: '1:1 hours a week must not be more than 168 hours', field: 'band.oneToOneHoursPerWeek' }),
    );
  });
});

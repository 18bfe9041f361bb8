import { describe, expect, it } from 'vitest';
import { hourlyRate, type HourlyRateInput } from '../../src/cost-model/index.ts';

/*
 * Hand-worked example (pence per contact hour):
 *   1 contact time pay        £12.00 × 1                          = 1,200
 *   2 travel time pay         £12.00 × 20%                        =   240
 *   3 training & supervision  £12.00 × 5%                         =    60
 *     paid-time pay                                               = 1,500
 *   4 employer NI             1,500 × 8.1%   = 121.5  → half up   =   122
 *   5 employer pension        1,500 × 3%                          =    45
 *   6 holiday pay             1,500 × 12.07% = 181.05 →           =   181
 *   7 mileage                                                     =   150
 *   8 back office                                                 =   400
 *     subtotal                                                    = 2,398
 *   9 surplus                 2,398 × 3%     = 71.94  →           =    72
 *     rate                                                        = 2,470  (£24.70)
 */
const EXAMPLE: HourlyRateInput = {
  careWorkerPayPence: 1_200,
  travelTimePercent: 20,
  trainingAndSupervisionPercent: 5,
  employerNiPercent: 8.1,
  pensionPercent: 3,
  holidayPercent: 12.07,
  mileagePencePerContactHour: 150,
  backOfficePencePerContactHour: 400,
  surplusPercent: 3,
};

describe('hourly home care rate', () => {
  it('builds the rate line by line, in formula order, and the lines add up to the rate', () => {
    const rate = hourlyRate(EXAMPLE);
    expect(rate.lines.map((l) => [l.label, l.pence])).toEqual([
      ['Care worker pay (contact time)', 1_200],
      ['Travel time pay', 240],
      ['Training and supervision time pay', 60],
      ['Employer National Insurance', 122],
      ['Employer pension', 45],
      ['Holiday pay', 181],
      ['Mileage', 150],
      ['Back office', 400],
      ['Surplus', 72],
    ]);
    expect(rate.paidTimePayPence).toBe(1_500);
    expect(rate.paidHoursPerContactHour).toBe(1.25);
    expect(rate.subtotalPence).toBe(2_398);
    expect(rate.ratePence).toBe(2_470);
    expect(rate.lines.reduce((t, l) => t + l.pence, 0)).toBe(rate.ratePence);
  });

  it('shows the basis of each step', () => {
    const lines = hourlyRate(EXAMPLE).lines;
    expect(lines[1]!.basis).toBe('£12.00 × 20% of contact time');
    expect(lines[3]!.basis).toBe('8.1% of paid-time pay £15.00');
    expect(lines[8]!.basis).toBe('3% of costs £23.98');
  });

  it('with no travel, training, on-costs or overheads the rate is the wage', () => {
    const bare = hourlyRate({
      careWorkerPayPence: 1_144,
      travelTimePercent: 0,
      trainingAndSupervisionPercent: 0,
      employerNiPercent: 0,
      pensionPercent: 0,
      holidayPercent: 0,
      mileagePencePerContactHour: 0,
      backOfficePencePerContactHour: 0,
      surplusPercent: 0,
    });
    expect(bare.ratePence).toBe(1_144);
  });

  it.each([
    [{ careWorkerPayPence: -1 }, 'Care worker hourly pay must not be negative', 'careWorkerPayPence'],
    [{ careWorkerPayPence: 1_200.5 }, 'Care worker hourly pay must be a whole number of pence', 'careWorkerPayPence'],
    [{ careWorkerPayPence: 120_000 }, 'Care worker hourly pay must not be more than £100.00', 'careWorkerPayPence'],
    [{ employerNiPercent: 101 }, 'Employer National Insurance must be between 0% and 100%', 'employerNiPercent'],
    [{ travelTimePercent: -5 }, 'Travel time must be between 0% and 100%', 'travelTimePercent'],
    [{ holidayPercent: 12.075 }, 'Holiday pay can have at most 2 decimal places', 'holidayPercent'],
    [
      { employerNiPercent: 60, pensionPercent: 30, holidayPercent: 12.07 },
      'On-costs must be between 0% and 100% in total (National Insurance, pension and holiday pay)',
      'employerNiPercent',
    ],
    [{ mileagePencePerContactHour: 5_000 }, 'Mileage per contact hour must not be more than £20.00', 'mileagePencePerContactHour'],
    [{ surplusPercent: Number.NaN }, 'Surplus must be a number', 'surplusPercent'],
  ])('refuses %o', (change, message, field) => {
    expect(() => hourlyRate({ ...EXAMPLE, ...change })).toThrow(expect.objectContaining({ kind: 'BAD_REQUEST', message, field }));
  });

  it('accepts on-costs of exactly 100% in total', () => {
    expect(hourlyRate({ ...EXAMPLE, employerNiPercent: 50, pensionPercent: 30, holidayPercent: 20 }).lines[3]!.pence).toBe(750);
  });
});

import { describe, expect, it } from 'vitest';
import { continuationExtraCost, planBulkContinuation, type ContinuationCandidate } from '../../src/contract/continuation.ts';
import { addMonths, daysBetween, extendEnd, termEnd } from '../../src/contract/dates.ts';
import { contractTermEnd, latestPossibleEnd, termValue } from '../../src/contract/term.ts';

/*
 * Kent's home-care contracts (seed 004): "The total annual value of the current contracted service is
 * £33,632,993.52. The proposed contract continuations for Homecare include an additional £7,095,568.31."
 * The demo register (packages/db/src/seed/contracts.ts) holds eight area contracts: four ending 28 February
 * 2019 (92 days to 31 May 2019) and four ending 31 March 2019 (61 days). Each adds annual × days ÷ 365,
 * rounded half up to the penny; the total is the sum of those.
 */
export const KENT_HOME_CARE: ContinuationCandidate[] = [
  { id: 'ash', reference: 'KCC-HC-ASH', title: 'Home care – Ashford', status: 'extended', annualValuePence: 392_417_306, endDate: '2019-02-28' },
  { id: 'can', reference: 'KCC-HC-CAN', title: 'Home care – Canterbury and Coastal', status: 'extended', annualValuePence: 541_236_718, endDate: '2019-02-28' },
  { id: 'skc', reference: 'KCC-HC-SKC', title: 'Home care – South Kent Coast', status: 'extended', annualValuePence: 447_809_153, endDate: '2019-02-28' },
  { id: 'tha', reference: 'KCC-HC-THA', title: 'Home care – Thanet', status: 'extended', annualValuePence: 354_891_101, endDate: '2019-02-28' },
  { id: 'dgs', reference: 'KCC-HC-DGS', title: 'Home care – Dartford, Gravesham and Swanley', status: 'extended', annualValuePence: 463_118_427, endDate: '2019-03-31' },
  { id: 'swa', reference: 'KCC-HC-SWA', title: 'Home care – Swale', status: 'extended', annualValuePence: 268_934_512, endDate: '2019-03-31' },
  { id: 'wk1', reference: 'KCC-HC-WKM', title: 'Home care – West Kent (Maidstone and Malling)', status: 'extended', annualValuePence: 512_680_239, endDate: '2019-03-31' },
  { id: 'wk2', reference: 'KCC-HC-WKT', title: 'Home care – West Kent (Tunbridge Wells and Sevenoaks)', status: 'extended', annualValuePence: 382_211_896, endDate: '2019-03-31' },
];

describe('continuation cost', () => {
  it('is annual value × extra days ÷ 365, half up', () => {
    // £3,650.00 a year is £10.00 a day: 61 days = £610.00
    expect(continuationExtraCost(365_000, '2019-03-31', '2019-05-31')).toEqual({ extraDays: 61, extraPence: 61_000 });
    // 100p × 1 ÷ 365 = 0.27 → 0; 183p × 1 ÷ 365 = 0.501 → 1
    expect(continuationExtraCost(100, '2019-05-30', '2019-05-31').extraPence).toBe(0);
    expect(continuationExtraCost(183, '2019-05-30', '2019-05-31').extraPence).toBe(1);
  });

  it("reproduces Kent's figures: £33,632,993.52 a year, continuations adding £7,095,568.31", () => {
    const plan = planBulkContinuation(KENT_HOME_CARE, '2019-05-31');
    expect(plan.totalAnnualValuePence).toBe(3_363_299_352);
    expect(plan.totalExtraPence).toBe(709_556_831);
    expect(plan.lines.map((l) => l.extraDays)).toEqual([92, 92, 92, 92, 61, 61, 61, 61]);
    expect(plan.lines[0]).toMatchObject({ reference: 'KCC-HC-ASH', currentEndDate: '2019-02-28', newEndDate: '2019-05-31', extraPence: 98_910_663 });
    expect(plan.lines.reduce((s, l) => s + l.extraPence, 0)).toBe(plan.totalExtraPence);
  });

  it('is all or nothing: one contract already ending later, or not running, refuses the whole plan, naming it', () => {
    const later = [...KENT_HOME_CARE.slice(0, 2), { ...KENT_HOME_CARE[2]!, endDate: '2019-06-30' }];
    expect(() => planBulkContinuation(later, '2019-05-31')).toThrow(expect.objectContaining({ field: 'contractIds[2]', message: expect.stringContaining('KCC-HC-SKC') }));
    const expired = [{ ...KENT_HOME_CARE[0]!, status: 'expired' as const }];
    expect(() => planBulkContinuation(expired, '2019-05-31')).toThrow(expect.objectContaining({ field: 'contractIds[0]' }));
    expect(() => planBulkContinuation([KENT_HOME_CARE[0]!, KENT_HOME_CARE[0]!], '2019-05-31')).toThrow(expect.objectContaining({ field: 'contractIds[1]' }));
    expect(() => planBulkContinuation([], '2019-05-31')).toThrow(expect.objectContaining({ field: 'contractIds' }));
  });
});

describe('terms and extension options', () => {
  it('counts dates inclusively and keeps month ends', () => {
    expect(termEnd('2023-10-01', 24)).toBe('2025-09-30');
    expect(contractTermEnd('2016-11-07', 36)).toBe('2019-11-06');
    expect(extendEnd('2021-09-30', 12)).toBe('2022-09-30');
    expect(extendEnd('2019-02-28', 1)).toBe('2019-03-31');
    expect(addMonths('2019-01-31', 1)).toBe('2019-02-28');
    expect(daysBetween('2019-02-28', '2019-05-31')).toBe(92);
  });

  it('latest possible end: current end plus the options not yet decided (3 years + 1 + 1)', () => {
    const end = contractTermEnd('2016-11-07', 36);
    expect(latestPossibleEnd(end, [{ months: 12, status: 'available' }, { months: 12, status: 'available' }])).toBe('2021-11-06');
    expect(latestPossibleEnd('2020-11-06', [{ months: 12, status: 'exercised' }, { months: 12, status: 'available' }])).toBe('2021-11-06');
    expect(latestPossibleEnd('2020-11-06', [{ months: 12, status: 'exercised' }, { months: 12, status: 'declined' }])).toBe('2020-11-06');
  });

  it("values a term by months: Plymouth's £403,589 a year for two years is £807,178", () => {
    expect(termValue(40_358_900, 24)).toBe(80_717_800);
    expect(() => termValue(-1, 12)).toThrow(expect.objectContaining({ field: 'annualValuePence' }));
  });
});

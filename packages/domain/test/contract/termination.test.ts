import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { planTermination, type TerminationCandidate } from '../../src/contract/termination.ts';

/** Plymouth's Shared Lives direct award (seed 000): £403,589 a year for two years from 1 October 2023. */
const sharedLives: TerminationCandidate = {
  reference: 'PLY-SL-2023',
  status: 'active',
  startDate: '2023-10-01',
  endDate: '2025-09-30',
  annualValuePence: 40_358_900,
  totalValuePence: 80_717_800,
};

function refusal(run: () => unknown): { field: string | undefined; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('terminating a contract early', () => {
  it('ends it on the day and takes the days after it off the total at annual × days ÷ 365', () => {
    // Ended on 31 March 2025: 183 days (1 April to 30 September 2025) are not bought.
    // £403,589 × 183 ÷ 365 = £202,347.36 (20,234,736.16p, rounded half up to the penny).
    expect(planTermination(sharedLives, '2025-03-31')).toEqual({ newEndDate: '2025-03-31', daysCut: 183, valueChangePence: -20_234_736 });
  });

  it('on its last day takes nothing off', () => {
    expect(planTermination(sharedLives, '2025-09-30')).toEqual({ newEndDate: '2025-09-30', daysCut: 0, valueChangePence: 0 });
  });

  it('never takes the total below zero', () => {
    expect(planTermination({ ...sharedLives, totalValuePence: 1_000 }, '2023-10-01').valueChangePence).toBe(-1_000);
  });

  it('an extended contract may be terminated too', () => {
    expect(planTermination({ ...sharedLives, status: 'extended' }, '2024-09-30').daysCut).toBe(365);
  });

  it('refuses a date before the start or after the end, and a contract not running, naming the field', () => {
    expect(refusal(() => planTermination(sharedLives, '2023-09-30'))).toEqual({ field: 'terminatedOn', message: 'The termination date cannot be before the contract started (1 October 2023)' });
    expect(refusal(() => planTermination(sharedLives, '2025-10-01'))).toEqual({
      field: 'terminatedOn',
      message: 'PLY-SL-2023 already ends on 30 September 2025: record what happens at the end of its term instead',
    });
    expect(refusal(() => planTermination({ ...sharedLives, status: 'terminated' }, '2024-01-01'))).toEqual({
      field: 'contractId',
      message: 'PLY-SL-2023 is terminated: only an active or extended contract can be terminated',
    });
    expect(refusal(() => planTermination({ ...sharedLives, status: 'expired' }, '2024-01-01')).field).toBe('contractId');
  });
});

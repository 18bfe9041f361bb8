import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { assertCanWithdrawApplication } from '../../src/procurement/withdrawal.ts';

const TODAY = '2026-03-10';
const received = { status: 'received' as const, receivedOn: '2026-02-03', decidedOn: null };

function refusal(a: Parameters<typeof assertCanWithdrawApplication>[0], on: string) {
  try {
    assertCanWithdrawApplication(a, on, TODAY);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).kind).toBe('BAD_REQUEST');
    return { field: (e as DomainError).field, message: (e as DomainError).message };
  }
  throw new Error('expected a refusal');
}

describe('withdrawing an application', () => {
  it('is allowed while it is being evaluated, from the day it was received to today', () => {
    expect(() => assertCanWithdrawApplication(received, '2026-02-03', TODAY)).not.toThrow();
    expect(() => assertCanWithdrawApplication(received, TODAY, TODAY)).not.toThrow();
  });

  it('is refused once decided or withdrawn, naming the application', () => {
    expect(refusal({ status: 'admitted', receivedOn: '2026-02-03', decidedOn: '2026-03-01' }, TODAY)).toEqual({
      field: 'applicationId',
      message: 'The application was already admitted on 1 March 2026: only an application still being evaluated can be withdrawn',
    });
    expect(refusal({ status: 'rejected', receivedOn: '2026-02-03', decidedOn: '2026-02-20' }, TODAY).field).toBe('applicationId');
    expect(refusal({ status: 'withdrawn', receivedOn: '2026-02-03', decidedOn: '2026-02-10' }, TODAY).message).toContain('already withdrawn on 10 February 2026');
  });

  it('cannot be dated in the future or before the application was received', () => {
    expect(refusal(received, '2026-03-11')).toEqual({ field: 'withdrawnOn', message: 'The withdrawal date cannot be in the future' });
    expect(refusal(received, '2026-02-02')).toEqual({ field: 'withdrawnOn', message: 'The withdrawal cannot be dated before the application was received (3 February 2026)' });
  });
});

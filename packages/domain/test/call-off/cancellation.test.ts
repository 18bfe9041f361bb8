import { describe, expect, it } from 'vitest';
import { assertCanCancelCallOff, canCancelCallOff, type CallOffToCancel } from '../../src/call-off/cancellation.ts';
import { DomainError } from '../../src/errors.ts';

const TODAY = '2026-03-10';
const draft: CallOffToCancel = { status: 'draft', awardedOn: null, recordedOn: '2026-02-01', firstInvitedOn: null };

function refusal(c: CallOffToCancel, on: string): { field: string | undefined; message: string } {
  try {
    assertCanCancelCallOff(c, on, TODAY);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).kind).toBe('BAD_REQUEST');
    return { field: (e as DomainError).field, message: (e as DomainError).message };
  }
  throw new Error('expected a refusal');
}

describe('cancelling a call-off', () => {
  it('is allowed before award: as a draft or with invitations out', () => {
    expect(['draft', 'inviting', 'awarded', 'cancelled'].filter((s) => canCancelCallOff(s as CallOffToCancel['status']))).toEqual(['draft', 'inviting']);
    expect(() => assertCanCancelCallOff(draft, '2026-02-01', TODAY)).not.toThrow();
    expect(() => assertCanCancelCallOff({ ...draft, status: 'inviting', firstInvitedOn: '2026-02-05' }, TODAY, TODAY)).not.toThrow();
  });

  it('is refused once awarded, naming the call-off and the award date', () => {
    expect(refusal({ ...draft, status: 'awarded', awardedOn: '2026-03-01' }, TODAY)).toEqual({
      field: 'callOffId',
      message: 'This call-off was awarded on 1 March 2026, so it cannot be cancelled: vary or end its contract instead',
    });
  });

  it('is refused a second time', () => {
    expect(refusal({ ...draft, status: 'cancelled' }, TODAY)).toEqual({ field: 'callOffId', message: 'This call-off has already been cancelled' });
  });

  it('cannot be dated in the future', () => {
    expect(refusal(draft, '2026-03-11')).toEqual({ field: 'cancelledOn', message: 'The cancellation date cannot be in the future' });
  });

  it('cannot be dated before the call-off began: the earlier of the day recorded and its first invitation', () => {
    expect(refusal(draft, '2026-01-31')).toEqual({ field: 'cancelledOn', message: 'The cancellation cannot be dated before the call-off began (1 February 2026)' });
    // Recorded after the event: invitations went out on 5 January, so a cancellation on 20 January stands.
    const late = { ...draft, status: 'inviting' as const, recordedOn: '2026-03-01', firstInvitedOn: '2026-01-05' };
    expect(() => assertCanCancelCallOff(late, '2026-01-20', TODAY)).not.toThrow();
    expect(refusal(late, '2026-01-04').message).toBe('The cancellation cannot be dated before the call-off began (5 January 2026)');
  });
});

import { longDate } from '../date-text.ts';
import { badRequest } from '../errors.ts';
import type { CallOffStatus } from './specification.ts';

/** A call-off can be cancelled until it is awarded: as a draft, or while its mini-competition's invitations are out. */
export const CANCELLABLE_CALL_OFF_STATUSES: readonly CallOffStatus[] = ['draft', 'inviting'];

export const canCancelCallOff = (status: CallOffStatus): boolean => CANCELLABLE_CALL_OFF_STATUSES.includes(status);

export interface CallOffToCancel {
  status: CallOffStatus;
  awardedOn: string | null;
  /** The day the call-off was recorded (London). */
  recordedOn: string;
  /** Its earliest invitation, once a mini-competition has started (a call-off may be recorded after the event). */
  firstInvitedOn: string | null;
}

/**
 * Whether the call-off may be cancelled on that day: not once awarded (its contract is varied or ended
 * instead), not twice, not in the future, and not before the call-off began (the earlier of the day it was
 * recorded and its first invitation). Throws BAD_REQUEST naming the field.
 */
export function assertCanCancelCallOff(c: CallOffToCancel, cancelledOn: string, today: string): void {
  if (c.status === 'awarded')
    throw badRequest(`This call-off was awarded${c.awardedOn ? ` on ${longDate(c.awardedOn)}` : ''}, so it cannot be cancelled: vary or end its contract instead`, 'callOffId');
  if (c.status === 'cancelled') throw badRequest('This call-off has already been cancelled', 'callOffId');
  if (cancelledOn > today) throw badRequest('The cancellation date cannot be in the future', 'cancelledOn');
  const began = c.firstInvitedOn !== null && c.firstInvitedOn < c.recordedOn ? c.firstInvitedOn : c.recordedOn;
  if (cancelledOn < began) throw badRequest(`The cancellation cannot be dated before the call-off began (${longDate(began)})`, 'cancelledOn');
}

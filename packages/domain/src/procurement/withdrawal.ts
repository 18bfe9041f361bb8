import { longDate } from '../date-text.ts';
import { badRequest } from '../errors.ts';
import type { ApplicationStatus } from './labels.ts';

/**
 * A provider may withdraw its application while it is being evaluated: not once it has been admitted,
 * rejected or already withdrawn. The withdrawal is dated on or after the day the application was received,
 * and not in the future. Throws BAD_REQUEST naming the field.
 */
export function assertCanWithdrawApplication(a: { status: ApplicationStatus; receivedOn: string; decidedOn: string | null }, withdrawnOn: string, today: string): void {
  if (a.status !== 'received') {
    const when = a.decidedOn ? ` on ${longDate(a.decidedOn)}` : '';
    throw badRequest(`The application was already ${a.status}${when}: only an application still being evaluated can be withdrawn`, 'applicationId');
  }
  if (withdrawnOn > today) throw badRequest('The withdrawal date cannot be in the future', 'withdrawnOn');
  if (withdrawnOn < a.receivedOn) throw badRequest(`The withdrawal cannot be dated before the application was received (${longDate(a.receivedOn)})`, 'withdrawnOn');
}

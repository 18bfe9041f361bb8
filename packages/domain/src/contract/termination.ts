import { badRequest } from '../errors.ts';
import { longDate } from '../date-text.ts';
import type { Pence } from '../money.ts';
import { costOfDays } from './continuation.ts';
import { daysBetween } from './dates.ts';
import { CONTRACT_STATUS_LABELS, LIVE_CONTRACT_STATUSES, type ContractStatus } from './labels.ts';

export interface TerminationCandidate {
  reference: string;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  annualValuePence: Pence;
  totalValuePence: Pence;
}

export interface TerminationPlan {
  /** The contract's last day: the termination date. */
  newEndDate: string;
  /** The days cut from the term: after the termination date, up to the current end date. */
  daysCut: number;
  /** What the termination takes off the total value (zero or negative): annual × days cut ÷ 365. */
  valueChangePence: Pence;
}

/**
 * Ending a contract before its end date (for example on a provider's failure, or by notice under a break
 * clause). It runs to the termination date inclusive; the days after it, up to the current end date, come
 * off the total value at the annual value (annual × days ÷ 365, as a continuation adds them). The date may be
 * ahead (notice given), but not after the current end date (that is the end-of-term decision) nor before the
 * start. Only an active or extended contract is terminated.
 */
export function planTermination(c: TerminationCandidate, terminatedOn: string): TerminationPlan {
  if (!LIVE_CONTRACT_STATUSES.includes(c.status)) {
    throw badRequest(`${c.reference} is ${CONTRACT_STATUS_LABELS[c.status].toLowerCase()}: only an active or extended contract can be terminated`, 'contractId');
  }
  if (terminatedOn < c.startDate) throw badRequest(`The termination date cannot be before the contract started (${longDate(c.startDate)})`, 'terminatedOn');
  if (terminatedOn > c.endDate) {
    throw badRequest(`${c.reference} already ends on ${longDate(c.endDate)}: record what happens at the end of its term instead`, 'terminatedOn');
  }
  const daysCut = daysBetween(terminatedOn, c.endDate);
  const cut = Math.min(costOfDays(c.annualValuePence, daysCut), c.totalValuePence);
  return { newEndDate: terminatedOn, daysCut, valueChangePence: cut === 0 ? 0 : -cut };
}

import { badRequest } from '../errors.ts';
import { multiplyDivideHalfUp } from '../cost-model/arithmetic.ts';
import type { Pence } from '../money.ts';
import { daysBetween } from './dates.ts';
import { LIVE_CONTRACT_STATUSES, type ContractStatus } from './labels.ts';
import { longDate } from '../date-text.ts';

/**
 * What continuing a contract to a later end date adds: the annual value spread evenly over a 365-day year,
 * for each day added. extra = annual value × extra days ÷ 365, rounded half up to the penny once per
 * contract; the total of a bulk continuation is the sum of the contracts' rounded figures (what each adds is
 * what is shown, and the total is their sum, so the page always adds up).
 *
 * Why days, not months: continuations run to a chosen common date (Kent: 31 May 2019) from end dates that
 * fall anywhere in a month, so only a daily rate treats every contract alike. The year is 365 days whatever
 * the calendar (a leap day is not charged extra), matching how an annual value is quoted.
 *
 * Extra days = days from the current end date to the new one: ending 2019-03-31, continued to 2019-05-31,
 * adds 61 days (1 April to 31 May inclusive).
 */
export const CONTINUATION_DAYS_PER_YEAR = 365;

export function continuationExtraCost(annualValuePence: Pence, currentEndDate: string, newEndDate: string): { extraDays: number; extraPence: Pence } {
  if (!Number.isSafeInteger(annualValuePence) || annualValuePence < 0) throw badRequest('The annual value must be whole pence and not negative', 'annualValuePence');
  const extraDays = daysBetween(currentEndDate, newEndDate);
  if (extraDays <= 0) throw badRequest(`The new end date must be after the current end date (${longDate(currentEndDate)})`, 'newEndDate');
  return { extraDays, extraPence: costOfDays(annualValuePence, extraDays) };
}

/** An annual value spread over a number of days: annual × days ÷ 365, half up (nothing for no days). */
export function costOfDays(annualValuePence: Pence, days: number): Pence {
  return days <= 0 ? 0 : multiplyDivideHalfUp(annualValuePence, days, CONTINUATION_DAYS_PER_YEAR);
}

export interface ContinuationCandidate {
  id: string;
  reference: string;
  title: string;
  status: ContractStatus;
  annualValuePence: Pence;
  endDate: string;
}

export interface ContinuationLine {
  contractId: string;
  reference: string;
  title: string;
  annualValuePence: Pence;
  currentEndDate: string;
  newEndDate: string;
  extraDays: number;
  extraPence: Pence;
}

export interface ContinuationPlan {
  commonEndDate: string;
  lines: ContinuationLine[];
  totalAnnualValuePence: Pence;
  totalExtraPence: Pence;
}

/**
 * Continues several contracts to one common end date. All or nothing: any contract that cannot be continued
 * (not running, or already ending on or after the common date) refuses the whole plan, naming it.
 * `contracts` must be in the order chosen; field paths point at that position (contractIds[2]).
 */
export function planBulkContinuation(contracts: readonly ContinuationCandidate[], commonEndDate: string): ContinuationPlan {
  if (contracts.length === 0) throw badRequest('Choose at least one contract to continue', 'contractIds');
  const seen = new Set<string>();
  const lines = contracts.map((c, i): ContinuationLine => {
    const field = `contractIds[${i}]`;
    if (seen.has(c.id)) throw badRequest(`${c.reference} is chosen twice`, field);
    seen.add(c.id);
    if (!LIVE_CONTRACT_STATUSES.includes(c.status)) throw badRequest(`${c.reference} is ${c.status}: only an active or extended contract can be continued`, field);
    if (daysBetween(c.endDate, commonEndDate) <= 0)
      throw badRequest(`${c.reference} already ends on ${longDate(c.endDate)}, not before the common end date ${longDate(commonEndDate)}`, field);
    const { extraDays, extraPence } = continuationExtraCost(c.annualValuePence, c.endDate, commonEndDate);
    return {
      contractId: c.id,
      reference: c.reference,
      title: c.title,
      annualValuePence: c.annualValuePence,
      currentEndDate: c.endDate,
      newEndDate: commonEndDate,
      extraDays,
      extraPence,
    };
  });
  return {
    commonEndDate,
    lines,
    totalAnnualValuePence: lines.reduce((sum, l) => sum + l.annualValuePence, 0),
    totalExtraPence: lines.reduce((sum, l) => sum + l.extraPence, 0),
  };
}

import { badRequest } from '../errors.ts';
import { multiplyDivideHalfUp } from '../cost-model/arithmetic.ts';
import type { Pence } from '../money.ts';
import { daysBetween, extendEnd, termEnd } from './dates.ts';
import type { ExtensionOptionStatus } from './labels.ts';
import { longDate } from '../date-text.ts';

export interface ExtensionOptionTerm {
  months: number;
  status: ExtensionOptionStatus;
}

/**
 * The latest the contract can run to: its current end date plus every option not yet decided. Exercised
 * options are already in the end date (exercising one moves it); declined ones are gone.
 * 36 months from 2016-11-07 (ends 2019-11-06) with + 12 + 12 available → 2021-11-06.
 */
export function latestPossibleEnd(endDate: string, options: readonly ExtensionOptionTerm[]): string {
  const months = options.filter((o) => o.status === 'available').reduce((sum, o) => sum + o.months, 0);
  return months === 0 ? endDate : extendEnd(endDate, months);
}

/** The end date of a term of whole months: 24 months from 2023-10-01 → 2025-09-30. */
export function contractTermEnd(startDate: string, termMonths: number): string {
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > 600) throw badRequest('The term must be a whole number of months from 1 to 600', 'termMonths');
  return termEnd(startDate, termMonths);
}

/**
 * The value of a term of whole months at an annual value: annual × months ÷ 12, rounded half up to the
 * penny. Plymouth's Shared Lives direct award: £403,589 a year × 24 ÷ 12 = £807,178.
 * (A term is costed by months, not days, so a leap day does not add a day's cost: the paper's two-year value
 * is exactly twice the annual budget.)
 */
export function termValue(annualValuePence: Pence, termMonths: number): Pence {
  if (!Number.isSafeInteger(annualValuePence) || annualValuePence < 0) throw badRequest('The annual value must be whole pence and not negative', 'annualValuePence');
  return multiplyDivideHalfUp(annualValuePence, termMonths, 12);
}

/** Refuses a contract whose end is before its start, naming the end date. */
export function assertEndNotBeforeStart(startDate: string, endDate: string, field = 'endDate'): void {
  if (daysBetween(startDate, endDate) < 0) throw badRequest(`The end date (${longDate(endDate)}) cannot be before the start date (${longDate(startDate)})`, field);
}

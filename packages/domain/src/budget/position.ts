import { divideBigIntHalfUp, WEEKS_PER_YEAR } from '../cost-model/arithmetic.ts';
import { addDays, daysBetween } from '../contract/dates.ts';
import type { Pence } from '../money.ts';
import { financialYear } from './financial-year.ts';

/**
 * A budget's position for one service type and financial year, from the placements and block payments.
 *
 * Conventions (the same 52-week year as the cost model and the uplift):
 * - A placement costs its weekly cost for 52 weeks a financial year, spread evenly over the year's days:
 *   cost in a period = weekly × 52 × days active in the period ÷ days in the year. A placement running the
 *   whole year costs exactly weekly × 52 (Plymouth's 13 Shared Lives placements at £245 average: £165,620).
 * - "To date" is the start of the year to the as-of date, inclusive; "committed" is the day after to the
 *   end of the year, for placements active then (weekly cost × weeks remaining).
 * - A block payment counts where it falls due: on or before the as-of date it is to date, after it committed.
 * - Forecast outturn = to date + committed. Variance = budget − forecast: positive is an underspend,
 *   negative an overspend. Each sum is rounded half up to the penny once.
 */
export interface BudgetPlacement {
  weeklyCostPence: Pence;
  startDate: string;
  endDate: string | null;
}

export interface BudgetBlockPayment {
  amountPence: Pence;
  dueOn: string;
}

export interface BudgetPosition {
  financialYear: number;
  label: string;
  asOf: string;
  budgetPence: Pence | null;
  /** Placements active on the as-of date (or, before the year starts, on its first day). */
  activePlacements: number;
  toDate: { placementsPence: Pence; blockPaymentsPence: Pence; totalPence: Pence };
  committed: { placementsPence: Pence; blockPaymentsPence: Pence; totalPence: Pence };
  forecastOutturnPence: Pence;
  variancePence: Pence | null;
}

/** Days of [from, to] (inclusive) that the placement is active. */
function overlapDays(p: BudgetPlacement, from: string, to: string): number {
  const start = p.startDate > from ? p.startDate : from;
  const end = p.endDate !== null && p.endDate < to ? p.endDate : to;
  return end < start ? 0 : daysBetween(start, end) + 1;
}

export function budgetPosition(input: {
  financialYear: number;
  asOf: string;
  budgetPence: Pence | null;
  placements: readonly BudgetPlacement[];
  blockPayments: readonly BudgetBlockPayment[];
}): BudgetPosition {
  const fy = financialYear(input.financialYear);
  // The split point: everything up to and including `cut` is to date.
  const cut = input.asOf < fy.start ? addDays(fy.start, -1) : input.asOf > fy.end ? fy.end : input.asOf;
  const nextDay = addDays(cut, 1);
  // Weekly cost × 52 × days summed over every placement: in BigInt, so no total of many placements loses a penny.
  let toDateNumerator = 0n;
  let committedNumerator = 0n;
  let active = 0;
  const activeDay = cut < fy.start ? fy.start : cut;
  for (const p of input.placements) {
    toDateNumerator += cut >= fy.start ? BigInt(p.weeklyCostPence) * BigInt(WEEKS_PER_YEAR * overlapDays(p, fy.start, cut)) : 0n;
    committedNumerator += nextDay <= fy.end ? BigInt(p.weeklyCostPence) * BigInt(WEEKS_PER_YEAR * overlapDays(p, nextDay, fy.end)) : 0n;
    if (p.startDate <= activeDay && (p.endDate === null || p.endDate >= activeDay)) active += 1;
  }
  const inYear = input.blockPayments.filter((b) => b.dueOn >= fy.start && b.dueOn <= fy.end);
  const blockToDate = inYear.filter((b) => b.dueOn <= cut).reduce((s, b) => s + b.amountPence, 0);
  const blockCommitted = inYear.filter((b) => b.dueOn > cut).reduce((s, b) => s + b.amountPence, 0);
  const placementsToDate = divideBigIntHalfUp(toDateNumerator, fy.days);
  const placementsCommitted = divideBigIntHalfUp(committedNumerator, fy.days);
  const toDate = { placementsPence: placementsToDate, blockPaymentsPence: blockToDate, totalPence: placementsToDate + blockToDate };
  const committed = { placementsPence: placementsCommitted, blockPaymentsPence: blockCommitted, totalPence: placementsCommitted + blockCommitted };
  const forecast = toDate.totalPence + committed.totalPence;
  return {
    financialYear: fy.year,
    label: fy.label,
    asOf: input.asOf,
    budgetPence: input.budgetPence,
    activePlacements: active,
    toDate,
    committed,
    forecastOutturnPence: forecast,
    variancePence: input.budgetPence === null ? null : input.budgetPence - forecast,
  };
}

import { addMonths, daysBetween } from './dates.ts';
import { LIVE_CONTRACT_STATUSES, type ContractStatus } from './labels.ts';
import { longDate } from '../date-text.ts';

/**
 * Warnings on the contract register and the home page.
 *
 * - ending_without_decision: a running (active or extended) contract whose end date is within the next
 *   6 months, or already past, and no decision is recorded for that end date. A decision is an end-of-term
 *   decision recorded against the current end date (extend, continue, recommission, let expire); extending
 *   or continuing moves the end date, so the next end needs its own decision.
 * - past_end_with_placements: the end date has passed but placements linked to the contract are still
 *   active (the council is paying for care without a contract in force). Any status but draft.
 * - rates_not_reviewed: a running contract whose rates were last reviewed 2 years ago or more (never
 *   reviewed: counted from the start date). Plymouth's carers' rate fell 2.8%–12.3% behind its neighbours
 *   because the contract was not reviewed for years.
 */
export type ContractWarningKind = 'ending_without_decision' | 'past_end_with_placements' | 'rates_not_reviewed';

export const WARNING_WINDOW_MONTHS = 6;
export const RATE_REVIEW_MONTHS = 24;

export interface ContractForWarnings {
  id: string;
  reference: string;
  title: string;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  /** The end date an end-of-term decision was recorded for, if any. */
  endDecisionFor: string | null;
  ratesReviewedOn: string | null;
  /** Placements linked to the contract that are active today. */
  activePlacements: number;
}

export interface ContractWarning {
  contractId: string;
  reference: string;
  title: string;
  kind: ContractWarningKind;
  message: string;
}

export function contractWarnings(c: ContractForWarnings, today: string): ContractWarning[] {
  const out: ContractWarning[] = [];
  const warn = (kind: ContractWarningKind, message: string) => out.push({ contractId: c.id, reference: c.reference, title: c.title, kind, message });
  const live = LIVE_CONTRACT_STATUSES.includes(c.status);
  const daysLeft = daysBetween(today, c.endDate);

  if (live && c.endDecisionFor !== c.endDate && c.endDate <= addMonths(today, WARNING_WINDOW_MONTHS)) {
    warn(
      'ending_without_decision',
      daysLeft >= 0
        ? `Ends on ${longDate(c.endDate)} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'}) and no decision is recorded about what happens next`
        : `Ended on ${longDate(c.endDate)} and no decision is recorded about what happens next`,
    );
  }
  if (c.status !== 'draft' && daysLeft < 0 && c.activePlacements > 0) {
    warn(
      'past_end_with_placements',
      `Ended on ${longDate(c.endDate)} but ${c.activePlacements} placement${c.activePlacements === 1 ? ' is' : 's are'} still being paid for under it`,
    );
  }
  const reviewed = c.ratesReviewedOn ?? c.startDate;
  if (live && reviewed <= addMonths(today, -RATE_REVIEW_MONTHS)) {
    warn('rates_not_reviewed', c.ratesReviewedOn ? `Rates last reviewed on ${longDate(c.ratesReviewedOn)}, more than 2 years ago` : `Rates never reviewed since the start on ${longDate(c.startDate)}`);
  }
  return out;
}

/** Warnings for a whole register, most urgent kind first, then by end date. */
export function registerWarnings(contracts: readonly ContractForWarnings[], today: string): ContractWarning[] {
  const order: Record<ContractWarningKind, number> = { past_end_with_placements: 0, ending_without_decision: 1, rates_not_reviewed: 2 };
  const ends = new Map(contracts.map((c) => [c.id, c.endDate]));
  return contracts
    .flatMap((c) => contractWarnings(c, today))
    .sort((a, b) => order[a.kind] - order[b.kind] || (ends.get(a.contractId) ?? '').localeCompare(ends.get(b.contractId) ?? '') || a.reference.localeCompare(b.reference));
}

import { CONTRACT_STATUS_LABELS, type ContractStatus, type EndDecision } from './labels.ts';

/**
 * The status a person expects from a contract's dates (issue 13): a contract recorded as active that starts
 * in 2027 has not started, and one whose end date has passed with nothing decided is not "Active". The
 * recorded status (the decision as stored: extended, terminated …) is kept and shown beside it.
 *
 * - Draft: recorded as a draft (not yet in force, whatever its dates).
 * - Terminated: recorded as terminated (ended early).
 * - Not started: its start date is after today.
 * - Active: started, and its end date is today or later.
 * - Ended: its end date has passed and it was recorded as expired, or an end decision was recorded for that
 *   end date (let it expire, recommission …: the decision was made; an extension would have moved the date).
 *   The dates come first: on a day before its end (a business case's as-at date), an expired contract was active.
 * - Past its end date — no decision: its end date has passed and nothing was recorded.
 */
export const CONTRACT_DATE_STATUSES = ['draft', 'not_started', 'active', 'past_end_no_decision', 'ended', 'terminated'] as const;
export type ContractDateStatus = (typeof CONTRACT_DATE_STATUSES)[number];
export const CONTRACT_DATE_STATUS_LABELS: Record<ContractDateStatus, string> = {
  draft: 'Draft',
  not_started: 'Not started',
  active: 'Active',
  past_end_no_decision: 'Past its end date — no decision',
  ended: 'Ended',
  terminated: 'Terminated',
};

export interface ContractForDateStatus {
  status: ContractStatus;
  startDate: string;
  endDate: string;
  /** The end date an end decision was recorded for (null: none recorded). */
  endDecisionFor?: string | null;
  endDecision?: EndDecision | null;
}

/** The status from the dates, on `today` (YYYY-MM-DD, the server's day in London). */
export function contractDateStatus(c: ContractForDateStatus, today: string): ContractDateStatus {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'terminated') return 'terminated';
  if (c.startDate > today) return 'not_started';
  if (c.endDate >= today) return 'active';
  return c.status === 'expired' || (c.endDecision && c.endDecisionFor === c.endDate) ? 'ended' : 'past_end_no_decision';
}

/** "Past its end date — no decision (recorded as active)": the status from the dates with the recorded one beside it, when they differ in words. */
export function contractStatusText(c: ContractForDateStatus, today: string): string {
  const shown = CONTRACT_DATE_STATUS_LABELS[contractDateStatus(c, today)];
  const recorded = CONTRACT_STATUS_LABELS[c.status];
  return shown === recorded ? shown : `${shown} (recorded as ${recorded.toLowerCase()})`;
}

import { z } from 'zod';
import { anyText, requiredText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { isoDate } from './dates.ts';
import { PROCUREMENT_STATUS_LABELS, procurementStatus, type ProcurementStatus } from './labels.ts';

/**
 * Where a joint procurement can go next. Every move is a recorded decision (cabinet, delegated or officer).
 *
 * - Market engagement is optional: a draft may be published straight away, because a partnership re-letting
 *   a known service (or running a reopening) may have engaged the market already outside the system.
 * - Cancellation is possible until the arrangement goes live; after that it ends by closing, because
 *   providers hold places on the list and authorities hold call-offs that have to run down properly.
 * - No step goes backwards. Evaluation cannot return to Published: reopening for applications after
 *   bids have been seen would be unfair to those who applied on the published terms. Award approval cannot
 *   return to Evaluation either: if the decision-maker refuses the award, the route is to cancel and start a
 *   fresh procurement, with its own decision trail.
 * - Closed and Cancelled are final.
 */
export const TRANSITIONS: Record<ProcurementStatus, readonly ProcurementStatus[]> = {
  draft: ['market_engagement', 'published', 'cancelled'],
  market_engagement: ['published', 'cancelled'],
  published: ['evaluation', 'cancelled'],
  evaluation: ['award_approval', 'cancelled'],
  award_approval: ['live', 'cancelled'],
  live: ['closed'],
  closed: [],
  cancelled: [],
};

export function allowedTransitions(from: ProcurementStatus): ProcurementStatus[] {
  return [...TRANSITIONS[from]];
}

export function isTerminal(status: ProcurementStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** 'A', 'A or B', 'A, B or C'. */
function orList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

export function assertTransition(from: ProcurementStatus, to: ProcurementStatus): void {
  if (TRANSITIONS[from].includes(to)) return;
  const fromLabel = PROCUREMENT_STATUS_LABELS[from];
  if (from === to) throw badRequest(`The procurement is already at the ${fromLabel} stage`, 'to');
  const next = isTerminal(from)
    ? `${fromLabel} is final`
    : `from ${fromLabel} it can move to ${orList(TRANSITIONS[from].map((s) => PROCUREMENT_STATUS_LABELS[s]))}`;
  throw badRequest(`A procurement cannot move from ${fromLabel} to ${PROCUREMENT_STATUS_LABELS[to]}: ${next}`, 'to');
}

// Links are shown to the public and partners, so only web addresses: no javascript: or data: URLs.
const webAddress = z.url({ protocol: /^https?$/, message: 'Enter a full web address, starting https://' });

export const transitionInput = z.object({
  procurementId: z.uuid(),
  to: procurementStatus,
  decisionReference: requiredText('the decision reference, for example the cabinet or delegated decision', 500),
  decisionLink: webAddress.optional(),
  note: anyText(2000).optional(),
  decidedOn: isoDate.optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

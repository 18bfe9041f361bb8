import { z } from 'zod';
import { idempotencyKey, isStorableText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { assertIsoDate, isoDate } from './dates.ts';
import { ALWAYS_OPEN_ROUTES, PROCUREMENT_STATUS_LABELS, ROUTE_LABELS, type ProcurementStatus, type Route } from './labels.ts';
import { longDate } from '../date-text.ts';

/** A period in which a live, reopenable framework takes new providers (Staffordshire's flexible framework). */
export interface Reopening {
  id: string;
  opensOn: string;
  closesOn: string;
}

type Arrangement = { route: Route; status: ProcurementStatus };

export const reopeningInput = z
  .object({
    procurementId: z.uuid(),
    opensOn: isoDate,
    closesOn: isoDate,
    reason: z.string().trim().min(1, 'Explain why the framework is reopening, for example unmet demand in a lot').max(4000).refine(isStorableText, 'Remove the invisible control characters from this text'),
    idempotencyKey,
  })
  .refine((r) => r.closesOn >= r.opensOn, { message: 'The closing date must be on or after the opening date', path: ['closesOn'] });

/** Dates are 'YYYY-MM-DD', so string order is date order. Inclusive both ends. */
function reopeningOn(today: string, reopenings: Reopening[]): Reopening | null {
  for (const r of reopenings) {
    assertIsoDate(r.opensOn, 'opensOn');
    assertIsoDate(r.closesOn, 'closesOn');
  }
  // If windows overlap, the one opened most recently is the one the admission belongs to.
  const open = reopenings.filter((r) => r.opensOn <= today && today <= r.closesOn).sort((a, b) => b.opensOn.localeCompare(a.opensOn));
  return open[0] ?? null;
}

function nextReopening(today: string, reopenings: Reopening[]): Reopening | null {
  return reopenings.filter((r) => r.opensOn > today).sort((a, b) => a.opensOn.localeCompare(b.opensOn))[0] ?? null;
}

/**
 * Can a provider be put on the approved list today? Applications are *received* while published, and
 * *admitted* by the award decision; after go-live only the routes built for it take newcomers.
 */
export function admissionWindow(p: Arrangement, today: string, reopenings: Reopening[]): { open: boolean; reason: string; reopeningId: string | null } {
  assertIsoDate(today, 'today');
  const route = ROUTE_LABELS[p.route];
  const stage = PROCUREMENT_STATUS_LABELS[p.status];
  const shut = (reason: string) => ({ open: false, reason, reopeningId: null });

  switch (p.status) {
    case 'draft':
    case 'market_engagement':
      return shut(`Providers cannot be admitted yet: the procurement is at the ${stage} stage and has not been published`);
    case 'published':
    case 'evaluation':
      return shut(`Providers cannot be admitted yet: applications are received and evaluated first, and providers are admitted at award approval (the procurement is at the ${stage} stage)`);
    case 'award_approval':
      return { open: true, reason: 'Providers are admitted by the award decision for the first round', reopeningId: null };
    case 'closed':
    case 'cancelled':
      return shut(`Providers cannot be admitted: the procurement is ${stage.toLowerCase()}`);
    case 'live':
      break;
  }

  if (ALWAYS_OPEN_ROUTES.includes(p.route)) {
    return { open: true, reason: `A ${route} takes new providers at any time while it is live`, reopeningId: null };
  }
  if (p.route === 'framework') {
    const current = reopeningOn(today, reopenings);
    if (current) return { open: true, reason: `The framework is reopened from ${longDate(current.opensOn)} to ${longDate(current.closesOn)}`, reopeningId: current.id };
    const next = nextReopening(today, reopenings);
    return shut(
      `The framework takes new providers only while it is reopened${next ? `; the next reopening runs from ${longDate(next.opensOn)} to ${longDate(next.closesOn)}` : ', and no reopening is planned'}`,
    );
  }
  return shut(`A ${route} does not take new providers once it is live`);
}

export function assertCanAdmit(p: Arrangement, today: string, reopenings: Reopening[]): { reopeningId: string | null } {
  const window = admissionWindow(p, today, reopenings);
  if (!window.open) throw badRequest(window.reason, 'provider');
  return { reopeningId: window.reopeningId };
}

/** Can a provider submit an application today? (Admission is a separate, later decision.) */
export function acceptsApplications(p: Arrangement, today: string, reopenings: Reopening[]): boolean {
  assertIsoDate(today, 'today');
  if (p.status === 'published') return true;
  if (p.status !== 'live') return false;
  if (ALWAYS_OPEN_ROUTES.includes(p.route)) return true;
  return p.route === 'framework' && reopeningOn(today, reopenings) !== null;
}

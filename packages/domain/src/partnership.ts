import { z } from 'zod';
import { badRequest } from './errors.ts';
import { dayInput, idempotencyKey, optionalText, recordId, recordVersion, requiredText } from './input.ts';
import { PARTNERSHIP_KINDS } from './partnership-kinds.ts';

/**
 * Partnerships formed, joined and left (issue 10, item 4): kinds, history labels, the inputs of the
 * partnership.* procedures and the rules that need no database.
 */
export * from './partnership-kinds.ts';

export const PARTNERSHIP_EVENTS = [
  'proposed',
  'invited',
  'invitation_withdrawn',
  'accepted',
  'declined',
  'left',
  'role_named',
  'role_removed',
  'lead_handover_proposed',
  'lead_handover_withdrawn',
  'lead_handed_over',
  'kpi_set_changed',
] as const;
export type PartnershipEventAction = (typeof PARTNERSHIP_EVENTS)[number];

export const PARTNERSHIP_EVENT_LABELS: Record<PartnershipEventAction, string> = {
  proposed: 'Proposed the partnership',
  invited: 'Invited an authority',
  invitation_withdrawn: 'Withdrew an invitation',
  accepted: 'Accepted the invitation and joined',
  declined: 'Declined the invitation',
  left: 'Leaves the partnership',
  role_named: 'Named a partnership role',
  role_removed: 'Removed a partnership role',
  lead_handover_proposed: 'Proposed handing over the lead',
  lead_handover_withdrawn: 'Withdrew the lead handover',
  lead_handed_over: 'Accepted the lead and became lead authority',
  kpi_set_changed: 'Changed the KPI set',
};

export const INVITATION_STATUS_LABELS = { invited: 'Invited', accepted: 'Accepted', declined: 'Declined', withdrawn: 'Withdrawn' } as const;

const partnershipId = recordId('a partnership');
const authorityCode = z
  .string({ error: 'Choose an authority' })
  .trim()
  .min(1, 'Choose an authority')
  .max(20, 'Choose an authority from the registry');
const kpiCodes = z
  .array(z.string().trim().regex(/^[A-Z][A-Z0-9-]{1,19}$/, 'Choose KPIs from the standard library'), { error: 'Choose KPIs from the standard library' })
  .max(50, 'Choose KPIs from the standard library')
  .transform((codes) => [...new Set(codes)]);

export const proposePartnershipInput = z.object({
  name: requiredText('the partnership’s name', 200),
  kind: z.enum(PARTNERSHIP_KINDS, { error: 'Choose the kind of partnership' }),
  purpose: requiredText('what the partnership is for', 2000),
  kpiCodes,
  idempotencyKey,
});
export const partnershipInput = z.object({ partnershipId });
export const inviteAuthorityInput = z.object({ partnershipId, authorityId: authorityCode });
export const invitationInput = z.object({ invitationId: recordId('an invitation') });
export const removeRoleInput = z.object({
  partnershipId,
  userId: recordId('a person'),
  role: z.enum(['lead_commissioner', 'network_member'], { error: 'Choose a partnership role' }),
});
/** `version`: of my authority's partnership roles, as the settings page loaded them (a stale one is CONFLICT). */
export const nameRoleInput = removeRoleInput.extend({ version: recordVersion });
export const leaveInput = z.object({ partnershipId, leaveOn: dayInput('the day your authority leaves') });
export const proposeLeadInput = z.object({ partnershipId, authorityId: authorityCode.nullable() });
/** `version`: the partnership's, as the settings page loaded it (a stale one is CONFLICT). */
export const kpiSetInput = z.object({ partnershipId, kpiCodes, version: recordVersion });
export const updatePurposeInput = z.object({ partnershipId, purpose: optionalText(2000) });

/** The day a member may leave: today or later, and not before it joined. */
export function checkLeavingDay(leaveOn: string, today: string, joinedOn: string | null): void {
  if (leaveOn < today) throw badRequest('Enter today or a later day: a member cannot leave in the past', 'leaveOn');
  if (joinedOn && leaveOn < joinedOn) throw badRequest(`Enter a day on or after ${joinedOn}, when your authority joined`, 'leaveOn');
}

/** Whether a member's figures for a period starting on `day` count: periods starting before the day it left. */
export function countsBeforeLeaving(day: string, leftOn: string | null): boolean {
  return leftOn === null || day < leftOn;
}

/** What changing a KPI set does: the codes to add and the codes to retire; unknown codes refused against the field. */
export function kpiSetChange(current: readonly string[], wanted: readonly string[], library: readonly string[]): { add: string[]; retire: string[] } {
  const unknown = wanted.filter((c) => !library.includes(c));
  if (unknown.length > 0) throw badRequest(`Choose KPIs from the standard library (${unknown.join(', ')} is not in it)`, 'kpiCodes');
  return { add: wanted.filter((c) => !current.includes(c)), retire: current.filter((c) => !wanted.includes(c)) };
}

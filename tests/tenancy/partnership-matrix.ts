import type { Outcome } from './api-matrix.ts';

/**
 * Partnerships (issue 10, item 4): every partnership.* procedure but `get` (in api-matrix.ts) × who calls it. Each
 * cell gets a fresh partnership (partnership-api-matrix.test.ts): proposed by Sefton's commissioner (Sefton leads),
 * Knowsley invited and a member, Kent invited and not yet answered.
 *
 *   viewer                 Sefton's viewer: reads, takes no step
 *   commissioner, authorityAdmin   Sefton's: the lead authority's people who act for it
 *   member                 Knowsley's commissioner: a member, not the lead
 *   invitee                Kent's commissioner: invited; sees its invitation and nothing else of the partnership
 *   outsider               Plymouth's commissioner: cannot tell the partnership exists (NOT_FOUND)
 *   platformAdmin          acts for no authority: no partnership step (FORBIDDEN)
 */
export const PARTNERSHIP_ACTORS = ['signedOut', 'viewer', 'commissioner', 'authorityAdmin', 'member', 'invitee', 'outsider', 'platformAdmin'] as const;
export type PartnershipActor = (typeof PARTNERSHIP_ACTORS)[number];
type Cells = Record<PartnershipActor, Outcome>;

const cells = (c: Omit<Cells, 'signedOut' | 'platformAdmin'>): Cells => ({ signedOut: 'UNAUTHORIZED', platformAdmin: 'FORBIDDEN', ...c });
const EVERY_AUTHORITY = cells({ viewer: 'ok', commissioner: 'ok', authorityAdmin: 'ok', member: 'ok', invitee: 'ok', outsider: 'ok' });
const LEAD_STEP = cells({ viewer: 'FORBIDDEN', commissioner: 'ok', authorityAdmin: 'ok', member: 'FORBIDDEN', invitee: 'NOT_FOUND', outsider: 'NOT_FOUND' });
const INVITEE_ANSWERS = cells({ viewer: 'FORBIDDEN', commissioner: 'FORBIDDEN', authorityAdmin: 'FORBIDDEN', member: 'NOT_FOUND', invitee: 'ok', outsider: 'NOT_FOUND' });

export const PARTNERSHIP_MATRIX: Record<string, Cells> = {
  'partnership.settings': cells({ viewer: 'ok', commissioner: 'ok', authorityAdmin: 'ok', member: 'ok', invitee: 'NOT_FOUND', outsider: 'NOT_FOUND' }),
  'partnership.invitations': EVERY_AUTHORITY,
  'partnership.kpiLibrary': EVERY_AUTHORITY,
  'partnership.propose': cells({ viewer: 'FORBIDDEN', commissioner: 'ok', authorityAdmin: 'ok', member: 'ok', invitee: 'ok', outsider: 'ok' }),
  'partnership.invite': LEAD_STEP,
  // The invitee sees the invitation but answers it (decline), it does not withdraw it.
  'partnership.withdrawInvitation': cells({ viewer: 'FORBIDDEN', commissioner: 'ok', authorityAdmin: 'ok', member: 'NOT_FOUND', invitee: 'FORBIDDEN', outsider: 'NOT_FOUND' }),
  'partnership.acceptInvitation': INVITEE_ANSWERS,
  'partnership.declineInvitation': INVITEE_ANSWERS,
  'partnership.nameRole': cells({ viewer: 'FORBIDDEN', commissioner: 'ok', authorityAdmin: 'ok', member: 'ok', invitee: 'NOT_FOUND', outsider: 'NOT_FOUND' }),
  'partnership.removeRole': cells({ viewer: 'FORBIDDEN', commissioner: 'ok', authorityAdmin: 'ok', member: 'ok', invitee: 'NOT_FOUND', outsider: 'NOT_FOUND' }),
  // The lead cannot leave (it hands the lead over first).
  'partnership.leave': cells({ viewer: 'FORBIDDEN', commissioner: 'FORBIDDEN', authorityAdmin: 'FORBIDDEN', member: 'ok', invitee: 'NOT_FOUND', outsider: 'NOT_FOUND' }),
  'partnership.proposeLead': LEAD_STEP,
  // Knowsley has been proposed as lead: only it accepts.
  'partnership.acceptLead': cells({ viewer: 'FORBIDDEN', commissioner: 'FORBIDDEN', authorityAdmin: 'FORBIDDEN', member: 'ok', invitee: 'NOT_FOUND', outsider: 'NOT_FOUND' }),
  'partnership.setKpiSet': LEAD_STEP,
};

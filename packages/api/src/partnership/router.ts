import {
  PARTNERSHIP_MANAGER_ROLES,
  hasAnyRole,
  invitationInput,
  inviteAuthorityInput,
  kpiSetInput,
  leaveInput,
  nameRoleInput,
  partnershipInput,
  proposeLeadInput,
  proposePartnershipInput,
  removeRoleInput,
} from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { acceptInvitation, declineInvitation, inviteAuthority, proposePartnership, withdrawInvitation } from './commands.ts';
import { setKpiSet, standardLibrary } from './kpi-set.ts';
import { acceptLead, leavePartnership, nameRole, proposeLead, removeRole } from './membership.ts';
import { getPartnership } from './queries.ts';
import { myInvitations, partnershipSettings } from './settings.ts';

/** An authority's administrators and commissioners act for it in partnerships; other roles read. */
const manager = roleProcedure(PARTNERSHIP_MANAGER_ROLES);

/**
 * Partnerships (issue 10, item 4). Reads: any role of a current member (others NOT_FOUND). Steps: an authority
 * administrator or commissioner (others FORBIDDEN); lead-only steps by another member FORBIDDEN. Every step is
 * audited (trpc.ts) and recorded in the partnership's history.
 */
export const partnershipRouter = {
  /** A partnership of mine with its members, their GSS codes and populations. Others are NOT_FOUND. */
  get: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership') }))
    .query(({ ctx, input }) => getPartnership(ctx.tx, input.partnershipId)),

  settings: authorityProcedure
    .input(partnershipInput)
    .query(({ ctx, input }) => partnershipSettings({ ...ctx, canManage: hasAnyRole(ctx.roles, PARTNERSHIP_MANAGER_ROLES) }, input.partnershipId)),

  invitations: authorityProcedure.query(({ ctx }) => myInvitations(ctx)),

  kpiLibrary: authorityProcedure.query(() => standardLibrary()),

  propose: manager.input(proposePartnershipInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const proposed = await proposePartnership(ctx, input);
      ctx.audit.target = proposed.id;
      return proposed;
    }),
  ),

  invite: manager.input(inviteAuthorityInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = `${input.partnershipId} ${input.authorityId}`;
    return inviteAuthority(ctx, input);
  }),

  withdrawInvitation: manager.input(invitationInput).mutation(async ({ ctx, input }) => {
    await withdrawInvitation(ctx, input.invitationId);
    return { withdrawn: input.invitationId };
  }),

  acceptInvitation: manager.input(invitationInput).mutation(({ ctx, input }) => acceptInvitation(ctx, input.invitationId)),

  declineInvitation: manager.input(invitationInput).mutation(async ({ ctx, input }) => {
    await declineInvitation(ctx, input.invitationId);
    return { declined: input.invitationId };
  }),

  nameRole: manager.input(nameRoleInput).mutation(async ({ ctx, input }) => {
    const rolesVersion = await nameRole(ctx, input);
    return { named: input.userId, rolesVersion };
  }),

  removeRole: manager.input(removeRoleInput).mutation(async ({ ctx, input }) => {
    await removeRole(ctx, input);
    return { removed: input.userId };
  }),

  leave: manager.input(leaveInput).mutation(({ ctx, input }) => leavePartnership(ctx, input)),

  proposeLead: manager.input(proposeLeadInput).mutation(async ({ ctx, input }) => {
    await proposeLead(ctx, input);
    return { proposed: input.authorityId };
  }),

  acceptLead: manager.input(partnershipInput).mutation(async ({ ctx, input }) => {
    await acceptLead(ctx, input.partnershipId);
    return { lead: ctx.session.authorityId };
  }),

  setKpiSet: manager.input(kpiSetInput).mutation(({ ctx, input }) => setKpiSet(ctx, input)),
} satisfies TRPCRouterRecord;

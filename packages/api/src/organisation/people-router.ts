import type { TRPCRouterRecord } from '@trpc/server';
import { providerUserRole, PROVIDER_USER_ROLES, recordId } from '@concord/domain';
import { setPasswordInput } from '@concord/domain/password';
import { z } from 'zod';
import { deliver } from '../people/deliver.ts';
import { colleagueEmail, rolesFrom } from '../people/input.ts';
import type { TenantContext } from '../context.ts';
import { providerRoleProcedure, publicProcedure } from '../trpc.ts';
import { acceptProviderInvitation, checkProviderInvitation } from './invitation-links.ts';
import { cancelInvitation, invitePerson, listInvitations, removeRole } from './people.ts';

const email = colleagueEmail;
const roles = rolesFrom(PROVIDER_USER_ROLES);
const token = z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'This link is not complete or not valid: copy the whole link');

const adminProcedure = providerRoleProcedure(['provider_admin']);

/**
 * The people of a provider organisation (issue 11, item 1): its provider administrators invite colleagues with
 * roles by a single-use link, see and cancel the invitations and remove roles; nobody else can. Whoever holds a
 * link accepts it signed out, and is signed in acting for the organisation.
 */
export const organisationPeopleRouter = {
  invitations: adminProcedure.query(({ ctx }) => listInvitations(ctx.tx, ctx.session.providerId, ctx.now())),

  invite: adminProcedure.input(z.object({ email, roles })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.email;
    const issued = await invitePerson(ctx.tx, ctx.session, input, ctx.now());
    return deliver(ctx as unknown as TenantContext, input.email, 'invitation', issued);
  }),

  cancelInvitation: adminProcedure.input(z.object({ invitationId: recordId('an invitation') })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.invitationId;
    await cancelInvitation(ctx.tx, ctx.session.providerId, input.invitationId, ctx.now());
    return { cancelled: input.invitationId };
  }),

  removeRole: adminProcedure.input(z.object({ userId: recordId('a person'), role: providerUserRole })).mutation(({ ctx, input }) => {
    ctx.audit.target = input.userId;
    return removeRole(ctx.tx, ctx.session.providerId, input);
  }),

  /** What an invitation link is for, for its page: whether it can be used, for whom and which organisation. */
  checkInvitation: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => checkProviderInvitation(ctx.db, input.token, ctx.meta, ctx.config, ctx.now())),

  acceptInvitation: publicProcedure
    .input(setPasswordInput)
    .mutation(async ({ ctx, input }) => {
      const accepted = await acceptProviderInvitation(ctx.db, input, ctx.meta, ctx.config, ctx.now());
      ctx.cookies.setSession(accepted.sessionToken);
      return { providerId: accepted.providerId };
    }),
} satisfies TRPCRouterRecord;


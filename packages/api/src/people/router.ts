import { refreshAdminRoles } from '@concord/db';
import { forbidden } from '@concord/domain';
import { setPasswordInput } from '@concord/domain/password';
import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure, roleProcedure, signedInProcedure } from '../trpc.ts';
import { cancelInvitation, invite, issueReset, setActive, setRoles, setTwoStepRequired } from './commands.ts';
import {
  cancelInvitationInput,
  inviteAdministratorInput,
  inviteInput,
  issueResetInput,
  linkInput,
  resetPasswordInput,
  setActiveInput,
  setRolesInput,
  setTwoStepRequiredInput,
} from './input.ts';
import { deliver } from './deliver.ts';
import { checkLink, redeemLink } from './links.ts';
import { listPeople } from './queries.ts';

/** An authority administrator, acting for their authority: its people only. */
const adminProcedure = roleProcedure(['authority_admin']);

/**
 * People (issue 10, item 3): authority administrators invite colleagues with roles, change roles, deactivate
 * and reactivate people and issue password reset links; the platform administrator invites an authority's
 * first administrator. Links are redeemed by whoever holds them, signed out.
 */
export const peopleRouter = {
  list: adminProcedure.query(({ ctx }) => listPeople(ctx.tx, ctx.session.authorityId, ctx.now())),

  invite: adminProcedure.input(inviteInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.email;
    return deliver(ctx, input.email, 'invitation', await invite(ctx.tx, ctx.session, ctx.session.authorityId, input, ctx.now()));
  }),

  inviteAdministrator: signedInProcedure.input(inviteAdministratorInput).mutation(async ({ ctx, input }) => {
    if (!ctx.session.isPlatformAdmin || ctx.session.authorityId) throw forbidden('Only a platform administrator invites an authority’s administrator');
    ctx.audit.target = `${input.authorityId} ${input.email}`;
    const known = await ctx.tx.selectFrom('authority').select('id').where('id', '=', input.authorityId).where('active', '=', true).executeTakeFirst();
    if (!known) throw forbidden('Choose an active authority from the registry');
    // The duplicate check reads this authority's invitations and members as the authority's own transaction would.
    return deliver(ctx, input.email, 'invitation', await invite(ctx.tx, ctx.session, input.authorityId, { email: input.email, roles: ['authority_admin'] }, ctx.now()));
  }),

  cancelInvitation: adminProcedure.input(cancelInvitationInput).mutation(async ({ ctx, input }) => {
    await cancelInvitation(ctx.tx, input.invitationId, ctx.now());
    return { cancelled: input.invitationId };
  }),

  setRoles: adminProcedure.input(setRolesInput).mutation(async ({ ctx, input }) => {
    const result = await setRoles(ctx.tx, ctx.session.authorityId, input);
    // An administrator who changed their own roles: the rest of this transaction sees them as they now are.
    if (input.userId === ctx.session.userId) await refreshAdminRoles(ctx.tx);
    return result;
  }),

  setActive: adminProcedure.input(setActiveInput).mutation(({ ctx, input }) => setActive(ctx.tx, ctx.session, ctx.session.authorityId, input, ctx.now())),

  issueReset: adminProcedure.input(issueResetInput).mutation(async ({ ctx, input }) => {
    const issued = await issueReset(ctx.tx, ctx.session, ctx.session.authorityId, input.userId, ctx.now());
    return deliver(ctx, issued.email, 'reset', issued);
  }),

  /** Require two-step verification of the authority's people, from their next sign-in (or stop requiring it). */
  setTwoStepRequired: adminProcedure.input(setTwoStepRequiredInput).mutation(({ ctx, input }) => {
    ctx.audit.target = ctx.session.authorityId;
    return setTwoStepRequired(ctx.tx, ctx.session.authorityId, input);
  }),

  /** What a link is for, for its page: whether it can be used, and for whom. */
  checkLink: publicProcedure.input(linkInput).query(({ ctx, input }) => checkLink(ctx.db, input.token, ctx.meta, ctx.config, ctx.now())),

  acceptInvitation: publicProcedure.input(setPasswordInput).mutation(async ({ ctx, input }) => {
    const { userId, sessionToken } = await redeemLink(ctx.db, 'invitation', input, ctx.meta, ctx.config, ctx.now());
    if (sessionToken) ctx.cookies.setSession(sessionToken);
    return { userId };
  }),

  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    const { userId } = await redeemLink(ctx.db, 'reset', { ...input, displayName: null }, ctx.meta, ctx.config, ctx.now());
    return { userId };
  }),
} satisfies TRPCRouterRecord;

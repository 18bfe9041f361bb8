import type { TRPCRouterRecord } from '@trpc/server';
import { INT4_MAX, recordId, recordVersion } from '@concord/domain';
import { organisationDetails, registerOrganisationInput } from '@concord/domain/password';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { providerProcedure, providerRoleProcedure, publicProcedure, signedInProcedure } from '../trpc.ts';
import { updateOrganisation, verifyOrganisation } from './commands.ts';
import { getOrganisation, listAwaitingVerification, listOrganisationPeople } from './queries.ts';
import { registerOrganisation } from './register.ts';
import { organisationPeopleRouter } from './people-router.ts';
import { myClaim } from '../provider/claims.ts';

/** A platform administrator acting for no authority. */
const platformAdminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!ctx.session.isPlatformAdmin || ctx.session.authorityId) throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs the role: Platform administrator' });
  return next();
});

/** Provider organisations on Concord (issue 11, item 1): registering, their own profile and people, verification. */
export const organisationRouter = {
  ...organisationPeopleRouter,

  /** A provider organisation registers itself; the person who registers is signed in as its provider administrator. */
  register: publicProcedure.input(registerOrganisationInput).mutation(async ({ ctx, input }) => {
    const registered = await registerOrganisation(ctx.db, input, ctx.meta, ctx.config, ctx.now());
    ctx.cookies.setSession(registered.token);
    return { providerId: registered.providerId, claimPending: registered.claimId !== null };
  }),

  /** The organisation the session acts for, whether it is verified, and its people. */
  mine: providerProcedure.query(async ({ ctx }) => ({
    organisation: await getOrganisation(ctx.tx, ctx.session.providerId),
    people: await listOrganisationPeople(ctx.tx, ctx.session.providerId),
    myRoles: ctx.session.providerRoles ?? [],
  })),

  /** Someone who registered with the numbers of a council's register entry: their claim, while a council decides it. */
  myClaim: signedInProcedure.query(({ ctx }) => myClaim(ctx.tx, ctx.session.userId)),

  /** The provider administrator corrects the organisation's details. */
  update: providerRoleProcedure(['provider_admin'])
    .input(organisationDetails.extend({ rowVersion: recordVersion }))
    .mutation(({ ctx, input }) => {
      ctx.audit.target = ctx.session.providerId;
      const { rowVersion, ...details } = input;
      return updateOrganisation(ctx.tx, ctx.session.providerId, details, rowVersion);
    }),

  /** Self-registered organisations waiting to be verified (platform administrator). */
  awaitingVerification: platformAdminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(25), offset: z.number().int().min(0).max(INT4_MAX).default(0) }).default({ limit: 25, offset: 0 }))
    .query(({ ctx, input }) => listAwaitingVerification(ctx.tx, input)),

  /** One organisation, for the platform administrator deciding whether to verify it. */
  get: platformAdminProcedure.input(z.object({ providerId: recordId('an organisation') })).query(({ ctx, input }) => getOrganisation(ctx.tx, input.providerId)),

  /** The platform administrator verifies an organisation (a lead authority verifies one that applies to its procurement). */
  verify: platformAdminProcedure.input(z.object({ providerId: recordId('an organisation') })).mutation(({ ctx, input }) => {
    ctx.audit.target = input.providerId;
    return verifyOrganisation(ctx.tx, input.providerId, { authorityId: null }, ctx.now());
  }),
} satisfies TRPCRouterRecord;

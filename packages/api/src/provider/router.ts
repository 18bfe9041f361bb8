import type { TRPCRouterRecord } from '@trpc/server';
import { INT4_MAX, optionalText, recordId, searchText } from '@concord/domain';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { decideClaim, listClaims } from './claims.ts';
import { registerProvider } from './commands.ts';
import { providerInput } from './input.ts';
import { getProvider, listProviders } from './queries.ts';

export const providerRouter = {
  /** The shared providers register (reference data: every authority reads it). */
  list: authorityProcedure
    .input(
      z
        .object({ search: searchText(100), limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).max(INT4_MAX).default(0) })
        .default({ limit: 100, offset: 0 }),
    )
    .query(({ ctx, input }) => listProviders(ctx.tx, { search: input.search || undefined, limit: input.limit, offset: input.offset })),

  /** A provider, its CQC locations and ratings, and the approved lists of my partnerships it is on. */
  get: authorityProcedure.input(z.object({ providerId: z.uuid('Choose a provider') })).query(({ ctx, input }) => getProvider(ctx.tx, input.providerId)),

  /** Register a provider (any authority's commissioners and contract officers; viewers and finance may not). */
  create: roleProcedure(['commissioner', 'contract_officer'])
    .input(providerInput)
    .mutation(
      idempotent(async ({ ctx, input }) => {
        const created = await registerProvider(ctx.tx, input);
        ctx.audit.target = created.id;
        return created;
      }),
    ),

  /** Claims on this entry by people who registered with its numbers, for an authority that may decide them (issue 11). */
  claims: roleProcedure(['commissioner'])
    .input(z.object({ providerId: z.uuid('Choose a provider') }))
    .query(({ ctx, input }) => listClaims(ctx.tx, input.providerId)),

  /** A commissioner confirms a claim (the claimant becomes the entry's provider administrator) or refuses it with a reason. */
  decideClaim: roleProcedure(['commissioner'])
    .input(z.object({ claimId: recordId('a claim'), decision: z.enum(['confirm', 'refuse'], { error: 'Choose confirm or refuse' }), reason: optionalText(2000) }))
    .mutation(({ ctx, input }) => {
      ctx.audit.target = input.claimId;
      return decideClaim(ctx.tx, ctx.session.authorityId, { ...input, reason: input.reason ?? null }, ctx.now());
    }),
} satisfies TRPCRouterRecord;

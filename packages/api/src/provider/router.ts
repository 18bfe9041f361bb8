import type { TRPCRouterRecord } from '@trpc/server';
import { searchText } from '@concord/domain';
import { z } from 'zod';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { registerProvider } from './commands.ts';
import { providerInput } from './input.ts';
import { getProvider, listProviders } from './queries.ts';

export const providerRouter = {
  /** The shared providers register (reference data: every authority reads it). */
  list: authorityProcedure
    .input(z.object({ search: searchText(100) }).default({}))
    .query(({ ctx, input }) => listProviders(ctx.tx, input.search || undefined)),

  /** A provider, its CQC locations and ratings, and the approved lists of my partnerships it is on. */
  get: authorityProcedure.input(z.object({ providerId: z.uuid('Choose a provider') })).query(({ ctx, input }) => getProvider(ctx.tx, input.providerId)),

  /** Register a provider (any authority's commissioners and contract officers; viewers and finance may not). */
  create: roleProcedure(['commissioner', 'contract_officer'])
    .input(providerInput)
    .mutation(async ({ ctx, input }) => {
      const created = await registerProvider(ctx.tx, input);
      ctx.audit.target = created.id;
      return created;
    }),
} satisfies TRPCRouterRecord;

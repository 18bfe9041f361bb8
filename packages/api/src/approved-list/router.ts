import { listChangeInput } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authorityProcedure } from '../trpc.ts';
import { changeListEntry } from './commands.ts';
import { getApprovedList } from './queries.ts';

export const approvedListRouter = {
  /** Per lot, the providers on the list and each entry's history. Every member of the partnership reads it. */
  get: authorityProcedure.input(z.object({ procurementId: z.uuid('Choose a procurement') })).query(({ ctx, input }) => getApprovedList(ctx, input.procurementId)),

  /** Suspend, reinstate or remove a provider on a lot, with reason and date. Lead commissioner only. */
  change: authorityProcedure.input(listChangeInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.entryId;
    return changeListEntry(ctx, input);
  }),
} satisfies TRPCRouterRecord;

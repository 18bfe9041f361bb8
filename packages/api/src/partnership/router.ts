import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authorityProcedure } from '../trpc.ts';
import { getPartnership } from './queries.ts';

export const partnershipRouter = {
  /** A partnership of mine with its members, their GSS codes and populations. Others are NOT_FOUND. */
  get: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership') }))
    .query(({ ctx, input }) => getPartnership(ctx.tx, input.partnershipId)),
} satisfies TRPCRouterRecord;

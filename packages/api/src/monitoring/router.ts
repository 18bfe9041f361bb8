import type { TRPCRouterRecord } from '@trpc/server';
import { recordId, wholeNumber } from '@concord/domain';
import { z } from 'zod';
import { providerProcedure } from '../trpc.ts';
import { getProviderContract, listProviderContracts } from './contracts.ts';

const page = z
  .object({ limit: wholeNumber('how many to show', { min: 1, max: 100 }).default(25), offset: wholeNumber('where to start', { min: 0 }).default(0) })
  .default({ limit: 25, offset: 0 });

/** A provider organisation's contracts and the call-offs awarded to it, with every authority (issue 11, item 5). */
export const providerContractRouter = {
  /** Its contracts, latest end first, paged, with the authority's name and the status from the dates in words. */
  list: providerProcedure.input(page).query(({ ctx, input }) => listProviderContracts(ctx, input)),
  /** One of its contracts; another's, or none, is NOT_FOUND. */
  get: providerProcedure.input(z.object({ contractId: recordId('a contract') })).query(({ ctx, input }) => getProviderContract(ctx, input.contractId)),
} satisfies TRPCRouterRecord;

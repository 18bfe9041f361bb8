import type { TRPCRouterRecord } from '@trpc/server';
import { CONTRACT_WRITER_ROLES, MONITORING_RETURN_SENDER_ROLES, recordId } from '@concord/domain';
import { z } from 'zod';
import { providerProcedure, providerRoleProcedure, roleProcedure } from '../trpc.ts';
import { getProviderContract, listProviderContracts } from './contracts.ts';
import { acceptReturnInput, contractReturnsInput, page, providerReturnsInput, queryReturnInput, submitReturnInput, uploadReturnsInput } from './input.ts';
import { decideReturn, listContractReturns, listProviderReturns, submitReturn } from './returns.ts';
import { uploadMonitoringReturns } from './upload.ts';

/** A provider organisation's contracts and the call-offs awarded to it, with every authority (issue 11, item 5). */
export const providerContractRouter = {
  /** Its contracts, latest end first, paged, with the authority's name and the status from the dates in words. */
  list: providerProcedure.input(z.object(page).default({ limit: 25, offset: 0 })).query(({ ctx, input }) => listProviderContracts(ctx, input)),
  /** One of its contracts; another's, or none, is NOT_FOUND. */
  get: providerProcedure.input(z.object({ contractId: recordId('a contract') })).query(({ ctx, input }) => getProviderContract(ctx, input.contractId)),
} satisfies TRPCRouterRecord;

/** A provider organisation's monitoring returns: its administrators and contract managers submit them. */
export const providerReturnRouter = {
  list: providerProcedure.input(providerReturnsInput).query(({ ctx, input }) => listProviderReturns(ctx, input)),
  submit: providerRoleProcedure(MONITORING_RETURN_SENDER_ROLES).input(submitReturnInput).mutation(({ ctx, input }) => submitReturn(ctx, input)),
  /** A CSV or XLSX of returns, all or nothing: `{ written, errors: { row, field, message }[] }`; a dry run only checks. */
  upload: providerRoleProcedure(MONITORING_RETURN_SENDER_ROLES).input(uploadReturnsInput).mutation(({ ctx, input }) => uploadMonitoringReturns(ctx, input)),
} satisfies TRPCRouterRecord;

/** The contracting authority's side: its commissioners and contract officers read, accept and query returns. */
export const contractReturnRouter = {
  list: roleProcedure(CONTRACT_WRITER_ROLES).input(contractReturnsInput).query(({ ctx, input }) => listContractReturns(ctx, input)),
  accept: roleProcedure(CONTRACT_WRITER_ROLES).input(acceptReturnInput).mutation(({ ctx, input }) => decideReturn(ctx, input)),
  query: roleProcedure(CONTRACT_WRITER_ROLES).input(queryReturnInput).mutation(({ ctx, input }) => decideReturn(ctx, input)),
} satisfies TRPCRouterRecord;

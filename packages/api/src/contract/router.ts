import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { addVariation, bulkContinue, createContract, decideExtension, directAward, planContinuation, recordEndDecision, setRates, terminateContract, updateContract } from './commands.ts';
import {
  bulkContinuationInput,
  continuationPreviewInput,
  CONTRACT_WRITERS,
  createContractInput,
  directAwardInput,
  endDecisionInput,
  extensionDecisionInput,
  listContractsInput,
  setRatesInput,
  terminationInput,
  updateContractInput,
  variationInput,
} from './input.ts';
import { getContract, listContinuations, listContractsQuery, listWarnings } from './queries.ts';

const write = roleProcedure(CONTRACT_WRITERS);

/**
 * My authority's contract register. Private: row-level security shows each authority only its own contracts,
 * so another authority's contract is NOT_FOUND (not even the partnership's lead sees them). Anyone acting for
 * the authority reads; commissioners and contract officers change (others: FORBIDDEN).
 */
export const contractRouter = {
  list: authorityProcedure.input(listContractsInput).query(({ ctx, input }) => listContractsQuery(ctx, input)),

  /** One contract with its rate card, extension options, variations, warnings and placements (audited: placement rows). */
  get: authorityProcedure.input(z.object({ contractId: z.uuid('Choose a contract') })).query(({ ctx, input }) => {
    ctx.audit.recordRead = true;
    ctx.audit.target = input.contractId;
    return getContract(ctx, input.contractId);
  }),

  /** Warnings for the register and the home page. */
  warnings: authorityProcedure.query(({ ctx }) => listWarnings(ctx)),

  /** Bulk continuation decisions recorded, with what each contract added. */
  continuations: authorityProcedure.query(({ ctx }) => listContinuations(ctx.tx)),

  /** What continuing the chosen contracts to a common end date would add, each and in total. Writes nothing. */
  previewContinuation: authorityProcedure.input(continuationPreviewInput).query(({ ctx, input }) => planContinuation(ctx.tx, input.contractIds, input.commonEndDate)),

  create: write.input(createContractInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const created = await createContract(ctx, input);
      ctx.audit.target = created.id;
      return created;
    }),
  ),

  directAward: write.input(directAwardInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const created = await directAward(ctx, input);
      ctx.audit.target = created.id;
      return created;
    }),
  ),

  update: write.input(updateContractInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.contractId;
    return updateContract(ctx, input);
  }),

  setRates: write.input(setRatesInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.contractId;
    return setRates(ctx, input);
  }),

  addVariation: write.input(variationInput).mutation(
    idempotent(({ ctx, input }) => {
      ctx.audit.target = input.contractId;
      return addVariation(ctx, input);
    }),
  ),

  decideExtension: write.input(extensionDecisionInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.contractId;
    return decideExtension(ctx, input);
  }),

  recordEndDecision: write.input(endDecisionInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.contractId;
    return recordEndDecision(ctx, input);
  }),

  /** Ends a running contract early (on a provider's failure, by notice): the reason, the clause and the decision. */
  terminate: write.input(terminationInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.contractId;
    return terminateContract(ctx, input);
  }),

  /** Continues several contracts to one end date under one single-source justification: all or nothing. */
  bulkContinue: write.input(bulkContinuationInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const result = await bulkContinue(ctx, input);
      ctx.audit.target = result.batchId;
      return result;
    }),
  ),
} satisfies TRPCRouterRecord;

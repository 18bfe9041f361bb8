import type { TRPCRouterRecord } from '@trpc/server';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure } from '../trpc.ts';
import { draftNotice, markPublished, markReady, updateNotice, withdrawNotice } from './commands.ts';
import { declinePipelineInput, draftInput, dueInput, forContractInput, forProcurementInput, markPublishedInput, pipelineInput, markReadyInput, noticeId, registerWarningsInput, updateInput, withdrawInput } from './input.ts';
import { declinePipeline, pipelineNotice } from './pipeline.ts';
import { due, forContract, forProcurement, pdf, registerWarnings, release } from './queries.ts';

/**
 * The Procurement Act 2023's notices (issue 16): what is due for a procurement or contract and by when, the
 * drafts Concord makes from its data, and the record of what was published on Find a Tender. Any member reads
 * its own authority's (and a partnership's members the lead's notices of its procurement); only commissioners
 * write: the lead commissioner for a procurement's, a commissioner of the authority holding a call-off or contract
 * for its. Providers are refused (authority sessions only).
 */
export const noticeRouter = {
  forProcurement: authorityProcedure.input(forProcurementInput).query(({ ctx, input }) => forProcurement(ctx, input.procurementId)),
  forContract: authorityProcedure.input(forContractInput).query(({ ctx, input }) => forContract(ctx, input.contractId)),
  due: authorityProcedure.input(dueInput).query(({ ctx, input }) => due(ctx, input)),
  /** For the contract register: per contract of mine on the page shown, the Act's notices due or overdue and a start inside the standstill. */
  registerWarnings: authorityProcedure.input(registerWarningsInput).query(({ ctx, input }) => registerWarnings(ctx, input.contractIds)),
  /** One of my authority's pipeline notices (UK1), as a notice item: its year's state, deadline and reason, and the record. */
  pipeline: authorityProcedure.input(pipelineInput).query(({ ctx, input }) => pipelineNotice(ctx, input.noticeId)),
  /** The authority's pipeline notice (UK1) for a financial year marked not required, with the reason. */
  declinePipeline: authorityProcedure.input(declinePipelineInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const record = await declinePipeline(ctx, input);
      ctx.audit.target = record.id;
      return record;
    }),
  ),
  draft: authorityProcedure.input(draftInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const record = await draftNotice(ctx, input);
      ctx.audit.target = record.id;
      return record;
    }),
  ),
  update: authorityProcedure.input(updateInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.id;
    return updateNotice(ctx, input);
  }),
  markReady: authorityProcedure.input(markReadyInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.id;
    return markReady(ctx, input);
  }),
  markPublished: authorityProcedure.input(markPublishedInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.id;
    return markPublished(ctx, input);
  }),
  withdraw: authorityProcedure.input(withdrawInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.id;
    return withdrawNotice(ctx, input);
  }),
  /** The notice's OCDS 1.1.5 release package (frozen at publication). */
  release: authorityProcedure.input(noticeId).query(({ ctx, input }) => release(ctx, input.id)),
  /** The notice as a readable A4 PDF. */
  pdf: authorityProcedure.input(noticeId).query(({ ctx, input }) => pdf(ctx, input.id)),
} satisfies TRPCRouterRecord;

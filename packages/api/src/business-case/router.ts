import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { EDITOR_ROLES } from '../appraisal/appraisal.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import {
  approveBusinessCase,
  approveInput,
  createBusinessCase,
  createBusinessCaseInput,
  exportBusinessCase,
  getBusinessCase,
  listBusinessCases,
  submitBusinessCase,
  updateBusinessCase,
  updateBusinessCaseInput,
} from './business-case.ts';
import { idempotent } from '../idempotent.ts';

const byId = z.object({ businessCaseId: z.uuid('Choose a business case') });

export const businessCaseRouter = {
  list: authorityProcedure.query(({ ctx }) => listBusinessCases(ctx.tx)),

  /** The case, its figures (live, or the snapshot once approved) and the paper laid out for preview. */
  get: authorityProcedure.input(byId).query(({ ctx, input }) => getBusinessCase(ctx, input.businessCaseId)),

  create: roleProcedure(EDITOR_ROLES)
    .input(createBusinessCaseInput)
    .mutation(idempotent(async ({ ctx, input }) => {
      const created = await createBusinessCase(ctx, input);
      ctx.audit.target = created.id;
      return created;
    })),

  /** Editing an approved case is BAD_REQUEST: it is frozen. */
  update: roleProcedure(EDITOR_ROLES)
    .input(updateBusinessCaseInput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.businessCaseId;
      return updateBusinessCase(ctx, input);
    }),

  submit: roleProcedure(EDITOR_ROLES)
    .input(byId)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.businessCaseId;
      return submitBusinessCase(ctx, input.businessCaseId);
    }),

  /** Records the decision (who decided, when, the reference) and freezes the figures. */
  approve: roleProcedure(EDITOR_ROLES)
    .input(approveInput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.businessCaseId;
      return approveBusinessCase(ctx, input);
    }),

  /** The paper as PDF (for printing) or DOCX (for Word), base64 with a filename and MIME type. */
  export: authorityProcedure.input(byId.extend({ format: z.enum(['pdf', 'docx'], { error: 'Choose PDF or Word' }) })).query(({ ctx, input }) => {
    ctx.audit.target = input.businessCaseId;
    ctx.audit.recordRead = true;
    return exportBusinessCase(ctx, input.businessCaseId, input.format);
  }),
} satisfies TRPCRouterRecord;

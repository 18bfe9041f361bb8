import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { createAppraisal, createAppraisalInput, EDITOR_ROLES, getAppraisal, listAppraisals, updateAppraisal, updateAppraisalInput } from './appraisal.ts';

export const appraisalRouter = {
  /** My authority's options appraisals. */
  list: authorityProcedure.query(({ ctx }) => listAppraisals(ctx.tx)),

  /** An appraisal with its grid, totals, ranking and recommended option (NOT_FOUND for another authority's). */
  get: authorityProcedure.input(z.object({ appraisalId: z.uuid('Choose an appraisal') })).query(({ ctx, input }) => getAppraisal(ctx, input.appraisalId)),

  /** A new appraisal (commissioners); a partnership's only by its lead commissioner. */
  create: roleProcedure(EDITOR_ROLES)
    .input(createAppraisalInput)
    .mutation(
      idempotent(async ({ ctx, input }) => {
        const created = await createAppraisal(ctx, input);
        ctx.audit.target = created.id;
        return created;
      }),
    ),

  /** Changes the grid: a score off the scale or an override without a reason is BAD_REQUEST naming the field. */
  update: roleProcedure(EDITOR_ROLES)
    .input(updateAppraisalInput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.appraisalId;
      return updateAppraisal(ctx, input);
    }),
} satisfies TRPCRouterRecord;

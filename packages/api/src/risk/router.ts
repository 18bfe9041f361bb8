import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { EDITOR_ROLES } from '../appraisal/appraisal.ts';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { authorityMatrix, createRisk, createRiskInput, deleteRisk, listRisks, listRisksInput, setAuthorityMatrix, setMatrixInput, updateRisk, updateRiskInput } from './risk.ts';

export const riskRouter = {
  /** The risks of a business case, procurement or contract: scores, RAG bands, heat maps, raised-by-mitigation flags. */
  list: authorityProcedure.input(listRisksInput).query(({ ctx, input }) => listRisks(ctx, input)),

  /** Likelihood or impact outside 1–5 is BAD_REQUEST naming the field. */
  create: roleProcedure(EDITOR_ROLES)
    .input(createRiskInput)
    .mutation(
      idempotent(async ({ ctx, input }) => {
        const created = await createRisk(ctx, input);
        ctx.audit.target = created.id;
        return created;
      }),
    ),

  update: roleProcedure(EDITOR_ROLES)
    .input(updateRiskInput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.riskId;
      return updateRisk(ctx, input);
    }),

  delete: roleProcedure(EDITOR_ROLES)
    .input(z.object({ riskId: z.uuid('Choose a risk') }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.riskId;
      return deleteRisk(ctx, input.riskId);
    }),

  /** My authority's 5×5 RAG matrix (the default until it sets one). */
  matrix: authorityProcedure.query(({ ctx }) => authorityMatrix(ctx.tx)),

  /** Sets the matrix: 5 rows × 5 cells of green/amber/red, or score bands (amber from, red from). */
  setMatrix: roleProcedure(EDITOR_ROLES)
    .input(setMatrixInput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = ctx.session.authorityId;
      return setAuthorityMatrix(ctx, input);
    }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { EDITOR_ROLES } from '../appraisal/appraisal.ts';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { createDemand, createDemandInput, getDemand, heldPopulations, listDemand, updateDemand, updateDemandInput } from './demand.ts';

export const demandRouter = {
  /** My authority's demand models. */
  list: authorityProcedure.query(({ ctx }) => listDemand(ctx.tx)),

  /** A model with need, supply and gap per year and type of provision. */
  get: authorityProcedure.input(z.object({ demandModelId: z.uuid('Choose a demand model') })).query(({ ctx, input }) => getDemand(ctx, input.demandModelId)),

  /** The populations held for my authority (ONS and the papers), by age band and year. */
  populations: authorityProcedure.query(({ ctx }) => heldPopulations(ctx)),

  create: roleProcedure(EDITOR_ROLES)
    .input(createDemandInput)
    .mutation(
      idempotent(async ({ ctx, input }) => {
        const created = await createDemand(ctx, input);
        ctx.audit.target = created.id;
        return created;
      }),
    ),

  update: roleProcedure(EDITOR_ROLES)
    .input(updateDemandInput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.demandModelId;
      return updateDemand(ctx, input);
    }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { INT4_MAX } from '@concord/domain';
import { z } from 'zod';
import { kpiLibrarySchema } from '../openapi/schemas.ts';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure } from '../trpc.ts';
import { saveKpi } from './commands.ts';
import { saveKpiInput } from './input.ts';
import { kpiHistory, kpiLibrary } from './queries.ts';

/** The standard KPI library of each partnership: members read; the lead commissioner adds versions. */
export const kpiRouter = {
  list: authorityProcedure
    .meta({ openapi: { method: 'GET', path: '/kpis', protect: true, tags: ['KPIs'], summary: 'KPI definitions of my partnerships (current versions)' } })
    .input(
      z
        .object({
          partnershipId: z.uuid('Choose a partnership').optional(),
          /** KPIs a page (a partnership with none counts as one): 100 by default, at most 200. */
          limit: z.number().int().min(1).max(200).default(100),
          offset: z.number().int().min(0).max(INT4_MAX).default(0),
        })
        .default({ limit: 100, offset: 0 }),
    )
    .output(kpiLibrarySchema)
    .query(({ ctx, input }) => kpiLibrary(ctx, input)),

  history: authorityProcedure.input(z.object({ kpiId: z.uuid('Choose a KPI') })).query(({ ctx, input }) => kpiHistory(ctx.tx, input.kpiId)),

  save: authorityProcedure.input(saveKpiInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const saved = await saveKpi(ctx, input);
      ctx.audit.target = saved.id;
      return saved;
    }),
  ),
} satisfies TRPCRouterRecord;

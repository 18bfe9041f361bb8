import { DEFAULT_CONSENT, forbidden, notFound } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { dayInput } from '@concord/domain';
import { z } from 'zod';
import { kpiCodeInput } from '../kpi/input.ts';
import type { TenantContext } from '../context.ts';
import { benchmarkSchema } from '../openapi/schemas.ts';
import { authorityProcedure } from '../trpc.ts';
import { setConsent } from './consent.ts';
import { exportBenchmark } from './export.ts';
import { benchmark } from './queries.ts';

export const benchmarkQueryInput = z.object({
  partnershipId: z.uuid('Choose a partnership'),
  kpiCode: kpiCodeInput,
  period: dayInput('the period').optional(),
  periodCount: z.number().int().min(1).max(36).optional(),
});

/**
 * My authority's choice for each partnership of mine, the default where none is recorded: one query. My choices are
 * read on their own (a materialized CTE: one shard on Citus, where a coordinator table joined directly with a
 * distributed one under row-level security crashed Citus 13.2.2; migration 0056).
 */
async function myConsent(ctx: Pick<TenantContext, 'tx' | 'session'>) {
  const rows = await ctx.tx
    .with(
      (cte) => cte('c').materialized(),
      (db) => db.selectFrom('benchmark_consent').select(['partnership_id', 'mode']).where('authority_id', '=', ctx.session.authorityId!),
    )
    .selectFrom('partnership as p')
    .leftJoin('c', 'c.partnership_id', 'p.id')
    .select(['p.id', 'p.name', 'c.mode'])
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ partnershipId: r.id, partnershipName: r.name, mode: r.mode ?? DEFAULT_CONSENT }));
}

/**
 * Cross-authority benchmarks. Members read their partnerships' published figures through these only:
 * consent and small-number suppression are applied for the caller on every read.
 */
export const benchmarkRouter = {
  get: authorityProcedure
    .meta({ openapi: { method: 'GET', path: '/benchmark', protect: true, tags: ['Benchmark'], summary: 'A partnership × KPI benchmark, consent and suppression applied' } })
    .input(benchmarkQueryInput)
    .output(benchmarkSchema)
    .query(({ ctx, input }) => benchmark(ctx.tx, ctx.session.authorityId, input)),

  export: authorityProcedure
    .input(benchmarkQueryInput.extend({ format: z.enum(['csv', 'xlsx', 'pdf']) }))
    .query(async ({ ctx, input }) => exportBenchmark([await benchmark(ctx.tx, ctx.session.authorityId, input)], input.format, { title: `Benchmark ${input.kpiCode}`, asAt: ctx.now() })),

  /** My authority's choice, per partnership, to be named or anonymised to the other members. */
  consent: authorityProcedure.query(({ ctx }) => myConsent(ctx)),

  setConsent: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership'), mode: z.enum(['named', 'anonymised']) }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.roles.includes('commissioner')) throw forbidden('Only a commissioner can choose how your authority appears to partners');
      const mine = await ctx.tx.selectFrom('partnership').select('id').where('id', '=', input.partnershipId).executeTakeFirst();
      if (!mine) throw notFound('Partnership');
      await setConsent(ctx.tx, ctx.session.authorityId, input.partnershipId, input.mode);
      ctx.audit.target = input.partnershipId;
      return { partnershipId: input.partnershipId, mode: input.mode };
    }),
} satisfies TRPCRouterRecord;

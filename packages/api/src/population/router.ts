import { forbidden, isStorableText } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { signedInProcedure } from '../trpc.ts';
import { importPopulations } from './import.ts';

/**
 * Population estimates (ONS), the denominators of per-head KPIs. Everyone signed in reads them (they are
 * published figures). A platform administrator imports a whole file; a commissioner imports only their own
 * authority's row from it.
 */
export const populationRouter = {
  list: signedInProcedure
    .input(z.object({ authorityIds: z.array(z.string().regex(/^[EWSN]\d{8}$/)).max(200).optional() }).default({}))
    .query(async ({ ctx, input }) => {
      let q = ctx.tx
        .selectFrom('authority_population as p')
        .innerJoin('authority as a', 'a.id', 'p.authority_id')
        .select(['p.authority_id', 'a.name as authority_name', 'p.year', 'p.age_band', 'p.population', 'p.source'])
        .orderBy('a.name')
        .orderBy('p.year')
        .orderBy('p.age_band');
      if (input.authorityIds?.length) q = q.where('p.authority_id', 'in', input.authorityIds);
      return q.execute();
    }),

  import: signedInProcedure
    .input(z.object({ year: z.number().int().min(1990).max(2100), csv: z.string().min(1, 'Choose a file').max(5_000_000).refine(isStorableText, 'The file has a NUL or other character that cannot be stored in it: save it again as UTF-8 CSV') }))
    .mutation(async ({ ctx, input }) => {
      const session = ctx.session;
      if (!session.isPlatformAdmin) {
        if (!session.authorityId || !ctx.roles.includes('commissioner')) throw forbidden('Only a platform administrator or a commissioner can import population estimates');
      }
      ctx.audit.target = `population ${input.year}`;
      return importPopulations(ctx.tx, input.csv, input.year, session.isPlatformAdmin ? undefined : session.authorityId!);
    }),
} satisfies TRPCRouterRecord;

import { notFound } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { listMyPartnerships } from '../partnership/queries.ts';
import { authorityProcedure } from '../trpc.ts';

export const authorityRouter = {
  /** The authority I act for, my roles in it, and my partnerships with their members and lead. */
  mine: authorityProcedure.query(async ({ ctx }) => {
    const authority = await ctx.tx.selectFrom('authority').selectAll().where('id', '=', ctx.session.authorityId).executeTakeFirst();
    if (!authority) throw notFound('Authority');
    return {
      authority: { id: authority.id, name: authority.name, kind: authority.kind, region: authority.region },
      roles: ctx.roles,
      partnerships: await listMyPartnerships(ctx.tx),
    };
  }),
} satisfies TRPCRouterRecord;

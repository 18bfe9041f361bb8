import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { roleProcedure } from '../trpc.ts';

export const auditRouter = {
  /** My authority's audit log, newest first (commissioners, and platform administrators acting for it). */
  list: roleProcedure(['commissioner'], { admin: true })
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(200).default(50),
          before: z.iso.datetime({ message: 'before must be an ISO date-time' }).optional(),
        })
        .default({ limit: 50 }),
    )
    .query(async ({ ctx, input }) => {
      let query = ctx.tx
        .selectFrom('audit_event as e')
        .leftJoin('app_user as u', 'u.id', 'e.user_id')
        .select(['e.id', 'e.occurred_at', 'e.procedure', 'e.target', 'e.outcome', 'e.request_id', 'u.email', 'u.display_name'])
        .orderBy('e.occurred_at', 'desc')
        .limit(input.limit);
      if (input.before) query = query.where('e.occurred_at', '<', new Date(input.before));
      const rows = await query.execute();
      return rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurred_at.toISOString(),
        procedure: r.procedure,
        target: r.target,
        outcome: r.outcome,
        requestId: r.request_id,
        who: r.display_name ? `${r.display_name} (${r.email})` : 'Someone outside this authority',
      }));
    }),
} satisfies TRPCRouterRecord;

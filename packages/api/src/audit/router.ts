import { forbidden } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { signedInProcedure } from '../trpc.ts';

const listInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    before: z.iso.datetime({ message: 'before must be an ISO date-time' }).optional(),
  })
  .default({ limit: 50 });
type ListInput = z.infer<typeof listInput>;

/** One page of a log, newest first; `before` is the time of the last event of the page before. */
async function page(tx: Tx, table: 'audit_event' | 'platform_audit_event', input: ListInput, outsider: string) {
  // The two logs have the same columns; kysely is told one name so the query types once.
  let query = tx
    .selectFrom(`${table} as e` as 'audit_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.occurred_at', 'e.procedure', 'e.target', 'e.outcome', 'e.request_id', 'u.email', 'u.display_name'])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id')
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
    who: r.display_name ? `${r.display_name} (${r.email})` : outsider,
  }));
}

export const auditRouter = {
  /**
   * My authority's audit log, newest first (commissioners, and platform administrators acting for it). A
   * platform administrator acting for no authority reads the platform log instead: what administrators did
   * for no authority (population imports) and their refusals. Outcomes: 'success', 'denied' (FORBIDDEN) and
   * 'not_found' (a record named that this authority cannot see).
   */
  list: signedInProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { session, roles } = ctx;
    if (session.authorityId) {
      if (!roles.includes('commissioner') && !session.isPlatformAdmin) throw forbidden('This needs the role: commissioner');
      return page(ctx.tx, 'audit_event', input, 'Someone outside this authority');
    }
    if (!session.isPlatformAdmin) throw forbidden('Your account does not act for an authority');
    return page(ctx.tx, 'platform_audit_event', input, 'A platform administrator');
  }),
} satisfies TRPCRouterRecord;

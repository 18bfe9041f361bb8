import type { TRPCRouterRecord } from '@trpc/server';
import { INT4_MAX, notFound, recordId } from '@concord/domain';
import { z } from 'zod';
import { signedInProcedure } from '../trpc.ts';

const page = z
  .object({ limit: z.number().int().min(1).max(100).default(25), offset: z.number().int().min(0).max(INT4_MAX).default(0), unreadOnly: z.boolean().default(false) })
  .default({ limit: 25, offset: 0, unreadOnly: false });

/** The inbox of the authority or provider organisation the session acts for (issue 11, item 6). */
export const messageRouter = {
  /** Newest first, paged, with how many are unread. */
  list: signedInProcedure.input(page).query(async ({ ctx, input }) => {
    let query = ctx.tx.selectFrom('message as m').leftJoin('authority as a', 'a.id', 'm.from_authority_id').leftJoin('provider as p', 'p.id', 'm.from_provider_id');
    if (input.unreadOnly) query = query.where('m.read_at', 'is', null);
    const rows = await query
      .select(['m.id', 'm.kind', 'm.subject', 'm.body', 'm.link', 'm.created_at', 'm.read_at', 'a.name as from_authority', 'p.legal_name as from_provider'])
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id')
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    const counts = await ctx.tx
      .selectFrom('message')
      .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.count<string>('id').filterWhere('read_at', 'is', null).as('unread')])
      .executeTakeFirstOrThrow();
    return {
      messages: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        subject: r.subject,
        body: r.body,
        link: r.link,
        sentAt: r.created_at.toISOString(),
        read: r.read_at !== null,
        from: r.from_authority ?? r.from_provider ?? 'Concord',
      })),
      total: Number(counts.total),
      unread: Number(counts.unread),
    };
  }),

  /** How many messages are unread, for the navigation. */
  unreadCount: signedInProcedure.query(async ({ ctx }) => {
    const row = await ctx.tx.selectFrom('message').select((eb) => eb.fn.countAll<string>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return { unread: Number(row.n) };
  }),

  markRead: signedInProcedure.input(z.object({ messageId: recordId('a message') })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.messageId;
    const updated = await ctx.tx.updateTable('message').set({ read_at: ctx.now() }).where('id', '=', input.messageId).where('read_at', 'is', null).returning('id').executeTakeFirst();
    if (!updated) {
      const exists = await ctx.tx.selectFrom('message').select('id').where('id', '=', input.messageId).executeTakeFirst();
      if (!exists) throw notFound('Message');
    }
    return { read: input.messageId };
  }),
} satisfies TRPCRouterRecord;

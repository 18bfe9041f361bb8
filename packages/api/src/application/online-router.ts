import { recordId } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { providerProcedure, providerRoleProcedure } from '../trpc.ts';
import { discardOnlineApplication, saveOnlineApplication, startOnlineApplication, submitOnlineApplication } from './online.ts';
import { saveOnlineApplicationInput, startOnlineApplicationInput, submitOnlineApplicationInput } from './online-input.ts';
import { getMyApplication, listMyApplications } from './online-queries.ts';

/** Writing applications: the organisation's provider administrators and bid writers. */
const bidWriter = providerRoleProcedure(['provider_admin', 'bid_writer']);

/**
 * A provider organisation's own applications, made online (issue 11, item 3): draft, save part by part, submit
 * (immutable, time-stamped, with its profile frozen), then follow the outcome and its own scores (item 4).
 * An organisation not yet verified may apply; the lead verifies it before admitting it.
 */
export const myApplicationRouter = {
  list: providerProcedure.query(({ ctx }) => listMyApplications(ctx.tx, ctx.session.providerId)),

  get: providerProcedure.input(z.object({ applicationId: recordId('an application') })).query(({ ctx, input }) => getMyApplication(ctx.tx, ctx.session.providerId, input.applicationId)),

  /** Starts a draft to a procurement open today (or returns the draft already started). */
  start: bidWriter.input(startOnlineApplicationInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const started = await startOnlineApplication({ tx: ctx.tx, now: ctx.now, session: { providerId: ctx.session.providerId!, userId: ctx.session.userId } }, input.procurementId);
      ctx.audit.target = started.id;
      return started;
    }),
  ),

  save: bidWriter.input(saveOnlineApplicationInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return saveOnlineApplication({ tx: ctx.tx, now: ctx.now, session: { providerId: ctx.session.providerId!, userId: ctx.session.userId } }, input);
  }),

  submit: bidWriter.input(submitOnlineApplicationInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return submitOnlineApplication({ tx: ctx.tx, now: ctx.now, session: { providerId: ctx.session.providerId!, userId: ctx.session.userId } }, input);
  }),

  discard: bidWriter.input(z.object({ applicationId: recordId('an application') })).mutation(({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return discardOnlineApplication({ tx: ctx.tx, now: ctx.now, session: { providerId: ctx.session.providerId!, userId: ctx.session.userId } }, input.applicationId);
  }),
} satisfies TRPCRouterRecord;

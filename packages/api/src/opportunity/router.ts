import { INT4_MAX, recordId } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listMyApplications } from '../application/online-queries.ts';
import { askClarificationInput, publishClarificationInput } from '../application/online-input.ts';
import { procurementForEvaluator } from '../application/queries.ts';
import { idempotent } from '../idempotent.ts';
import { procurementForLead } from '../procurement/access.ts';
import { authorityProcedure, providerProcedure, providerRoleProcedure } from '../trpc.ts';
import { askClarification, leadClarifications, myQuestions, publishClarification, publishedClarifications } from './clarifications.ts';
import { getOpportunity, listOpportunities } from './queries.ts';

const page = z
  .object({ limit: z.number().int().min(1).max(100).default(20), offset: z.number().int().min(0).max(INT4_MAX).default(0) })
  .default({ limit: 20, offset: 0 });

/** Procurements open for applications, as a provider organisation sees them (issue 11, item 3). */
export const opportunityRouter = {
  /** Every procurement open for applications today, across all partnerships, a page at a time. */
  list: providerProcedure.input(page).query(({ ctx, input }) => listOpportunities(ctx.tx, ctx.now(), input)),

  /** One of them, with its published clarifications, my organisation's questions and applications to it. */
  get: providerProcedure.input(z.object({ procurementId: recordId('a procurement') })).query(async ({ ctx, input }) => {
    const opportunity = await getOpportunity(ctx.tx, ctx.now(), input.procurementId);
    return {
      ...opportunity,
      clarifications: await publishedClarifications(ctx.tx, input.procurementId),
      myQuestions: await myQuestions(ctx.tx, ctx.session.providerId, input.procurementId),
      myApplications: (await listMyApplications(ctx.tx, ctx.session.providerId)).filter((a) => a.procurement.id === input.procurementId),
    };
  }),

  /** Asks the lead a clarification question while the procurement accepts applications. */
  ask: providerRoleProcedure(['provider_admin', 'bid_writer'])
    .input(askClarificationInput)
    .mutation(
      idempotent(async ({ ctx, input }) => {
        ctx.audit.target = input.procurementId;
        return askClarification(ctx.tx, ctx.session.providerId!, ctx.session.userId, ctx.now(), input);
      }),
    ),
} satisfies TRPCRouterRecord;

/** The lead's side of clarifications: the questions asked (with who asked) and publishing answers to everyone. */
export const clarificationRouter = {
  /** The lead authority's evaluators: questions and published clarifications. */
  list: authorityProcedure.input(z.object({ procurementId: recordId('a procurement') })).query(async ({ ctx, input }) => {
    const procurement = await procurementForEvaluator(ctx, input.procurementId);
    return leadClarifications(ctx.tx, procurement.id);
  }),

  /** The lead commissioner publishes a question and its answer to every applicant, without who asked. */
  publish: authorityProcedure.input(publishClarificationInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const procurement = await procurementForLead(ctx, input.procurementId);
      ctx.audit.target = procurement.id;
      return publishClarification(ctx.tx, { authorityId: ctx.session.authorityId, userId: ctx.session.userId }, procurement, input);
    }),
  ),
} satisfies TRPCRouterRecord;

import { moderationInput, scoreInput } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure } from '../trpc.ts';
import { createApplication, decideApplication, recordGateway, withdrawApplication } from './commands.ts';
import { moderateScore, scoreApplication } from './scoring.ts';
import { createApplicationInput, decisionInput, gatewayAnswersInput, withdrawalInput } from './input.ts';
import { applicationForModerator, evaluateProcurement, getApplication, listApplications } from './queries.ts';
import { verifyApplicant } from './online-decision.ts';

/**
 * The lead authority's confidential evaluation. Partners see none of it: FORBIDDEN where they name a
 * procurement they can see, NOT_FOUND where they name an application (which they cannot see at all).
 * At the lead authority: commissioners and contract officers enter applications, gateway answers and their
 * own scores; the lead commissioner moderates, ranks and decides. Viewers and finance officers: FORBIDDEN.
 */
export const applicationRouter = {
  list: authorityProcedure.input(z.object({ procurementId: z.uuid('Choose a procurement') })).query(({ ctx, input }) => listApplications(ctx, input.procurementId)),

  get: authorityProcedure.input(z.object({ applicationId: z.uuid('Choose an application') })).query(({ ctx, input }) => getApplication(ctx, input.applicationId)),

  create: authorityProcedure.input(createApplicationInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const created = await createApplication(ctx, input);
      ctx.audit.target = created.id;
      return created;
    }),
  ),

  recordGateway: authorityProcedure.input(gatewayAnswersInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return recordGateway(ctx, input);
  }),

  /** My own score for one criterion, with a rationale. */
  score: authorityProcedure.input(scoreInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return scoreApplication(ctx, input);
  }),

  /** The agreed score for one criterion after moderation. */
  moderate: authorityProcedure.input(moderationInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return moderateScore(ctx, input);
  }),

  /** Per lot: totals and ranking, from packages/domain. */
  evaluation: authorityProcedure.input(z.object({ procurementId: z.uuid('Choose a procurement') })).query(({ ctx, input }) => evaluateProcurement(ctx, input.procurementId)),

  /** Admit (onto the approved list of each lot applied to) or reject with a reason. */
  decide: authorityProcedure.input(decisionInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return decideApplication(ctx, input);
  }),

  /**
   * The lead commissioner verifies the organisation behind an application made online (a self-registered one must be
   * verified before it is admitted). The organisation is told.
   */
  verifyProvider: authorityProcedure.input(z.object({ applicationId: z.uuid('Choose an application') })).mutation(async ({ ctx, input }) => {
    const { application } = await applicationForModerator(ctx, input.applicationId);
    ctx.audit.target = application.provider_id;
    return verifyApplicant(ctx.tx, ctx.session.authorityId, application.provider_id, ctx.now());
  }),

  /** The provider withdrew before a decision: the day and its reason, recorded by the lead commissioner. */
  withdraw: authorityProcedure.input(withdrawalInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.applicationId;
    return withdrawApplication(ctx, input);
  }),
} satisfies TRPCRouterRecord;

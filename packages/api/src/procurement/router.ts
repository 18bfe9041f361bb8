import { criteriaInput, gatewayQuestionInput, procurementStatus, recordVersion, reopeningInput, scaleInput, transitionInput } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authorityProcedure } from '../trpc.ts';
import { createProcurement, setBuyers, setMilestones, transitionProcurement, updateProcurement } from './commands.ts';
import { setCriteria, setGatewayQuestions, setScale } from './criteria.ts';
import { buyersInput, createLotInput, createProcurementInput, milestonesInput, updateLotInput, updateProcurementInput } from './input.ts';
import { createLot, deleteLot, updateLot } from './lots.ts';
import { exportOcds } from './ocds.ts';
import { getProcurement, listProcurements } from './queries.ts';
import { createReopening } from './reopenings.ts';
import { idempotent } from '../idempotent.ts';

const procurementId = z.object({ procurementId: z.uuid('Choose a procurement') });

/**
 * Joint procurements. Members of the partnership read everything here; writes need the lead commissioner
 * of the partnership acting for its lead authority (partners: FORBIDDEN; outsiders: NOT_FOUND).
 */
export const procurementRouter = {
  list: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership').optional(), status: procurementStatus.optional() }).default({}))
    .query(({ ctx, input }) => listProcurements(ctx, input)),

  get: authorityProcedure.input(procurementId).query(({ ctx, input }) => getProcurement(ctx, input.procurementId)),

  create: authorityProcedure.input(createProcurementInput).mutation(idempotent(async ({ ctx, input }) => {
    const created = await createProcurement(ctx, input);
    ctx.audit.target = created.id;
    return created;
  })),

  update: authorityProcedure.input(updateProcurementInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.procurementId;
    return updateProcurement(ctx, input);
  }),

  /** Moves to the next stage, recording the decision (reference, optional link and note, date). */
  transition: authorityProcedure.input(transitionInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.procurementId;
    return transitionProcurement(ctx, input);
  }),

  setMilestones: authorityProcedure.input(milestonesInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.procurementId;
    return setMilestones(ctx, input);
  }),

  setBuyers: authorityProcedure.input(buyersInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.procurementId;
    return setBuyers(ctx, input.procurementId, input.buyerAuthorityIds, input.version);
  }),

  /** The Open Contracting Data Standard 1.1.5 release package. */
  ocds: authorityProcedure.input(procurementId).query(({ ctx, input }) => exportOcds(ctx, input.procurementId)),
} satisfies TRPCRouterRecord;

export const lotRouter = {
  create: authorityProcedure.input(createLotInput).mutation(idempotent(async ({ ctx, input }) => {
    const created = await createLot(ctx, input);
    ctx.audit.target = created.id;
    return created;
  })),
  update: authorityProcedure.input(updateLotInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.lotId;
    return updateLot(ctx, input);
  }),
  delete: authorityProcedure.input(z.object({ lotId: z.uuid('Choose a lot') })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.lotId;
    return deleteLot(ctx, input.lotId);
  }),
} satisfies TRPCRouterRecord;

export const criteriaRouter = {
  /**
   * Replaces the whole set; weights must total 100% or nothing is written. Each edit here sends the
   * procurement's `version` as the form loaded it: a stale one is CONFLICT naming who changed it and when.
   */
  set: authorityProcedure.input(z.object({ procurementId: z.uuid('Choose a procurement'), criteria: criteriaInput, version: recordVersion })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.procurementId;
    return setCriteria(ctx, input.procurementId, input.criteria, input.version);
  }),
  setScale: authorityProcedure
    .input(
      z.object({
        procurementId: z.uuid('Choose a procurement'),
        scale: scaleInput,
        qualityThresholdPercent: z.number().min(0, 'The threshold is a percentage from 0 to 100').max(100, 'The threshold is a percentage from 0 to 100').nullish(),
        version: recordVersion,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.procurementId;
      return setScale(ctx, input.procurementId, input.scale, input.qualityThresholdPercent, input.version);
    }),
  setGatewayQuestions: authorityProcedure
    .input(z.object({ procurementId: z.uuid('Choose a procurement'), questions: z.array(gatewayQuestionInput).max(50), version: recordVersion }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.procurementId;
      return setGatewayQuestions(ctx, input.procurementId, input.questions, input.version);
    }),
} satisfies TRPCRouterRecord;

export const reopeningRouter = {
  /** A window in which a reopenable framework takes new providers. */
  create: authorityProcedure.input(reopeningInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const created = await createReopening(ctx, input);
      ctx.audit.target = created.id;
      return created;
    }),
  ),
} satisfies TRPCRouterRecord;

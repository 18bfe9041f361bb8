import type { TRPCRouterRecord } from '@trpc/server';
import { wholeNumber } from '@concord/domain';
import { z } from 'zod';
import { authorityProcedure } from '../trpc.ts';
import { createExercise, createExerciseInput, getExercise, listExercises } from './fair-cost.ts';
import {
  createCostModel,
  createCostModelInput,
  createDraftInput,
  createDraftVersion,
  diffCostModel,
  getCostModel,
  listCostModels,
  publishVersion,
  updateDraftInput,
  updateDraftVersion,
} from './models.ts';
import { idempotent } from '../idempotent.ts';

/**
 * A partnership's shared cost models: versioned parameters from which the domain computes every rate with its
 * build-up. Members read every version; the lead commissioner writes drafts and publishes them, after which a
 * version never changes.
 */
export const costModelRouter = {
  list: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership').optional() }).default({}))
    .query(({ ctx, input }) => listCostModels(ctx.tx, input.partnershipId)),

  get: authorityProcedure
    .input(z.object({ costModelId: z.uuid('Choose a cost model'), version: wholeNumber('the version', { min: 1 }).optional() }))
    .query(({ ctx, input }) => getCostModel(ctx, input.costModelId, input.version)),

  create: authorityProcedure.input(createCostModelInput).mutation(idempotent(async ({ ctx, input }) => {
    const created = await createCostModel(ctx, input);
    ctx.audit.target = created.id;
    return created;
  })),

  createDraft: authorityProcedure.input(createDraftInput).mutation(async ({ ctx, input }) => {
    const created = await createDraftVersion(ctx, input);
    ctx.audit.target = created.id;
    return created;
  }),

  updateDraft: authorityProcedure.input(updateDraftInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.versionId;
    return updateDraftVersion(ctx, input);
  }),

  publish: authorityProcedure.input(z.object({ versionId: z.uuid('Choose a cost model version') })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.versionId;
    return publishVersion(ctx, input.versionId, ctx.now());
  }),

  /** What changed between two versions: parameters leaf by leaf, and each model rate before and after. */
  diff: authorityProcedure
    .input(z.object({ costModelId: z.uuid('Choose a cost model'), from: wholeNumber('the earlier version', { min: 1 }), to: wholeNumber('the later version', { min: 1 }) }))
    .query(({ ctx, input }) => diffCostModel(ctx.tx, input.costModelId, input.from, input.to)),
} satisfies TRPCRouterRecord;

/** Fair cost of care exercises: providers' submitted costs per unit → lower quartile, median (the fair rate), upper quartile, with n. */
export const fairCostRouter = {
  list: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership').optional() }).default({}))
    .query(({ ctx, input }) => listExercises(ctx.tx, { partnershipId: input.partnershipId })),

  get: authorityProcedure.input(z.object({ exerciseId: z.uuid('Choose an exercise') })).query(({ ctx, input }) => getExercise(ctx.tx, input.exerciseId)),

  create: authorityProcedure.input(createExerciseInput).mutation(
    idempotent(async ({ ctx, input }) => {
      const created = await createExercise(ctx, input);
      ctx.audit.target = created.id;
      return created;
    }),
  ),
} satisfies TRPCRouterRecord;

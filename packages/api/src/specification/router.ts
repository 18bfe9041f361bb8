import type { TRPCRouterRecord } from '@trpc/server';
import { wholeNumber } from '@concord/domain';
import { z } from 'zod';
import { authorityProcedure } from '../trpc.ts';
import { createDraftVersion, createSpecification, publishVersion, updateDraftVersion } from './commands.ts';
import { createDraftInput, createSpecificationInput, diffInput, updateDraftInput } from './input.ts';
import { diffSpecification, getSpecification, listSpecifications } from './queries.ts';
import { idempotent } from '../idempotent.ts';

/**
 * A partnership's overarching specifications: versioned Markdown sections. Members read every version;
 * the lead commissioner writes drafts and publishes them, after which a version never changes.
 */
export const specificationRouter = {
  list: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership').optional() }).default({}))
    .query(({ ctx, input }) => listSpecifications(ctx.tx, input.partnershipId)),

  get: authorityProcedure
    .input(z.object({ specificationId: z.uuid('Choose a specification'), version: wholeNumber('the version', { min: 1 }).optional() }))
    .query(({ ctx, input }) => getSpecification(ctx, input.specificationId, input.version)),

  create: authorityProcedure.input(createSpecificationInput).mutation(idempotent(async ({ ctx, input }) => {
    const created = await createSpecification(ctx, input);
    ctx.audit.target = created.id;
    return created;
  })),

  createDraft: authorityProcedure.input(createDraftInput).mutation(async ({ ctx, input }) => {
    const created = await createDraftVersion(ctx, input.specificationId, input.changeNote);
    ctx.audit.target = created.id;
    return created;
  }),

  updateDraft: authorityProcedure.input(updateDraftInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.versionId;
    return updateDraftVersion(ctx, input);
  }),

  publish: authorityProcedure.input(z.object({ versionId: z.uuid('Choose a specification version') })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.versionId;
    return publishVersion(ctx, input.versionId, ctx.now());
  }),

  /** Section by section, with the text of both sides and a line diff. */
  diff: authorityProcedure.input(diffInput).query(({ ctx, input }) => diffSpecification(ctx.tx, input.specificationId, input.from, input.to)),
} satisfies TRPCRouterRecord;

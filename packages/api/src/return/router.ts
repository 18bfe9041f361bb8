import type { TRPCRouterRecord } from '@trpc/server';
import { recordVersion } from '@concord/domain';
import { z } from 'zod';
import { returnsCalendarSchema } from '../openapi/schemas.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { submitReturn, today, uploadReturns } from './commands.ts';
import { deriveReturn, submitDerivedReturn } from './derive.ts';
import { returnsCalendar, returnsDue } from './queries.ts';
import { reviewQueue } from './review-queue.ts';
import { listReviews, reviewReturn } from './review.ts';

const returnMakers = roleProcedure(['commissioner', 'contract_officer']);
const optionalNumber = z.number().finite().nullish();
const derivedReturnInput = z.object({
  partnershipId: z.uuid('Choose a partnership'),
  kpiCode: z.string().trim().min(1, 'Choose a KPI').max(20),
  period: z.string().trim().min(1, 'Choose a period').max(20),
});

/** My authority's KPI returns: the due calendar, entry and upload. Returns are private to my authority. */
export const returnRouter = {
  /** Reminders: returns due now, or missing in the past year. */
  due: authorityProcedure.query(({ ctx }) => returnsDue(ctx.tx, today(ctx))),

  list: authorityProcedure
    .meta({ openapi: { method: 'GET', path: '/returns', protect: true, tags: ['Returns'], summary: 'My authority’s returns calendar' } })
    .input(z.object({ partnershipId: z.uuid('Choose a partnership').optional(), kpiCode: z.string().max(20).optional() }).default({}))
    .output(returnsCalendarSchema)
    .query(({ ctx, input }) => returnsCalendar(ctx.tx, today(ctx), input)),

  submit: returnMakers
    .input(
      z.object({
        partnershipId: z.uuid('Choose a partnership'),
        kpiCode: z.string().trim().min(1, 'Choose a KPI').max(20),
        period: z.string().trim().min(1, 'Choose a period').max(20),
        value: optionalNumber,
        numerator: optionalNumber,
        denominator: optionalNumber,
        comment: z.string().max(2000).nullish(),
        authorityId: z.string().max(9).nullish(),
        /** The version of my return the form showed (null: none yet); scripts may leave it out. */
        version: recordVersion.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const saved = await submitReturn(ctx, input);
      ctx.audit.target = saved.id;
      return saved;
    }),

  /** A derived KPI worked out from my authority's records for a period that has ended, with its working (nothing saved). */
  derive: returnMakers.input(derivedReturnInput).query(({ ctx, input }) => deriveReturn(ctx, input)),

  /** The derived figure submitted as my return for the period (same checks as a typed return; the comment says how). */
  submitDerived: returnMakers.input(derivedReturnInput).mutation(async ({ ctx, input }) => {
    const saved = await submitDerivedReturn(ctx, input);
    ctx.audit.target = saved.id;
    return saved;
  }),

  /** CSV or XLSX, all or nothing, with a report naming each bad row and field. */
  upload: returnMakers
    .input(
      z.object({
        partnershipId: z.uuid('Choose a partnership'),
        format: z.enum(['csv', 'xlsx']),
        contentBase64: z.string().min(1, 'Choose a file').max(14_000_000, 'The file is too large (10 MB at most)'),
        dryRun: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.partnershipId;
      return uploadReturns(ctx, input);
    }),

  /** The lead commissioner's reviews of members' figures (a member sees only its own). */
  reviews: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership'), kpiCode: z.string().trim().toUpperCase().max(20).optional() }))
    .query(({ ctx, input }) => listReviews(ctx, input.partnershipId, input.kpiCode)),

  /** The lead commissioner's list of every member's published figure for a KPI and period, with its review. */
  reviewQueue: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership'), kpiCode: z.string().trim().toUpperCase().min(1, 'Choose a KPI').max(20), period: z.iso.date('A date as YYYY-MM-DD').optional() }))
    .query(({ ctx, input }) => reviewQueue(ctx, input)),

  /** The lead commissioner queries (with a reason) or accepts a member's submitted figure. */
  review: authorityProcedure
    .input(
      z.object({
        partnershipId: z.uuid('Choose a partnership'),
        /** A named member's GSS code; or, for any member, the figure's id from the review list. */
        authorityId: z.string().trim().min(1, 'Choose an authority').max(9).optional(),
        figureId: z.uuid('Choose a figure from the review list').optional(),
        kpiCode: z.string().trim().toUpperCase().min(1, 'Choose a KPI').max(20),
        period: z.iso.date('A date as YYYY-MM-DD'),
        status: z.enum(['queried', 'accepted']),
        reason: z.string().max(2000, 'At most 2,000 characters').nullish(),
      }).refine((v) => (v.authorityId === undefined) !== (v.figureId === undefined), { message: 'Choose the figure to review', path: ['figureId'] }),
    )
    .mutation(async ({ ctx, input }) => {
      const review = await reviewReturn(ctx, input);
      ctx.audit.target = input.partnershipId;
      return review;
    }),
} satisfies TRPCRouterRecord;

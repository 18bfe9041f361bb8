import type { TRPCRouterRecord } from '@trpc/server';
import { dayInput, gssCode, INT4_MAX, optionalText, recordVersion, searchText } from '@concord/domain';
import { chosenText, kpiCodeInput } from '../kpi/input.ts';
import { z } from 'zod';
import { returnsCalendarSchema } from '../openapi/schemas.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { submitReturn, today, uploadReturns } from './commands.ts';
import { deriveReturn, submitDerivedReturn } from './derive.ts';
import { returnFilters } from './filters.ts';
import { returnsCalendar, returnsDue } from './queries.ts';
import { reviewQueue } from './review-queue.ts';
import { storableCsv, uploadFileFields } from './table.ts';
import { listReviews, reviewReturn } from './review.ts';

const returnMakers = roleProcedure(['commissioner', 'contract_officer']);
const optionalNumber = z.number({ error: 'Enter a number' }).finite().min(-1e12, 'The figure is too small').max(1e12, 'The figure is too large').nullish();
const period = chosenText('Choose a period', 20);
const derivedReturnInput = z.object({
  partnershipId: z.uuid('Choose a partnership'),
  kpiCode: chosenText('Choose a KPI', 20),
  period,
});

/** My authority's KPI returns: the due calendar, entry and upload. Returns are private to my authority. */
export const returnRouter = {
  /** Reminders: returns due now, or missing in the past year. */
  due: authorityProcedure.query(({ ctx }) => returnsDue(ctx.tx, today(ctx))),

  list: authorityProcedure
    .meta({ openapi: { method: 'GET', path: '/returns', protect: true, tags: ['Returns'], summary: 'My authority’s returns calendar' } })
    .input(
      z
        .object({
          partnershipId: z.uuid('Choose a partnership').optional(),
          kpiCode: searchText(20),
          show: z.enum(['all', 'outstanding', 'due'], 'Choose what to show').default('all'),
          /** The due dates shown: by default from 12 months ago to 3 months ahead; one end alone makes a window of 15 months; at most 5 years. */
          from: dayInput('the first due date').optional(),
          to: dayInput('the last due date').optional(),
          recentFrom: dayInput('the day to show from').optional(),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).max(INT4_MAX).default(0),
        })
        .default({ show: 'all', limit: 100, offset: 0 }),
    )
    .output(returnsCalendarSchema)
    .query(({ ctx, input }) => returnsCalendar(ctx.tx, today(ctx), input)),

  /**
   * What the calendar can be filtered by, asked for once rather than with every page: the partnerships I make returns
   * for and the KPIs of one of them (the one asked for, or my only one).
   */
  filters: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership').optional() }).default({}))
    .query(({ ctx, input }) => returnFilters(ctx.tx, input.partnershipId)),

  submit: returnMakers
    .input(
      z.object({
        partnershipId: z.uuid('Choose a partnership'),
        kpiCode: chosenText('Choose a KPI', 20),
        period,
        value: optionalNumber,
        numerator: optionalNumber,
        denominator: optionalNumber,
        comment: optionalText(2000),
        authorityId: gssCode.nullish(),
        /** The version of my return the form showed (null: none yet): a stale one is refused (CONFLICT). */
        version: recordVersion.nullable(),
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
  submitDerived: returnMakers
    .input(
      derivedReturnInput.extend({
        /** The version of my return for the period the page showed (null: none yet): a stale one is refused (CONFLICT). */
        version: recordVersion.nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const saved = await submitDerivedReturn(ctx, input);
      ctx.audit.target = saved.id;
      return saved;
    }),

  /** CSV or XLSX, all or nothing, with a report naming each bad row and field. */
  upload: returnMakers
    .input(
      z.object({ partnershipId: z.uuid('Choose a partnership'), ...uploadFileFields }).refine(...storableCsv),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target = input.partnershipId;
      return uploadReturns(ctx, input);
    }),

  /** The lead commissioner's reviews of members' figures (a member sees only its own). */
  reviews: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership'), kpiCode: searchText(20).transform((s) => s?.toUpperCase()) }))
    .query(({ ctx, input }) => listReviews(ctx, input.partnershipId, input.kpiCode)),

  /** The lead commissioner's list of every member's published figure for a KPI and period, with its review. */
  reviewQueue: authorityProcedure
    .input(z.object({ partnershipId: z.uuid('Choose a partnership'), kpiCode: kpiCodeInput, period: dayInput('the period').optional() }))
    .query(({ ctx, input }) => reviewQueue(ctx, input)),

  /** The lead commissioner queries (with a reason) or accepts a member's submitted figure. */
  review: authorityProcedure
    .input(
      z.object({
        partnershipId: z.uuid('Choose a partnership'),
        /** A named member's GSS code; or, for any member, the figure's id from the review list. */
        authorityId: gssCode.optional(),
        figureId: z.uuid('Choose a figure from the review list').optional(),
        kpiCode: kpiCodeInput,
        period: dayInput('the period'),
        status: z.enum(['queried', 'accepted']),
        reason: optionalText(2000),
      }).refine((v) => (v.authorityId === undefined) !== (v.figureId === undefined), { message: 'Choose the figure to review', path: ['figureId'] }),
    )
    .mutation(async ({ ctx, input }) => {
      const review = await reviewReturn(ctx, input);
      ctx.audit.target = input.partnershipId;
      return review;
    }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { anyText, dayInput, idempotencyKey, isStorableText, optionalText, recordVersion, requiredText } from '@concord/domain';
import { z } from 'zod';
import { kpiCodeInput } from '../kpi/input.ts';
import { exportBenchmark } from '../benchmark/export.ts';
import { authorityProcedure } from '../trpc.ts';
import { addAction, createMeeting, issuePack, setActionStatus } from './commands.ts';
import { getMeeting, getPack, listMeetings } from './queries.ts';
import { idempotent } from '../idempotent.ts';

const gss = z.string().regex(/^[EWSN]\d{8}$/, 'A GSS code such as E06000026');
const packId = z.object({ packId: z.uuid('Choose a pack') });

/** Network meetings: members read; the partnership's lead commissioner records meetings, actions and packs. */
export const meetingRouter = {
  list: authorityProcedure.input(z.object({ partnershipId: z.uuid().optional() }).default({})).query(({ ctx, input }) => listMeetings(ctx.tx, input.partnershipId)),
  get: authorityProcedure.input(z.object({ meetingId: z.uuid('Choose a meeting') })).query(({ ctx, input }) => getMeeting(ctx, input.meetingId)),

  create: authorityProcedure
    .input(
      z.object({
        partnershipId: z.uuid('Choose a partnership'),
        heldOn: dayInput('the date of the meeting'),
        title: requiredText('a title', 200),
        agenda: anyText(10_000).default(''),
        attending: z.array(gss).max(50).default([]),
        idempotencyKey,
      }),
    )
    .mutation(idempotent(async ({ ctx, input }) => {
      const created = await createMeeting(ctx, input);
      ctx.audit.target = created.id;
      return created;
    })),

  addAction: authorityProcedure
    .input(z.object({ meetingId: z.uuid(), ownerAuthorityId: gss, description: z.string().trim().min(1, 'Describe the action').max(2000).refine(isStorableText, 'Remove the invisible control characters from this text'), dueOn: dayInput('the date the action is due'), idempotencyKey }))
    .mutation(idempotent(async ({ ctx, input }) => {
      const created = await addAction(ctx, input);
      ctx.audit.target = created.id;
      return created;
    })),

  setActionStatus: authorityProcedure.input(z.object({ actionId: z.uuid(), status: z.enum(['open', 'done', 'dropped']), version: recordVersion })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.actionId;
    return setActionStatus(ctx, input);
  }),

  issuePack: authorityProcedure
    .input(
      z.object({
        meetingId: z.uuid(),
        kpiCodes: z.array(kpiCodeInput).min(1, 'Choose at least one KPI').max(20),
        periodCount: z.number().int().min(1).max(24).default(8),
        title: optionalText(200),
        /** Compare each KPI's latest period ended by this date (default: its latest period with any return). */
        periodsEndedBy: dayInput('the date the periods end by').nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const issued = await issuePack(ctx, input);
      ctx.audit.target = issued.id;
      return issued;
    }),

  pack: authorityProcedure.input(packId).query(({ ctx, input }) => getPack(ctx.tx, ctx.session.authorityId, input.packId)),

  exportPack: authorityProcedure.input(packId.extend({ format: z.enum(['csv', 'xlsx', 'pdf']) })).query(async ({ ctx, input }) => {
    const pack = await getPack(ctx.tx, ctx.session.authorityId, input.packId);
    return exportBenchmark(pack.results, input.format, { title: pack.title, asAt: pack.asAt });
  }),
} satisfies TRPCRouterRecord;

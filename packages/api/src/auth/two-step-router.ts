import { totpCodeInput, twoStepProofInput } from '@concord/domain/two-step';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { signedInProcedure } from '../trpc.ts';
import { confirmEnrolment, regenerateRecoveryCodes, startEnrolment, turnOff, twoStepStatus } from './two-step.ts';

/** The signed-in person's own two-step verification (issue 10, item 3); part of the auth router. */
export const twoStepRouter = {
  twoStepStatus: signedInProcedure.query(({ ctx }) => twoStepStatus(ctx.tx, ctx.session)),
  startTwoStep: signedInProcedure.mutation(({ ctx }) => startEnrolment(ctx.tx, ctx.session, ctx.now())),
  confirmTwoStep: signedInProcedure.input(z.object({ code: totpCodeInput })).mutation(({ ctx, input }) => confirmEnrolment(ctx.tx, ctx.session, input.code, ctx.now())),
  turnOffTwoStep: signedInProcedure.input(twoStepProofInput).mutation(async ({ ctx, input }) => {
    await turnOff(ctx.tx, ctx.session, input, ctx.now());
    return { turnedOff: true as const };
  }),
  regenerateRecoveryCodes: signedInProcedure.input(twoStepProofInput).mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.tx, ctx.session, input, ctx.now())),
} satisfies TRPCRouterRecord;

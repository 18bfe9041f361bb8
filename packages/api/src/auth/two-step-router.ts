import { totpCodeInput, twoStepProofInput } from '@concord/domain/two-step';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { enrolmentProcedure, signedInProcedure } from '../trpc.ts';
import { confirmEnrolment, regenerateRecoveryCodes, startEnrolment, turnOff, twoStepStatus } from './two-step.ts';

/**
 * The signed-in person's own two-step verification (issue 10, item 3); part of the auth router. Status, start and
 * confirm are open to a session that must enrol first (migration 0022); turning off is refused while it is required.
 */
export const twoStepRouter = {
  twoStepStatus: enrolmentProcedure.query(({ ctx }) => twoStepStatus(ctx.tx, ctx.session)),
  startTwoStep: enrolmentProcedure.mutation(({ ctx }) => startEnrolment(ctx.tx, ctx.session, ctx.now())),
  confirmTwoStep: enrolmentProcedure.input(z.object({ code: totpCodeInput })).mutation(({ ctx, input }) => confirmEnrolment(ctx.tx, ctx.session, input.code, ctx.now())),
  turnOffTwoStep: signedInProcedure.input(twoStepProofInput).mutation(async ({ ctx, input }) => {
    await turnOff(ctx.tx, ctx.session, input, ctx.now());
    return { turnedOff: true as const };
  }),
  regenerateRecoveryCodes: signedInProcedure.input(twoStepProofInput).mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.tx, ctx.session, input, ctx.now())),
} satisfies TRPCRouterRecord;

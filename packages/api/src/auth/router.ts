import { signInInput } from '@concord/domain';
import { setPasswordInput, setupInput } from '@concord/domain/password';
import { forgotPasswordInput, verifyTwoStepInput } from '@concord/domain/two-step';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { enrolmentProcedure, publicProcedure, signedInProcedure } from '../trpc.ts';
import { forgotPassword } from './forgot-password.ts';
import { listMySessions, revokeMySession } from './sessions.ts';
import { redeemSetupLink } from './setup.ts';
import { signIn } from './sign-in.ts';
import { verifyTwoStep } from './two-step-sign-in.ts';
import { twoStepRouter } from './two-step-router.ts';

export const authRouter = {
  /** A right password opens a session, or with two-step verification on returns the challenge for auth.verifyTwoStep. */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const outcome = await signIn(ctx.db, input, ctx.meta, ctx.config, ctx.now());
    if ('twoStepRequired' in outcome) return outcome;
    ctx.cookies.setSession(outcome.token);
    return { userId: outcome.userId };
  }),

  verifyTwoStep: publicProcedure.input(verifyTwoStepInput).mutation(async ({ ctx, input }) => {
    const { token, userId } = await verifyTwoStep(ctx.db, input, ctx.meta, ctx.config, ctx.now());
    ctx.cookies.setSession(token);
    return { userId };
  }),

  ...twoStepRouter,

  /** First run: the link `start` printed creates the first platform administrator, who is then signed in. */
  setup: publicProcedure.input(setupInput).mutation(async ({ ctx, input }) => {
    const { token, userId } = await redeemSetupLink(ctx.db, 'first_run', input, ctx.meta, ctx.config, ctx.now());
    ctx.cookies.setSession(token);
    return { userId };
  }),

  /** The link `pnpm admin:create --email …` printed: its platform administrator chooses a name and password. */
  setAdminPassword: publicProcedure.input(setPasswordInput).mutation(async ({ ctx, input }) => {
    const { token, userId } = await redeemSetupLink(ctx.db, 'admin_create', input, ctx.meta, ctx.config, ctx.now());
    ctx.cookies.setSession(token);
    return { userId };
  }),

  /** What the sign-in page offers: "Forgot your password?" only when mail is configured. */
  signInOptions: publicProcedure.query(({ ctx }) => ({ forgotPassword: ctx.config.mail !== null, demoData: ctx.config.demoData })),

  /** "Forgot your password?": emails a reset link if an active account has this email; says the same either way. */
  forgotPassword: publicProcedure.input(forgotPasswordInput).mutation(({ ctx, input }) => forgotPassword(ctx.db, input.email, ctx.meta, ctx.config, ctx.now())),

  signOut: enrolmentProcedure.mutation(async ({ ctx }) => {
    await revokeMySession(ctx.tx, ctx.session, ctx.session.sessionId, ctx.now());
    ctx.cookies.clearSession();
    return { signedOut: true as const };
  }),

  /** Who am I: null when signed out, so the web app can choose between sign-in and home. */
  me: publicProcedure.query(({ ctx }) => {
    const s = ctx.session;
    if (!s) return null;
    return {
      userId: s.userId,
      email: s.email,
      displayName: s.displayName,
      isPlatformAdmin: s.isPlatformAdmin,
      authorityId: s.authorityId,
      /** The provider organisation the session acts for (issue 11), and the person's roles there. */
      providerId: s.providerId ?? null,
      providerRoles: s.providerRoles ?? [],
      /** The session may only enrol in two-step verification: the web app shows that page until it is done. */
      twoStepPending: s.twoStepPending === true,
    };
  }),

  sessions: signedInProcedure.query(({ ctx }) => listMySessions(ctx.tx, ctx.session, ctx.config.session, ctx.now())),

  revokeSession: signedInProcedure.input(z.object({ sessionId: z.uuid('Choose a session to sign out') })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.sessionId;
    await revokeMySession(ctx.tx, ctx.session, input.sessionId, ctx.now());
    if (input.sessionId === ctx.session.sessionId) ctx.cookies.clearSession();
    return { revoked: input.sessionId };
  }),
} satisfies TRPCRouterRecord;

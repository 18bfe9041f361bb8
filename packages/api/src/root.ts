import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { auditRouter } from './audit/router.ts';
import { authRouter } from './auth/router.ts';
import { authorityRouter } from './authority/router.ts';
import { partnershipRouter } from './partnership/router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  authority: authorityRouter,
  partnership: partnershipRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);

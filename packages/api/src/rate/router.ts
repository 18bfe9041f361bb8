import type { TRPCRouterRecord } from '@trpc/server';
import { authorityProcedure } from '../trpc.ts';
import { compareInput, compareSharedRates, myRates, rateScenario, scenarioInput, shareInput, shareRates, withdrawRates } from './rates.ts';
import { setRate, setRateInput } from './set.ts';

/**
 * What my authority pays (private), what it shares with a partnership, and how the members compare —
 * against the partnership's cost model and median, named or anonymised as each member consented.
 */
export const rateRouter = {
  mine: authorityProcedure.query(({ ctx }) => myRates(ctx)),

  set: authorityProcedure.input(setRateInput).mutation(async ({ ctx, input }) => {
    const saved = await setRate(ctx, input);
    ctx.audit.target = saved.id;
    return saved;
  }),

  share: authorityProcedure.input(shareInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = `${input.partnershipId}:${input.serviceType}`;
    return shareRates(ctx, input);
  }),

  withdraw: authorityProcedure.input(shareInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = `${input.partnershipId}:${input.serviceType}`;
    return withdrawRates(ctx, input);
  }),

  compare: authorityProcedure.input(compareInput).query(({ ctx, input }) => compareSharedRates(ctx, input)),

  /** An uplift to my rate for one band: what it costs from my placements, and where I would stand after it. */
  scenario: authorityProcedure.input(scenarioInput).query(({ ctx, input }) => rateScenario(ctx, input)),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { CONTRACT_WRITERS } from '../contract/input.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { awardDirect, awardMiniCompetition, callOffOptions, cancelCallOff, createCallOff, evaluateCallOff, getCallOff, listCallOffs, recordResponse, startMiniCompetition } from './commands.ts';
import { exportCallOffOcds } from './ocds.ts';
import { awardMiniCompetitionInput, cancelCallOffInput, createCallOffInput, directAwardCallOffInput, responseInput, startMiniCompetitionInput } from './input.ts';
import { idempotent } from '../idempotent.ts';
import { londonDate } from '../procurement/dates.ts';

const write = roleProcedure(CONTRACT_WRITERS);
const callOffId = z.object({ callOffId: z.uuid('Choose a call-off') });

/**
 * Call-offs from a live joint procurement where my authority is a buyer. The procurement, lots, criteria and
 * approved list are read through the partnership's policies; the call-off, its criteria, invitations,
 * responses and scores, and the contract it makes, are my authority's own private rows. There is no procedure
 * for providers: none of these may ever be given to a provider, since `evaluate` and `get` show ranks and prices.
 */
export const callOffRouter = {
  options: authorityProcedure.query(({ ctx }) => callOffOptions(ctx)),
  list: authorityProcedure.query(({ ctx }) => listCallOffs(ctx.tx)),
  get: authorityProcedure.input(callOffId).query(({ ctx, input }) => getCallOff(ctx.tx, input.callOffId, londonDate(ctx.now()))),
  /** Scores and ranking: for the authority's officers only. */
  evaluate: authorityProcedure.input(callOffId).query(({ ctx, input }) => evaluateCallOff(ctx.tx, input.callOffId)),
  /** The call-off, its award, contract and variations as an OCDS 1.1.5 release package linked to its framework (the joint procurement). */
  ocds: authorityProcedure.input(callOffId).query(({ ctx, input }) => exportCallOffOcds(ctx, input.callOffId)),

  create: write.input(createCallOffInput).mutation(idempotent(async ({ ctx, input }) => {
    const created = await createCallOff(ctx, input);
    ctx.audit.target = created.id;
    return created;
  })),
  awardDirect: write.input(directAwardCallOffInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.callOffId;
    return awardDirect(ctx, input);
  }),
  startMiniCompetition: write.input(startMiniCompetitionInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.callOffId;
    return startMiniCompetition(ctx, input);
  }),
  recordResponse: write.input(responseInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.callOffId;
    return recordResponse(ctx, input);
  }),
  award: write.input(awardMiniCompetitionInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.callOffId;
    return awardMiniCompetition(ctx, input);
  }),
  /** Cancels a call-off not yet awarded, with the day and the reason; a mini-competition stops (its responses are kept). */
  cancel: write.input(cancelCallOffInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.callOffId;
    return cancelCallOff(ctx, input);
  }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { CONTRACT_WRITERS } from '../contract/input.ts';
import { authorityProcedure, providerProcedure, providerRoleProcedure, roleProcedure } from '../trpc.ts';
import { awardDirect, awardMiniCompetition, cancelCallOff, createCallOff, evaluateCallOff, recordResponse, scoreResponse, startMiniCompetition } from './commands.ts';
import { exportCallOffOcds } from './ocds.ts';
import { awardMiniCompetitionInput, cancelCallOffInput, createCallOffInput, directAwardCallOffInput, responseInput, scoreResponseInput, startMiniCompetitionInput, submitResponseInput } from './input.ts';
import { getInvitation, listInvitations, submitResponse } from './provider.ts';
import { callOffOptions, getCallOff, listCallOffs } from './queries.ts';
import { idempotent } from '../idempotent.ts';
import { londonDate } from '../procurement/dates.ts';

const write = roleProcedure(CONTRACT_WRITERS);
const bidWriter = providerRoleProcedure(['provider_admin', 'bid_writer']);
const callOffId = z.object({ callOffId: z.uuid('Choose a call-off') });

/**
 * Call-offs from a live joint procurement where my authority is a buyer. The procurement, lots, criteria and
 * approved list are read through the partnership's policies; the call-off, its criteria, invitations,
 * responses and scores, and the contract it makes, are my authority's own private rows. Responses are sealed until
 * the deadline by the database (migration 0032): before it `get` says only how many were received.
 *
 * Providers (issue 11, item 4) have their own procedures, `invitations`, `invitation` and `respond`: their own
 * invitations, responses and, after award, their own result. None of the authority procedures is open to them
 * (`evaluate` and `get` show ranks and prices).
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
  /** A paper response typed in by the council (sealed like any other until the deadline). */
  recordResponse: write.input(responseInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.callOffId;
    return recordResponse(ctx, input);
  }),
  /** The panel's scores for a provider's latest response, after the deadline. */
  scoreResponse: write.input(scoreResponseInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.callOffId;
    return scoreResponse(ctx, input);
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

  // ── Providers: their own invitations (a verified organisation only) ──
  invitations: providerProcedure.query(({ ctx }) => listInvitations(ctx)),
  invitation: providerProcedure.input(callOffId).query(({ ctx, input }) => getInvitation(ctx, input.callOffId)),
  /** Submits or replaces my response, until the deadline (compared in the database). */
  respond: bidWriter.input(submitResponseInput).mutation(({ ctx, input }) => submitResponse(ctx, input)),
} satisfies TRPCRouterRecord;

import { createApiTokenInput, idempotencyKey } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure } from '../trpc.ts';
import { createApiToken, listMyApiTokens, revokeMyApiToken, type ApiTokenSummary } from './tokens.ts';

/**
 * Personal API tokens for BI tools (issue 6, item 6). Any signed-in user acting for an authority makes
 * tokens for themself; a token reads the read API (/api/v1) as them, in that authority, with their roles.
 * Making and revoking are mutations, so they are audited (the target is the token's id, never its text).
 */
export const apiTokenRouter = {
  list: authorityProcedure.query(({ ctx }) => listMyApiTokens(ctx.tx, ctx.session, ctx.now())),

  /**
   * The token's text is in this answer only: it is stored as a hash and cannot be shown again. A repeat with the
   * same form key (a double submit, a retry after a lost answer) makes no second token and answers the first
   * without its text (`token: null`), which is never stored.
   */
  create: authorityProcedure.input(createApiTokenInput.extend({ idempotencyKey })).mutation(
    idempotent(
      async ({ ctx, input }): Promise<ApiTokenSummary & { token: string | null }> => {
        const created = await createApiToken(ctx.tx, ctx.session, input, ctx.now());
        ctx.audit.target = created.id;
        return created;
      },
      (created) => ({ ...created, token: null }),
    ),
  ),

  revoke: authorityProcedure.input(z.object({ tokenId: z.uuid('Choose a token to revoke') })).mutation(async ({ ctx, input }) => {
    ctx.audit.target = input.tokenId;
    await revokeMyApiToken(ctx.tx, ctx.session, input.tokenId, ctx.now());
    return { revoked: input.tokenId };
  }),
} satisfies TRPCRouterRecord;

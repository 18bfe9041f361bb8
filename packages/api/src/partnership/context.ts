import type { PartnershipEventAction } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { SessionIdentity } from '../auth/sessions.ts';

/** What a partnership command needs: the transaction, who acts (for an authority) and the clock. */
export interface PartnershipCtx {
  tx: Tx;
  session: SessionIdentity & { authorityId: string };
  now: () => Date;
}

export const today = (ctx: PartnershipCtx): string => ctx.now().toISOString().slice(0, 10);

/** Appends a step to the partnership's history, as the acting authority and person. */
export async function recordEvent(
  ctx: PartnershipCtx,
  partnershipId: string,
  action: PartnershipEventAction,
  about: string | null = null,
  detail: string | null = null,
): Promise<void> {
  await ctx.tx
    .insertInto('partnership_event')
    .values({
      authority_id: ctx.session.authorityId,
      partnership_id: partnershipId,
      at: ctx.now(),
      user_id: ctx.session.userId,
      actor_name: ctx.session.displayName,
      action,
      about_authority_id: about,
      detail,
    })
    .execute();
}

import { forbidden, PROVIDER_USER_ROLE_LABELS, roleRefusal } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { signedInProcedure } from '../trpc.ts';
import { listInput } from './input.ts';
import { authorityLog, platformLog, providerLog } from './queries.ts';

export const auditRouter = {
  /**
   * An audit log, newest first, in plain words, filtered by days (UK time), who and kind of event (issue 10,
   * item 5). Acting for an authority: its own log, for its commissioners and authority administrators (and a
   * platform administrator acting for it). A platform administrator acting for no authority: the platform log
   * and the administration events (registry, people, partnerships) of every authority, never an authority's
   * records or sign-ins. Outcomes: 'success', 'denied' (FORBIDDEN) and 'not_found' (a record named that the
   * caller cannot see). Acting for a provider organisation: its own log, for its provider administrators (issue 11).
   */
  list: signedInProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { session, roles } = ctx;
    if (session.authorityId) {
      if (!roles.includes('commissioner') && !roles.includes('authority_admin') && !session.isPlatformAdmin) {
        throw forbidden(roleRefusal(['commissioner', 'authority_admin'], roles));
      }
      return authorityLog(ctx.tx, session.authorityId, input);
    }
    if (session.providerId) {
      const admin = await ctx.tx
        .selectFrom('provider_membership')
        .select('role')
        .where('provider_id', '=', session.providerId)
        .where('user_id', '=', session.userId)
        .where('role', '=', 'provider_admin')
        .executeTakeFirst();
      if (!admin) throw forbidden(`This needs the role: ${PROVIDER_USER_ROLE_LABELS.provider_admin}`);
      return providerLog(ctx.tx, input);
    }
    if (!session.isPlatformAdmin) throw forbidden('Your account does not act for an authority');
    return platformLog(ctx.tx, input);
  }),
} satisfies TRPCRouterRecord;

import { badRequest, forbidden, hasAnyRole, noticeLabel, notFound, type NoticeType } from '@concord/domain';
import type { TenantContext } from '../context.ts';
import { assertLeadCommissioner, findProcurement } from '../procurement/access.ts';
import { loadScopes, scopeOfContract, selectorOf, type Scope } from './facts.ts';
import { londonToday } from './items.ts';

export type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'now'> & { session: { userId: string; authorityId: string } };

export const ONLY_COMMISSIONERS = 'Only a commissioner of the authority whose notice it is can draft, change or publish it';

/** The scope of a procurement I can see (NOT_FOUND for outsiders). */
export async function procurementScope(ctx: Ctx, procurementId: string): Promise<Scope> {
  await findProcurement(ctx.tx, procurementId);
  const [scope] = await loadScopes(ctx.tx, { procurementIds: [procurementId] }, londonToday(ctx));
  if (!scope) throw notFound('Procurement');
  return scope;
}

/** The scope a contract of mine belongs to (NOT_FOUND for another authority's). */
export async function contractScope(ctx: Ctx, contractId: string): Promise<Scope> {
  const where = await scopeOfContract(ctx.tx, contractId);
  if (!where) throw notFound('Contract');
  const [scope] = await loadScopes(ctx.tx, selectorOf(where), londonToday(ctx));
  if (!scope) throw notFound('Contract');
  return scope;
}

/** The scope of a call-off of mine (NOT_FOUND for another authority's). */
export async function callOffScope(ctx: Ctx, callOffId: string): Promise<Scope> {
  const [scope] = await loadScopes(ctx.tx, { callOffIds: [callOffId] }, londonToday(ctx));
  if (!scope) throw notFound('Call-off');
  return scope;
}

/**
 * FORBIDDEN unless I may write the scope's notices: a procurement's, its lead commissioner acting for the lead
 * authority; a call-off's or contract's, a commissioner of the authority that holds it.
 */
export async function assertMayWrite(ctx: Ctx, scope: Pick<Scope, 'kind' | 'authorityId' | 'procurement'> | null, authorityId: string): Promise<void> {
  if (authorityId !== ctx.session.authorityId) throw forbidden(ONLY_COMMISSIONERS);
  if (scope?.kind === 'procurement' && scope.procurement) {
    await assertLeadCommissioner(ctx, { id: scope.procurement.partnershipId, leadAuthorityId: scope.authorityId });
    return;
  }
  if (!hasAnyRole(ctx.roles, ['commissioner'])) throw forbidden(ONLY_COMMISSIONERS);
}

export function assertUnderAct(scope: Scope, type: NoticeType): void {
  if (scope.regime !== 'procurement_act_2023') throw badRequest(`${scope.regimeReason} A ${noticeLabel(type)} does not apply.`, 'type');
}

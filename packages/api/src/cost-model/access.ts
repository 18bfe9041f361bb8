import { forbidden, notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { findPartnership, isLeadCommissioner, type PartnershipRef } from '../procurement/access.ts';

/**
 * Who may do what with a partnership's cost models and fair-cost exercises. Row-level security hides them from
 * outsiders and refuses writes by anyone but the lead authority; these checks come first so the caller gets
 * the right answer: outsiders NOT_FOUND (they cannot see the row), members that are not the lead commissioner
 * FORBIDDEN.
 */
export type Ctx = Pick<TenantContext, 'tx' | 'roles'> & { session: { userId: string; authorityId: string | null } };

export const NOT_MODEL_LEAD = 'Only the lead commissioner of the partnership’s lead authority can change its shared cost model';

export async function partnershipForLead(ctx: Ctx, partnershipId: string): Promise<PartnershipRef> {
  const partnership = await findPartnership(ctx.tx, partnershipId);
  if (!(await isLeadCommissioner(ctx, partnership))) throw forbidden(NOT_MODEL_LEAD);
  return partnership;
}

export { findPartnership, isLeadCommissioner };

export interface CostModelRef {
  id: string;
  authorityId: string;
  partnershipId: string;
  partnershipName: string;
  leadAuthorityId: string;
  name: string;
  kind: 'home_care' | 'supported_living' | 'shared_lives' | 'extra_care';
  description: string | null;
}

/** A cost model of one of my partnerships, or NOT_FOUND. */
export async function findCostModel(tx: Tx, costModelId: string): Promise<CostModelRef> {
  const row = await tx
    .selectFrom('cost_model as m')
    .innerJoin('partnership as p', 'p.id', 'm.partnership_id')
    .select(['m.id', 'm.authority_id', 'm.partnership_id', 'p.name as partnership_name', 'p.lead_authority_id', 'm.name', 'm.kind', 'm.description'])
    .where('m.id', '=', costModelId)
    .executeTakeFirst();
  if (!row) throw notFound('Cost model');
  return {
    id: row.id,
    authorityId: row.authority_id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    leadAuthorityId: row.lead_authority_id,
    name: row.name,
    kind: row.kind,
    description: row.description,
  };
}

export async function costModelForLead(ctx: Ctx, costModelId: string): Promise<CostModelRef> {
  const model = await findCostModel(ctx.tx, costModelId);
  if (!(await isLeadCommissioner(ctx, { id: model.partnershipId, leadAuthorityId: model.leadAuthorityId }))) throw forbidden(NOT_MODEL_LEAD);
  return model;
}

import { forbidden, hasAnyRole, notFound, type AuthorityRole } from '@concord/domain';
import type { ProcurementRoute, ProcurementStatus, Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { lockForEdit } from '../versions.ts';

/**
 * Who may do what with a joint procurement. Row-level security already hides a partnership's rows from
 * outsiders and refuses writes by anyone but the lead authority; these checks come first so that the
 * caller gets the right answer rather than a database error:
 *   - outsiders: NOT_FOUND (the row is invisible to them, so the lookup fails);
 *   - members that are not the lead (partners), and the lead's staff without the role: FORBIDDEN.
 */

type Ctx = Pick<TenantContext, 'tx' | 'roles'> & { session: { userId: string; authorityId: string | null } };

export interface PartnershipRef {
  id: string;
  name: string;
  leadAuthorityId: string;
}

export async function findPartnership(tx: Tx, partnershipId: string): Promise<PartnershipRef> {
  const row = await tx.selectFrom('partnership').select(['id', 'name', 'lead_authority_id']).where('id', '=', partnershipId).executeTakeFirst();
  if (!row) throw notFound('Partnership');
  return { id: row.id, name: row.name, leadAuthorityId: row.lead_authority_id };
}

/** Whether I act for the partnership's lead authority and hold its lead commissioner role. */
export async function isLeadCommissioner(ctx: Ctx, partnership: { id: string; leadAuthorityId: string }): Promise<boolean> {
  if (!ctx.session.authorityId || ctx.session.authorityId !== partnership.leadAuthorityId) return false;
  const role = await ctx.tx
    .selectFrom('partnership_role')
    .select('role')
    .where('partnership_id', '=', partnership.id)
    .where('authority_id', '=', ctx.session.authorityId)
    .where('user_id', '=', ctx.session.userId)
    .where('role', '=', 'lead_commissioner')
    .executeTakeFirst();
  return role !== undefined;
}

export const NOT_LEAD = 'Only the lead commissioner of the partnership’s lead authority can change a joint procurement';

/** FORBIDDEN unless I am a lead commissioner of the partnership, acting for its lead authority. */
export async function assertLeadCommissioner(ctx: Ctx, partnership: { id: string; leadAuthorityId: string }): Promise<void> {
  if (!(await isLeadCommissioner(ctx, partnership))) throw forbidden(NOT_LEAD);
}

export interface ProcurementRef {
  id: string;
  authorityId: string;
  partnershipId: string;
  leadAuthorityId: string;
  status: ProcurementStatus;
  route: ProcurementRoute;
}

/** A procurement of one of my partnerships, or NOT_FOUND. */
export async function findProcurement(tx: Tx, procurementId: string): Promise<ProcurementRef> {
  const row = await tx
    .selectFrom('procurement as pr')
    .innerJoin('partnership as p', 'p.id', 'pr.partnership_id')
    .select(['pr.id', 'pr.authority_id', 'pr.partnership_id', 'p.lead_authority_id', 'pr.status', 'pr.route'])
    .where('pr.id', '=', procurementId)
    .executeTakeFirst();
  if (!row) throw notFound('Procurement');
  return {
    id: row.id,
    authorityId: row.authority_id,
    partnershipId: row.partnership_id,
    leadAuthorityId: row.lead_authority_id,
    status: row.status,
    route: row.route,
  };
}

/** Finds a procurement (NOT_FOUND for outsiders) and requires its lead commissioner (FORBIDDEN for partners). */
export async function procurementForLead(ctx: Ctx, procurementId: string): Promise<ProcurementRef> {
  const procurement = await findProcurement(ctx.tx, procurementId);
  await assertLeadCommissioner(ctx, { id: procurement.partnershipId, leadAuthorityId: procurement.leadAuthorityId });
  return procurement;
}

/** The lead authority's officers who see and score applications: its commissioners and contract officers. */
export const EVALUATOR_ROLES: readonly AuthorityRole[] = ['commissioner', 'contract_officer'];
export const EVALUATION_IS_CONFIDENTIAL =
  'Applications, answers and scores are visible only to the lead authority’s commissioners and contract officers';

/**
 * The lead authority's evaluation is confidential: partners (who can see the procurement) are FORBIDDEN;
 * at the lead authority, viewers and finance officers are FORBIDDEN too.
 */
export function assertEvaluator(ctx: Ctx, procurement: { leadAuthorityId: string }): void {
  if (ctx.session.authorityId !== procurement.leadAuthorityId || !hasAnyRole(ctx.roles, EVALUATOR_ROLES)) {
    throw forbidden(EVALUATION_IS_CONFIDENTIAL);
  }
}

/**
 * Locks a procurement for the rest of the transaction and refuses the editor's `seenVersion` if it is stale (CONFLICT "Changed by NAME at TIME — reload to see it"). Its timeline, buyers, criteria and
 * gateway questions live in their own rows, replaced as a set: `bump` marks the procurement changed too,
 * so the next editor of any of them, holding the version before, is refused rather than overwriting.
 */
export async function lockProcurement(ctx: Ctx, p: ProcurementRef, seenVersion: number, bump = false): Promise<number> {
  const version = await lockForEdit(ctx.tx, 'procurement', p.id, seenVersion, 'Procurement');
  if (!bump) return version;
  const bumped = await ctx.tx.updateTable('procurement').set((eb) => ({ title: eb.ref('title') })).where('id', '=', p.id).returning('row_version').executeTakeFirstOrThrow();
  return bumped.row_version;
}

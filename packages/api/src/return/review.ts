import { badRequest, forbidden, notFound } from '@concord/domain';
import type { TenantContext } from '../context.ts';
import { isLeadCommissioner } from '../procurement/access.ts';

export interface ReturnReview {
  partnershipId: string;
  authorityId: string;
  kpiCode: string;
  periodStart: string;
  status: 'queried' | 'accepted';
  reason: string | null;
  reviewedAt: string;
}

export interface ReviewInput {
  partnershipId: string;
  authorityId: string;
  kpiCode: string;
  period: string;
  status: 'queried' | 'accepted';
  reason?: string | null | undefined;
}

type Ctx = Pick<TenantContext, 'tx' | 'session' | 'roles' | 'now'>;

async function visiblePartnership(ctx: Ctx, partnershipId: string) {
  const p = await ctx.tx.selectFrom('partnership').select(['id', 'lead_authority_id']).where('id', '=', partnershipId).executeTakeFirst();
  if (!p) throw notFound('Partnership');
  return { id: p.id, leadAuthorityId: p.lead_authority_id };
}

/**
 * The lead commissioner marks a member's published figure queried (with a reason) or accepted. The return
 * itself is private to the member, so the review is the partnership's record of the figure it published.
 */
export async function reviewReturn(ctx: Ctx, input: ReviewInput): Promise<ReturnReview> {
  const partnership = await visiblePartnership(ctx, input.partnershipId);
  if (!(await isLeadCommissioner(ctx, partnership))) throw forbidden('Only the lead commissioner of the partnership’s lead authority can review members’ returns');
  const reason = input.reason?.trim() || null;
  if (input.status === 'queried' && !reason) throw badRequest('Say what the query is about', 'reason');
  const figure = await ctx.tx
    .selectFrom('benchmark_figure')
    .select('id')
    .where('partnership_id', '=', partnership.id)
    .where('authority_id', '=', input.authorityId)
    .where('kpi_code', '=', input.kpiCode)
    .where('period_start', '=', input.period)
    .executeTakeFirst();
  if (!figure) throw notFound('A submitted return for that authority, KPI and period');
  const values = { status: input.status, reason, reviewed_at: ctx.now() };
  const row = await ctx.tx
    .insertInto('return_review')
    .values({ authority_id: partnership.leadAuthorityId, partnership_id: partnership.id, member_authority_id: input.authorityId, kpi_code: input.kpiCode, period_start: input.period, ...values })
    .onConflict((oc) => oc.columns(['partnership_id', 'member_authority_id', 'kpi_code', 'period_start']).doUpdateSet({ ...values, authority_id: partnership.leadAuthorityId }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReview(row);
}

function toReview(r: { partnership_id: string; member_authority_id: string; kpi_code: string; period_start: string; status: 'queried' | 'accepted'; reason: string | null; reviewed_at: Date }): ReturnReview {
  return {
    partnershipId: r.partnership_id,
    authorityId: r.member_authority_id,
    kpiCode: r.kpi_code,
    periodStart: r.period_start,
    status: r.status,
    reason: r.reason,
    reviewedAt: new Date(r.reviewed_at).toISOString(),
  };
}

/** Reviews in a partnership: the lead commissioner sees every member's; a member only its own figures'. */
export async function listReviews(ctx: Ctx, partnershipId: string, kpiCode?: string): Promise<ReturnReview[]> {
  const partnership = await visiblePartnership(ctx, partnershipId);
  let q = ctx.tx.selectFrom('return_review').selectAll().where('partnership_id', '=', partnership.id);
  if (kpiCode) q = q.where('kpi_code', '=', kpiCode);
  if (!(await isLeadCommissioner(ctx, partnership))) q = q.where('member_authority_id', '=', ctx.session.authorityId!);
  return (await q.orderBy('period_start', 'desc').orderBy('member_authority_id').execute()).map(toReview);
}

import { anonymousLabels, badRequest, forbidden, isNamedTo, notFound } from '@concord/domain';
import { consentByAuthority } from '../benchmark/consent.ts';
import type { TenantContext } from '../context.ts';
import { isLeadCommissioner } from '../procurement/access.ts';

export interface ReturnReview {
  partnershipId: string;
  /** The member's GSS code; null when it is anonymised to the reader (the lead sees its label instead). */
  authorityId: string | null;
  /** The member's anonymous label ("Authority C") when anonymised to the reader; else null. */
  anonymousLabel: string | null;
  kpiCode: string;
  periodStart: string;
  status: 'queried' | 'accepted';
  reason: string | null;
  reviewedAt: string;
}

export interface ReviewInput {
  partnershipId: string;
  authorityId?: string | undefined;
  figureId?: string | undefined;
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
  const names = await namesFor(ctx, partnership.id);
  // An anonymised member is reviewed by its figure, never by its code: reviewing by code would tie its label to it.
  if (input.authorityId && names.anonymous.has(input.authorityId)) throw badRequest('This member’s figures are anonymised: review them from the review list', 'authorityId');
  let q = ctx.tx
    .selectFrom('benchmark_figure')
    .select(['id', 'authority_id'])
    .where('partnership_id', '=', partnership.id)
    .where('kpi_code', '=', input.kpiCode)
    .where('period_start', '=', input.period);
  q = input.figureId ? q.where('id', '=', input.figureId) : q.where('authority_id', '=', input.authorityId!);
  const figure = await q.executeTakeFirst();
  if (!figure) throw notFound('A submitted return for that authority, KPI and period');
  const values = { status: input.status, reason, reviewed_at: ctx.now() };
  const row = await ctx.tx
    .insertInto('return_review')
    .values({ authority_id: partnership.leadAuthorityId, partnership_id: partnership.id, member_authority_id: figure.authority_id, kpi_code: input.kpiCode, period_start: input.period, ...values })
    .onConflict((oc) => oc.columns(['partnership_id', 'member_authority_id', 'kpi_code', 'period_start']).doUpdateSet({ ...values, authority_id: partnership.leadAuthorityId }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReview(row, names.anonymous);
}

/** Which members are anonymised to the reader of a review, with their labels as the benchmark gives them. */
async function namesFor(ctx: Ctx, partnershipId: string): Promise<{ anonymous: Map<string, string> }> {
  const consent = await consentByAuthority(ctx.tx, partnershipId);
  const members = await ctx.tx.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', partnershipId).execute();
  const anonymised = members.map((m) => m.authority_id).filter((id) => !isNamedTo(consent, id, ctx.session.authorityId));
  return { anonymous: anonymousLabels(partnershipId, anonymised) };
}

function toReview(
  r: { partnership_id: string; member_authority_id: string; kpi_code: string; period_start: string; status: 'queried' | 'accepted'; reason: string | null; reviewed_at: Date },
  anonymous: ReadonlyMap<string, string>,
): ReturnReview {
  const label = anonymous.get(r.member_authority_id) ?? null;
  return {
    partnershipId: r.partnership_id,
    authorityId: label ? null : r.member_authority_id,
    anonymousLabel: label,
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
  const names = await namesFor(ctx, partnership.id);
  const key = (r: ReturnReview) => r.authorityId ?? `~${r.anonymousLabel}`;
  // Ordered by what the reader sees (newest period, then code or label), so the order says nothing about who is who.
  return (await q.execute()).map((r) => toReview(r, names.anonymous)).sort((a, b) => b.periodStart.localeCompare(a.periodStart) || key(a).localeCompare(key(b)));
}

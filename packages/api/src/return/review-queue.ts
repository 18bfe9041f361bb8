import { badRequest, forbidden, notFound } from '@concord/domain';
import { sql } from 'kysely';
import type { TenantContext } from '../context.ts';
import { isPeriodStart, periodStarting } from '../kpi/periods.ts';
import { currentKpi } from '../kpi/queries.ts';
import { isLeadCommissioner } from '../procurement/access.ts';

export type ReviewQueueStatus = 'not_submitted' | 'submitted' | 'queried' | 'accepted';

export interface ReviewQueueMember {
  authorityId: string;
  name: string;
  status: ReviewQueueStatus;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  publishedAt: string | null;
  /** The lead's reason, while the query stands (the member has not resubmitted since). */
  reason: string | null;
  reviewedAt: string | null;
  /** The member resubmitted after this review: the figure is waiting to be looked at again. */
  resubmittedAfter: 'queried' | 'accepted' | null;
}

export interface ReviewQueue {
  kpi: { code: string; name: string; unit: string; frequency: string };
  period: { start: string; label: string } | null;
  /** Periods with any published figure, newest first (at most 12), to choose from. */
  periods: { start: string; label: string }[];
  members: ReviewQueueMember[];
}

type Ctx = Pick<TenantContext, 'tx' | 'session' | 'roles'>;

/**
 * The lead commissioner's review list: every member's figure as published to the partnership for one KPI
 * and period (the latest with any figure by default), with where its review stands. The lead reviews the
 * figures by authority, so members are named to the lead here whatever their benchmark consent (the
 * review records are by authority already); nobody else may read it.
 */
export async function reviewQueue(ctx: Ctx, input: { partnershipId: string; kpiCode: string; period?: string | undefined }): Promise<ReviewQueue> {
  const p = await ctx.tx.selectFrom('partnership').select(['id', 'lead_authority_id']).where('id', '=', input.partnershipId).executeTakeFirst();
  if (!p) throw notFound('Partnership');
  if (!(await isLeadCommissioner(ctx, { id: p.id, leadAuthorityId: p.lead_authority_id }))) {
    throw forbidden('Only the lead commissioner of the partnership’s lead authority reviews members’ returns');
  }
  const kpi = await currentKpi(ctx.tx, p.id, input.kpiCode);
  if (input.period && !isPeriodStart(kpi.frequency, input.period)) throw badRequest(`${input.period} is not the first day of a ${kpi.frequency} period`, 'period');
  const starts = await ctx.tx
    .selectFrom('benchmark_figure')
    .select(sql<string>`period_start::text`.as('start'))
    .distinct()
    .where('partnership_id', '=', p.id)
    .where('kpi_code', '=', kpi.code)
    .orderBy('start', 'desc')
    .limit(12)
    .execute();
  const periods = starts.map((s) => periodStarting(kpi.frequency, s.start)).map(({ start, label }) => ({ start, label }));
  const start = input.period ?? periods[0]?.start;
  const period = start ? { start, label: periodStarting(kpi.frequency, start).label } : null;
  const members = await ctx.tx
    .selectFrom('partnership_member as m')
    .innerJoin('authority as a', 'a.id', 'm.authority_id')
    .select(['a.id', 'a.name'])
    .where('m.partnership_id', '=', p.id)
    .orderBy('a.name')
    .execute();
  const figures = period
    ? await ctx.tx.selectFrom('benchmark_figure').selectAll().where('partnership_id', '=', p.id).where('kpi_code', '=', kpi.code).where('period_start', '=', period.start).execute()
    : [];
  const reviews = period
    ? await ctx.tx.selectFrom('return_review').selectAll().where('partnership_id', '=', p.id).where('kpi_code', '=', kpi.code).where('period_start', '=', period.start).execute()
    : [];
  return {
    kpi: { code: kpi.code, name: kpi.name, unit: kpi.unit, frequency: kpi.frequency },
    period,
    periods,
    members: members.map((m) => {
      const figure = figures.find((f) => f.authority_id === m.id);
      const review = reviews.find((r) => r.member_authority_id === m.id);
      const applies = !!figure && !!review && new Date(review.reviewed_at) >= new Date(figure.published_at);
      return {
        authorityId: m.id,
        name: m.name,
        status: !figure ? 'not_submitted' : applies ? review!.status : 'submitted',
        value: figure ? Number(figure.value) : null,
        numerator: figure?.numerator == null ? null : Number(figure.numerator),
        denominator: figure?.denominator == null ? null : Number(figure.denominator),
        publishedAt: figure ? new Date(figure.published_at).toISOString() : null,
        reason: applies && review!.status === 'queried' ? review!.reason : null,
        reviewedAt: review ? new Date(review.reviewed_at).toISOString() : null,
        resubmittedAfter: figure && review && !applies ? review.status : null,
      };
    }),
  };
}

import { anonymousLabels, badRequest, forbidden, isNamedTo, notFound, type Cell } from '@concord/domain';
import { sql } from 'kysely';
import type { TenantContext } from '../context.ts';
import { consentByAuthority } from '../benchmark/consent.ts';
import { benchmark } from '../benchmark/queries.ts';
import { isPeriodStart, periodStarting } from '../kpi/periods.ts';
import { currentKpi } from '../kpi/queries.ts';
import { isLeadCommissioner } from '../procurement/access.ts';
import { currentMember } from '../partnership/members.ts';

export type ReviewQueueStatus = 'not_submitted' | 'submitted' | 'queried' | 'accepted';

export interface ReviewQueueMember {
  /** GSS code when the member lets the lead see its figures named; null for an anonymised member. */
  authorityId: string | null;
  /** The authority's name, or its anonymous label ("Authority C"), exactly as on the benchmark. */
  name: string;
  /** What `return.review` takes to review this figure without naming its authority (null: nothing published). */
  figureId: string | null;
  status: ReviewQueueStatus;
  /** As on the benchmark: a small number of people, or a figure from which one could be worked out, is 'suppressed'. */
  value: Cell;
  numerator: Cell;
  denominator: Cell;
  /** Per 100,000 residents where the KPI compares per head: all an anonymised member's count shows. */
  perHundredThousand: Cell;
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
 * and period (the latest with any figure by default), with where its review stands. The lead is another
 * authority, so it sees exactly what the benchmark shows it: a member that chose anonymised is its label
 * ("Authority C") and is reviewed by its figure's id, and small numbers are suppressed. Nobody else may read it.
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
    .where(currentMember('m'))
    .orderBy('a.name')
    .execute();
  const figures = period
    ? await ctx.tx.selectFrom('benchmark_figure').selectAll().where('partnership_id', '=', p.id).where('kpi_code', '=', kpi.code).where('period_start', '=', period.start).execute()
    : [];
  const shown = period ? await benchmark(ctx.tx, ctx.session.authorityId!, { partnershipId: p.id, kpiCode: kpi.code, period: period.start, periodCount: 1 }) : null;
  const reviews = period
    ? await ctx.tx.selectFrom('return_review').selectAll().where('partnership_id', '=', p.id).where('kpi_code', '=', kpi.code).where('period_start', '=', period.start).execute()
    : [];
  const anonymous = await anonymousNames(ctx, p.id, members);
  const listed = members.map((m) => {
      const figure = figures.find((f) => f.authority_id === m.id);
      const review = reviews.find((r) => r.member_authority_id === m.id);
      const applies = !!figure && !!review && new Date(review.reviewed_at) >= new Date(figure.published_at);
      const label = anonymous.get(m.id);
      const named = label === undefined;
      const row = shown?.rows.find((r) => (named ? r.authorityId === m.id : r.authorityId === null && r.label === label));
      return {
        authorityId: named ? m.id : null,
        name: label ?? m.name,
        figureId: figure?.id ?? null,
        status: !figure ? 'not_submitted' : applies ? review!.status : 'submitted',
        value: row?.value ?? null,
        numerator: row?.numerator ?? null,
        denominator: row?.denominator ?? null,
        perHundredThousand: row?.perHundredThousand ?? null,
        publishedAt: figure ? new Date(figure.published_at).toISOString() : null,
        reason: applies && review!.status === 'queried' ? review!.reason : null,
        reviewedAt: review ? new Date(review.reviewed_at).toISOString() : null,
        resubmittedAfter: figure && review && !applies ? review.status : null,
      } satisfies ReviewQueueMember;
    });
  return {
    kpi: { code: kpi.code, name: kpi.name, unit: kpi.unit, frequency: kpi.frequency },
    period,
    periods,
    // Named members by name, then the anonymised by label: the order must not give away who is who.
    members: [...listed.filter((m) => m.authorityId !== null), ...listed.filter((m) => m.authorityId === null).sort((a, b) => a.name.localeCompare(b.name))],
  };
}

/** Each member that is anonymised to the viewer, with its label exactly as the benchmark gives it. */
async function anonymousNames(ctx: Ctx, partnershipId: string, members: { id: string }[]): Promise<Map<string, string>> {
  const consent = await consentByAuthority(ctx.tx, partnershipId);
  const anonymised = members.map((m) => m.id).filter((id) => !isNamedTo(consent, id, ctx.session.authorityId));
  return anonymousLabels(partnershipId, anonymised);
}

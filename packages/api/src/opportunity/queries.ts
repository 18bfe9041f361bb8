import { acceptsApplications, notFound, PROCUREMENT_STATUS_LABELS, REGIME_LABELS, ROUTE_LABELS, longDate } from '@concord/domain';
import type { ProcurementRegime, ProcurementRoute, ProcurementStatus, SpecificationSection, Tx } from '@concord/db';
import { sql } from 'kysely';
import { londonDate } from '../procurement/dates.ts';

/**
 * What a provider organisation sees of the procurements on the platform (issue 11, item 3). Row-level security
 * (migration 0031) shows a provider session every procurement open for applications today, across all
 * partnerships, with only the parts an applicant needs: never drafts, decisions, nor anyone's evaluation.
 */

export interface OpportunitySummary {
  id: string;
  reference: string;
  title: string;
  serviceType: string;
  route: ProcurementRoute;
  routeLabel: string;
  regime: ProcurementRegime;
  regimeLabel: string;
  status: ProcurementStatus;
  partnership: { id: string; name: string };
  lead: { id: string; name: string };
  lotCount: number;
  /** Whether it accepts applications today, and in words when. */
  open: boolean;
  window: string;
}

type Reopening = { id: string; opensOn: string; closesOn: string };

/** When a procurement accepts applications, in words. */
export function windowText(p: { status: ProcurementStatus; route: ProcurementRoute }, reopenings: Reopening[], today: string): string {
  if (p.status === 'published') return 'Open for applications until the lead closes the application stage';
  if (p.status === 'live' && ['pdps', 'dps', 'dynamic_market'].includes(p.route)) return `${ROUTE_LABELS[p.route]} accepts applications whenever it is open`;
  const current = reopenings.find((r) => r.opensOn <= today && today <= r.closesOn);
  if (current) return `Reopened for applications until ${longDate(current.closesOn)}`;
  return `Not open for applications (${PROCUREMENT_STATUS_LABELS[p.status]})`;
}

async function reopeningsByProcurement(tx: Tx, ids: string[]): Promise<Map<string, Reopening[]>> {
  const map = new Map<string, Reopening[]>();
  if (ids.length === 0) return map;
  const rows = await tx.selectFrom('reopening').select(['id', 'procurement_id', 'opens_on', 'closes_on']).where('procurement_id', 'in', ids).orderBy('opens_on').execute();
  for (const r of rows) map.set(r.procurement_id, [...(map.get(r.procurement_id) ?? []), { id: r.id, opensOn: r.opens_on, closesOn: r.closes_on }]);
  return map;
}

function summaryQuery(tx: Tx) {
  return tx
    .selectFrom('procurement as pr')
    .innerJoin('authority as lead', 'lead.id', 'pr.authority_id')
    .select((eb) => [
      'pr.id',
      'pr.reference',
      'pr.title',
      'pr.service_type',
      'pr.route',
      'pr.regime',
      'pr.status',
      'pr.partnership_id',
      sql<string>`concord_partnership_name(pr.partnership_id)`.as('partnership_name'),
      'lead.id as lead_id',
      'lead.name as lead_name',
      eb.selectFrom('lot as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.procurement_id', '=', 'pr.id').as('lot_count'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(r: SummaryRow, reopenings: Reopening[], today: string): OpportunitySummary {
  const p = { status: r.status, route: r.route };
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    serviceType: r.service_type,
    route: r.route,
    routeLabel: ROUTE_LABELS[r.route],
    regime: r.regime,
    regimeLabel: REGIME_LABELS[r.regime],
    status: r.status,
    partnership: { id: r.partnership_id, name: r.partnership_name },
    lead: { id: r.lead_id, name: r.lead_name },
    lotCount: Number(r.lot_count ?? 0),
    open: acceptsApplications(p, today, reopenings),
    window: windowText(p, reopenings, today),
  };
}

/** Every procurement open for applications today, across all partnerships, newest first, a page at a time. */
export async function listOpportunities(tx: Tx, now: Date, page: { limit: number; offset: number }): Promise<{ items: OpportunitySummary[]; total: number }> {
  const today = londonDate(now);
  const rows = await summaryQuery(tx).orderBy('pr.created_at', 'desc').orderBy('pr.id').execute();
  const reopenings = await reopeningsByProcurement(
    tx,
    rows.map((r) => r.id),
  );
  const open = rows.map((r) => toSummary(r, reopenings.get(r.id) ?? [], today)).filter((o) => o.open);
  return { items: open.slice(page.offset, page.offset + page.limit), total: open.length };
}

export interface OpportunityDetail extends OpportunitySummary {
  description: string | null;
  systemTermMonths: number | null;
  buyers: { id: string; name: string }[];
  lots: { id: string; number: number; name: string; description: string | null; estimatedVolume: number | null; volumeUnit: string | null }[];
  gatewayQuestions: { id: string; question: string; guidance: string | null }[];
  criteria: { id: string; kind: string; name: string; guidance: string | null; weightPercent: number }[];
  /** Whether the lead scores a price: then an applicant gives a price for each lot it applies to. */
  asksForPrices: boolean;
  milestones: { name: string; plannedStart: string | null; plannedEnd: string | null }[];
  reopenings: { opensOn: string; closesOn: string }[];
  specification: { title: string; version: number; publishedAt: string | null; sections: SpecificationSection[] } | null;
}

/** One procurement a provider may see: open for applications, or one it applied to. Otherwise NOT_FOUND. */
export async function getOpportunity(tx: Tx, now: Date, procurementId: string): Promise<OpportunityDetail> {
  const row = await summaryQuery(tx)
    .select(['pr.description', 'pr.system_term_months', 'pr.specification_id'])
    .where('pr.id', '=', procurementId)
    .executeTakeFirst();
  if (!row) throw notFound('Procurement');
  const reopenings = (await reopeningsByProcurement(tx, [row.id])).get(row.id) ?? [];
  const buyers = await tx
    .selectFrom('procurement_buyer as b')
    .innerJoin('authority as a', 'a.id', 'b.buyer_authority_id')
    .select(['a.id', 'a.name'])
    .where('b.procurement_id', '=', procurementId)
    .orderBy('a.name')
    .execute();
  const lots = await tx
    .selectFrom('lot')
    .select(['id', 'number', 'name', 'description', 'estimated_volume', 'volume_unit'])
    .where('procurement_id', '=', procurementId)
    .orderBy('number')
    .execute();
  const questions = await tx.selectFrom('gateway_question').select(['id', 'question', 'guidance']).where('procurement_id', '=', procurementId).orderBy('position').execute();
  const criteria = await tx
    .selectFrom('evaluation_criterion')
    .select(['id', 'kind', 'name', 'guidance', 'weight_percent'])
    .where('procurement_id', '=', procurementId)
    .orderBy('position')
    .execute();
  const milestones = await tx
    .selectFrom('procurement_milestone')
    .select(['name', 'planned_start', 'planned_end'])
    .where('procurement_id', '=', procurementId)
    .orderBy('position')
    .execute();
  const specification = row.specification_id
    ? await tx
        .selectFrom('specification as s')
        .innerJoin('specification_version as v', 'v.specification_id', 's.id')
        .select(['s.title', 'v.version', 'v.published_at', 'v.sections'])
        .where('s.id', '=', row.specification_id)
        .where('v.status', '=', 'published')
        .orderBy('v.version', 'desc')
        .executeTakeFirst()
    : undefined;
  return {
    ...toSummary(row, reopenings, londonDate(now)),
    description: row.description,
    systemTermMonths: row.system_term_months,
    buyers,
    lots: lots.map((l) => ({
      id: l.id,
      number: l.number,
      name: l.name,
      description: l.description,
      estimatedVolume: l.estimated_volume === null ? null : Number(l.estimated_volume),
      volumeUnit: l.volume_unit,
    })),
    gatewayQuestions: questions,
    criteria: criteria.map((c) => ({ id: c.id, kind: c.kind, name: c.name, guidance: c.guidance, weightPercent: Number(c.weight_percent) })),
    asksForPrices: criteria.some((c) => c.kind === 'price'),
    milestones: milestones.map((m) => ({ name: m.name, plannedStart: m.planned_start, plannedEnd: m.planned_end })),
    reopenings: reopenings.map((r) => ({ opensOn: r.opensOn, closesOn: r.closesOn })),
    specification: specification
      ? {
          title: specification.title,
          version: specification.version,
          publishedAt: specification.published_at ? new Date(specification.published_at).toISOString() : null,
          sections: specification.sections,
        }
      : null,
  };
}

import {
  badRequest,
  deriveKpi,
  isMonitoredDerivation,
  KPI_DERIVATION_RULES,
  type DerivationContract,
  type DerivationPlacement,
  type DerivationProvider,
  type DerivedFigure,
  type KpiDerivation,
  type MonitoringTotals,
} from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';
import type { TenantContext } from '../context.ts';
import type { Period } from '../kpi/periods.ts';
import type { Kpi } from '../kpi/queries.ts';
import { kpiFor, kpisOf, submitReturn, today } from './commands.ts';
import { checkPeriod } from './validate.ts';

type Ctx = Pick<TenantContext, 'tx' | 'session' | 'now'>;

export interface DeriveInput {
  partnershipId: string;
  kpiCode: string;
  period: string;
}

export interface DerivedReturn extends DerivedFigure {
  kpiCode: string;
  kpiName: string;
  unit: Kpi['unit'];
  rule: KpiDerivation;
  ruleLabel: string;
  period: Period;
}

/**
 * The rows a rule reads: my authority's placements (with the role of the contract each is under), for
 * CQC-01 my contracts and their providers' locations, and for the monitored_* rules the totals of my contracts'
 * monitoring returns. Placements and contracts are private to an authority:
 * row-level security limits these reads to the authority the transaction acts for.
 */
async function placementsFor(tx: Tx, serviceType: string | null): Promise<DerivationPlacement[]> {
  let q = tx
    .selectFrom('placement as p')
    .leftJoin('contract as c', (j) => j.onRef('c.id', '=', 'p.contract_id').onRef('c.authority_id', '=', 'p.authority_id'))
    .select(['p.service_type', 'p.in_area', 'p.start_date', 'p.end_date', 'p.weekly_cost_pence', 'p.weekly_hours', 'p.requested_on', 'p.sourced_on', 'c.provider_role']);
  if (serviceType) q = q.where('p.service_type', '=', serviceType);
  return (await q.execute()).map((r) => ({
    serviceType: r.service_type,
    inArea: r.in_area,
    startDate: r.start_date,
    endDate: r.end_date,
    weeklyCostPence: r.weekly_cost_pence,
    weeklyHours: r.weekly_hours,
    requestedOn: r.requested_on,
    sourcedOn: r.sourced_on,
    contractRole: r.provider_role,
  }));
}

async function contractsAndProviders(tx: Tx): Promise<{ contracts: DerivationContract[]; providers: DerivationProvider[] }> {
  const contracts = await tx.selectFrom('contract').select(['provider_id', 'service_type', 'start_date', 'end_date', 'status']).execute();
  const ids = [...new Set(contracts.map((c) => c.provider_id))];
  if (ids.length === 0) return { contracts: [], providers: [] };
  const providers = await tx.selectFrom('provider').select(['id', 'legal_name']).where('id', 'in', ids).execute();
  const locations = await tx.selectFrom('provider_location').select(['provider_id', 'rating', 'rated_on']).where('provider_id', 'in', ids).execute();
  return {
    contracts: contracts.map((c) => ({ providerId: c.provider_id, serviceType: c.service_type, startDate: c.start_date, endDate: c.end_date, status: c.status })),
    providers: providers.map((p) => ({
      id: p.id,
      name: p.legal_name,
      locations: locations.filter((l) => l.provider_id === p.id).map((l) => ({ rating: l.rating, ratedOn: l.rated_on })),
    })),
  };
}

/**
 * The monitoring returns of my authority's contracts (of the KPI's service type, if any) for months or quarters inside
 * the period, added up by the database in one statement: the accepted ones, and how many others are left out.
 */
async function monitoringTotals(tx: Tx, authorityId: string, period: Period, serviceType: string | null): Promise<MonitoringTotals> {
  const ofService = serviceType ? sql`AND c.service_type = ${serviceType}` : sql``;
  const { rows } = await sql<Record<keyof MonitoringTotals, number | string>>`
    SELECT count(*) FILTER (WHERE r.status = 'accepted') AS "returns",
           count(*) FILTER (WHERE r.status <> 'accepted') AS "notAccepted",
           count(DISTINCT r.contract_id) FILTER (WHERE r.status = 'accepted') AS "contracts",
           count(DISTINCT r.provider_id) FILTER (WHERE r.status = 'accepted') AS "providers",
           coalesce(sum(r.hours_delivered) FILTER (WHERE r.status = 'accepted'), 0) AS "hoursDelivered",
           coalesce(sum(r.missed_visits) FILTER (WHERE r.status = 'accepted'), 0) AS "missedVisits",
           coalesce(sum(r.complaints) FILTER (WHERE r.status = 'accepted'), 0) AS "complaints",
           coalesce(sum(r.staff_turnover_percent * r.hours_delivered) FILTER (WHERE r.status = 'accepted'), 0) AS "turnoverHours"
      FROM provider_monitoring_return r
      JOIN contract c ON c.authority_id = r.authority_id AND c.id = r.contract_id
     WHERE r.authority_id = ${authorityId} AND r.status <> 'draft'
       AND r.period_start >= ${period.start} AND r.period_end <= ${period.end} ${ofService}`.execute(tx);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)])) as unknown as MonitoringTotals;
}

/** The rows the rule needs, read once. */
async function rowsFor(tx: Tx, authorityId: string, rule: KpiDerivation, serviceType: string | null, period: Period) {
  if (isMonitoredDerivation(rule)) return { placements: [], monitoring: await monitoringTotals(tx, authorityId, period, serviceType) };
  if (rule === 'contracted_providers_good_or_outstanding') return { placements: [], ...(await contractsAndProviders(tx)) };
  return { placements: await placementsFor(tx, rule === 'lead_provider_share_of_hours' ? (serviceType ?? 'home_care') : serviceType) };
}

/**
 * A derived KPI's figure for my authority and a period that has ended, with its working: a preview,
 * nothing is saved. Refused (naming the field) for a KPI that is typed in, an unknown KPI or a period
 * not yet over.
 */
export async function deriveReturn(ctx: Ctx, input: DeriveInput): Promise<DerivedReturn> {
  const kpi = kpiFor(await kpisOf(ctx.tx, input.partnershipId), input.kpiCode);
  if (!kpi.derivation) {
    throw badRequest(`kpiCode: ${kpi.code} is typed in or uploaded, not worked out from your records (it has no derivation rule)`, 'kpiCode');
  }
  const period = checkPeriod(kpi, input.period, today(ctx));
  const rows = await rowsFor(ctx.tx, ctx.session.authorityId!, kpi.derivation, kpi.serviceType, period);
  const figure = deriveKpi({ rule: kpi.derivation, serviceType: kpi.serviceType, period, ...rows });
  return { ...figure, kpiCode: kpi.code, kpiName: kpi.name, unit: kpi.unit, rule: kpi.derivation, ruleLabel: KPI_DERIVATION_RULES[kpi.derivation].label, period };
}

const COMMENT_LIMIT = 2000;

/** What the stored return says of where its figure came from. */
export function derivedComment(d: DerivedReturn, on: string): string {
  const text = `Derived from our records on ${on} (${d.ruleLabel}). ${d.working.join(' ')}`;
  return text.length <= COMMENT_LIMIT ? text : `${text.slice(0, COMMENT_LIMIT - 1)}…`;
}

/**
 * Works the figure out again and submits it as my return for the period, through the same checks and
 * writing as a typed return (a correction replaces the earlier one, from the version the page showed). Percentages keep their numerator and
 * denominator; other units store the value (the working, with its sum and count, is in the comment).
 */
export async function submitDerivedReturn(ctx: Ctx, input: DeriveInput & { version: number | null }) {
  const derived = await deriveReturn(ctx, input);
  if (derived.value === null) throw badRequest(`period: no figure for ${derived.period.label} — ${derived.reason}`, 'period');
  const percent = derived.unit === 'percent';
  const saved = await submitReturn(ctx, {
    partnershipId: input.partnershipId,
    kpiCode: derived.kpiCode,
    period: derived.period.start,
    value: percent ? null : derived.value,
    numerator: percent ? derived.numerator : null,
    denominator: percent ? derived.denominator : null,
    comment: derivedComment(derived, today(ctx)),
    version: input.version,
  });
  return { ...saved, derived };
}

import {
  contractDateStatus,
  contractStatusText,
  contractWarnings,
  latestPossibleEnd,
  registerWarnings,
  type ContractForWarnings,
  type ContractWarning,
  type ContractDateStatus,
  type ContractWarningKind,
} from '@concord/domain';
import { notFound } from '@concord/domain';
import type { ContractSource, ContractStatus, EndDecision, ExtensionOptionStatus, ProviderRole, RateUnit, Tx, VariationKind } from '@concord/db';
import { sql, type Expression } from 'kysely';
import type { TenantContext } from '../context.ts';
import { londonDate } from '../procurement/dates.ts';
import { listPlacements, type PlacementRow } from '../placement/queries.ts';
import type { ListContractsInput } from './input.ts';

type Ctx = Pick<TenantContext, 'tx' | 'now'>;

export interface ContractSummary {
  id: string;
  reference: string;
  title: string;
  provider: { id: string; name: string };
  serviceType: string;
  source: ContractSource;
  /** The recorded status (the decision as stored). */
  status: ContractStatus;
  /** The status from the dates on the server's today (the domain's contractDateStatus): what people are shown. */
  dateStatus: ContractDateStatus;
  /** In words, with the recorded status beside it where they differ: "Past its end date — no decision (recorded as active)". */
  statusText: string;
  providerRole: ProviderRole | null;
  startDate: string;
  initialEndDate: string;
  endDate: string;
  latestPossibleEnd: string;
  annualValuePence: number;
  totalValuePence: number;
  responsibleOfficer: string | null;
  ratesReviewedOn: string | null;
  activePlacements: number;
  warnings: ContractWarningKind[];
}

export interface ContractDetail extends ContractSummary {
  procurement: { id: string; reference: string; title: string } | null;
  lot: { id: string; number: number; name: string } | null;
  callOff: { id: string; reference: string; method: string } | null;
  award: { justification: string | null; legalBasis: string | null; decisionReference: string | null; decidedOn: string | null };
  endDecision: { decision: EndDecision; forEndDate: string; reference: string | null; decidedOn: string | null; note: string | null } | null;
  rates: { id: string; band: string; unit: RateUnit; ratePence: number; effectiveFrom: string }[];
  extensionOptions: { id: string; position: number; months: number; status: ExtensionOptionStatus; decidedOn: string | null; decisionReference: string | null; note: string | null }[];
  variations: {
    id: string;
    kind: VariationKind;
    effectiveOn: string;
    previousEndDate: string | null;
    newEndDate: string | null;
    previousAnnualValuePence: number | null;
    newAnnualValuePence: number | null;
    valueChangePence: number;
    justification: string;
    legalBasis: string;
    decisionReference: string;
    decidedOn: string;
    batchId: string | null;
  }[];
  warningDetails: ContractWarning[];
  placements: PlacementRow[];
  /** The version an edit of this contract sends back (a stale one is refused). */
  rowVersion: number;
}

function baseQuery(tx: Tx) {
  return tx
    .selectFrom('contract as c')
    .innerJoin('provider as p', 'p.id', 'c.provider_id')
    .selectAll('c')
    .select('p.legal_name as provider_name');
}
type ContractRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/**
 * The register's rows with, in the same query, the months of extension still available and the placements
 * running today under each contract (one statement, not one per kind of detail).
 */
function registerQuery(tx: Tx, today: string) {
  return baseQuery(tx).select([
    sql<number>`coalesce((SELECT sum(o.months) FROM contract_extension_option o
      WHERE o.authority_id = c.authority_id AND o.contract_id = c.id AND o.status = 'available'), 0)::int`.as('available_extension_months'),
    sql<number>`(SELECT count(*) FROM placement pl WHERE pl.authority_id = c.authority_id AND pl.contract_id = c.id
      AND pl.start_date <= ${today} AND (pl.end_date IS NULL OR pl.end_date >= ${today}))::int`.as('active_placements'),
  ]);
}
type RegisterRow = Awaited<ReturnType<ReturnType<typeof registerQuery>['execute']>>[number];

async function optionsOf(tx: Tx, contractIds: string[]) {
  if (contractIds.length === 0) return [];
  return tx.selectFrom('contract_extension_option').selectAll().where('contract_id', 'in', contractIds).orderBy('contract_id').orderBy('position').execute();
}

/** Placements active today per contract. */
async function activePlacementCounts(tx: Tx, contractIds: string[], today: string): Promise<Map<string, number>> {
  if (contractIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('placement')
    .select(['contract_id', sql<number>`count(*)::int`.as('n')])
    .where('contract_id', 'in', contractIds)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .groupBy('contract_id')
    .execute();
  return new Map(rows.map((r) => [r.contract_id!, r.n]));
}

function forWarnings(c: ContractRow, activePlacements: number): ContractForWarnings {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    status: c.status,
    startDate: c.start_date,
    endDate: c.end_date,
    endDecisionFor: c.end_decision_for,
    ratesReviewedOn: c.rates_reviewed_on,
    activePlacements,
  };
}

const forDateStatus = (c: ContractRow) => ({ status: c.status, startDate: c.start_date, endDate: c.end_date, endDecision: c.end_decision, endDecisionFor: c.end_decision_for });

/**
 * The domain's contractDateStatus in SQL, so the register's status filter keeps exactly the contracts it then
 * shows with that status (the domain function's unit tests and tests/integration/contract-date-status.test.ts
 * hold the two together).
 */
export function dateStatusSql(today: string): Expression<ContractDateStatus> {
  return sql<ContractDateStatus>`case
    when c.status = 'draft' then 'draft'
    when c.status = 'terminated' then 'terminated'
    when c.start_date > ${today}::date then 'not_started'
    when c.end_date >= ${today}::date then 'active'
    when c.status = 'expired' then 'ended'
    when c.end_decision is not null and c.end_decision_for = c.end_date then 'ended'
    else 'past_end_no_decision' end`;
}

function summarise(rows: RegisterRow[], today: string): ContractSummary[] {
  return rows.map((c) => {
    const active = c.active_placements;
    return {
      id: c.id,
      reference: c.reference,
      title: c.title,
      provider: { id: c.provider_id, name: c.provider_name },
      serviceType: c.service_type,
      source: c.source,
      status: c.status,
      dateStatus: contractDateStatus(forDateStatus(c), today),
      statusText: contractStatusText(forDateStatus(c), today),
      providerRole: c.provider_role,
      startDate: c.start_date,
      initialEndDate: c.initial_end_date,
      endDate: c.end_date,
      latestPossibleEnd: latestPossibleEnd(c.end_date, [{ status: 'available', months: c.available_extension_months }]),
      annualValuePence: c.annual_value_pence,
      totalValuePence: c.total_value_pence,
      responsibleOfficer: c.responsible_officer,
      ratesReviewedOn: c.rates_reviewed_on,
      activePlacements: active,
      warnings: contractWarnings(forWarnings(c, active), today).map((w) => w.kind),
    };
  });
}

const SORTS = {
  end_date: 'c.end_date',
  start_date: 'c.start_date',
  reference: 'c.reference',
  title: 'c.title',
  provider: 'p.legal_name',
  annual_value: 'c.annual_value_pence',
} as const;

/** My authority's register, filtered and sorted, with each contract's warnings and the register's totals. */
export async function listContractsQuery(ctx: Ctx, input: ListContractsInput) {
  const today = londonDate(ctx.now());
  let q = registerQuery(ctx.tx, today);
  if (input.status?.length) q = q.where('c.status', 'in', input.status);
  if (input.shownStatus?.length) q = q.where(dateStatusSql(today), 'in', input.shownStatus);
  if (input.source) q = q.where('c.source', '=', input.source);
  if (input.serviceType) q = q.where('c.service_type', '=', input.serviceType);
  if (input.providerId) q = q.where('c.provider_id', '=', input.providerId);
  if (input.search) {
    const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('c.reference', 'ilike', like), eb('c.title', 'ilike', like), eb('p.legal_name', 'ilike', like)]));
  }
  const rows = await q.orderBy(SORTS[input.sort], input.direction).orderBy('c.reference').execute();
  let contracts = summarise(rows, today);
  if (input.withWarnings) contracts = contracts.filter((c) => c.warnings.length > 0);
  return {
    today,
    contracts,
    totals: {
      count: contracts.length,
      annualValuePence: contracts.reduce((s, c) => s + c.annualValuePence, 0),
      totalValuePence: contracts.reduce((s, c) => s + c.totalValuePence, 0),
    },
  };
}

/** Every warning on my register (for the register and the home page), most urgent first. */
export async function listWarnings(ctx: Ctx): Promise<{ today: string; warnings: ContractWarning[] }> {
  const today = londonDate(ctx.now());
  const rows = await baseQuery(ctx.tx).where('c.status', '<>', 'draft').execute();
  const counts = await activePlacementCounts(
    ctx.tx,
    rows.map((r) => r.id),
    today,
  );
  return { today, warnings: registerWarnings(rows.map((c) => forWarnings(c, counts.get(c.id) ?? 0)), today) };
}

export async function findContract(tx: Tx, contractId: string): Promise<ContractRow> {
  const row = await baseQuery(tx).where('c.id', '=', contractId).executeTakeFirst();
  if (!row) throw notFound('Contract');
  return row;
}

/** One contract of mine with its rates, options, variations, warnings and placements (a read of placement rows). */
export async function getContract(ctx: Ctx, contractId: string): Promise<ContractDetail> {
  const today = londonDate(ctx.now());
  const c = await registerQuery(ctx.tx, today).where('c.id', '=', contractId).executeTakeFirst();
  if (!c) throw notFound('Contract');
  const [summary] = summarise([c], today);
  const procurement = c.procurement_id
    ? ((await ctx.tx.selectFrom('procurement').select(['id', 'reference', 'title']).where('id', '=', c.procurement_id).executeTakeFirst()) ?? null)
    : null;
  const lot = c.lot_id ? ((await ctx.tx.selectFrom('lot').select(['id', 'number', 'name']).where('id', '=', c.lot_id).executeTakeFirst()) ?? null) : null;
  const callOff = c.call_off_id
    ? ((await ctx.tx.selectFrom('call_off').select(['id', 'reference', 'method']).where('id', '=', c.call_off_id).executeTakeFirst()) ?? null)
    : null;
  const rates = await ctx.tx.selectFrom('contract_rate').selectAll().where('contract_id', '=', c.id).orderBy('effective_from', 'desc').orderBy('band').orderBy('unit').execute();
  const options = await optionsOf(ctx.tx, [c.id]);
  const variations = await ctx.tx.selectFrom('contract_variation').selectAll().where('contract_id', '=', c.id).orderBy('effective_on').orderBy('recorded_at').execute();
  const placements = await listPlacements(ctx.tx, { contractId: c.id, limit: 1000, offset: 0 });
  return {
    ...summary!,
    procurement,
    lot,
    callOff,
    award: { justification: c.award_justification, legalBasis: c.legal_basis, decisionReference: c.decision_reference, decidedOn: c.decided_on },
    endDecision:
      c.end_decision && c.end_decision_for
        ? { decision: c.end_decision, forEndDate: c.end_decision_for, reference: c.end_decision_reference, decidedOn: c.end_decided_on, note: c.end_decision_note }
        : null,
    rates: rates.map((r) => ({ id: r.id, band: r.band, unit: r.unit, ratePence: r.rate_pence, effectiveFrom: r.effective_from })),
    extensionOptions: options.map((o) => ({
      id: o.id,
      position: o.position,
      months: o.months,
      status: o.status,
      decidedOn: o.decided_on,
      decisionReference: o.decision_reference,
      note: o.note,
    })),
    variations: variations.map((v) => ({
      id: v.id,
      kind: v.kind,
      effectiveOn: v.effective_on,
      previousEndDate: v.previous_end_date,
      newEndDate: v.new_end_date,
      previousAnnualValuePence: v.previous_annual_value_pence,
      newAnnualValuePence: v.new_annual_value_pence,
      valueChangePence: v.value_change_pence,
      justification: v.justification,
      legalBasis: v.legal_basis,
      decisionReference: v.decision_reference,
      decidedOn: v.decided_on,
      batchId: v.batch_id,
    })),
    warningDetails: contractWarnings(forWarnings(c, summary!.activePlacements), today),
    placements: placements.placements,
    rowVersion: c.row_version,
  };
}

/** Continuation decisions (bulk continuations), newest first, with what each contract added. */
export async function listContinuations(tx: Tx) {
  const batches = await tx.selectFrom('continuation_batch').selectAll().orderBy('decided_on', 'desc').orderBy('recorded_at', 'desc').execute();
  if (batches.length === 0) return [];
  const lines = await tx
    .selectFrom('contract_variation as v')
    .innerJoin('contract as c', (j) => j.onRef('c.id', '=', 'v.contract_id').onRef('c.authority_id', '=', 'v.authority_id'))
    .select(['v.batch_id', 'c.id', 'c.reference', 'c.title', 'v.previous_end_date', 'v.new_end_date', 'v.previous_annual_value_pence', 'v.value_change_pence'])
    .where(
      'v.batch_id',
      'in',
      batches.map((b) => b.id),
    )
    .orderBy('c.reference')
    .execute();
  return batches.map((b) => ({
    id: b.id,
    commonEndDate: b.common_end_date,
    justification: b.justification,
    legalBasis: b.legal_basis,
    decisionReference: b.decision_reference,
    decidedOn: b.decided_on,
    totalAnnualValuePence: b.total_annual_value_pence,
    totalExtraPence: b.total_extra_pence,
    lines: lines
      .filter((l) => l.batch_id === b.id)
      .map((l) => ({
        contractId: l.id,
        reference: l.reference,
        title: l.title,
        previousEndDate: l.previous_end_date!,
        newEndDate: l.new_end_date!,
        annualValuePence: l.previous_annual_value_pence ?? 0,
        extraPence: l.value_change_pence,
      })),
  }));
}

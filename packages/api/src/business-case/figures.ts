import { contractStatusText, financialYearOf, formatPence, upliftImpact, type UpliftImpact } from '@concord/domain';
import { placementsRunningOn, registerUplift } from '../budget/uplift.ts';
import type { BusinessCaseTable, CurrentServiceFigureJson, FinancialJson, MilestoneJson, OutcomeJson, Tx } from '@concord/db';
import { sql, type Selectable } from 'kysely';
import { appraisalView, type AppraisalView } from '../appraisal/appraisal.ts';
import { demandView, findDemandRow, type DemandView } from '../demand/demand.ts';
import { benchmark } from '../benchmark/queries.ts';
import { riskRegister, type RiskRegisterView } from '../risk/risk.ts';

/**
 * Every figure a business case shows, gathered in one object. A draft or submitted case is built from live
 * data each time it is read (its appraisal, its risk register, its demand model, the uplift costed by the
 * domain). At approval this object is stored as the case's snapshot and, from then on, the case is read and
 * exported from the snapshot alone: data that changes afterwards never moves an approved paper.
 *
 * Current service: when the case names a service type, its placements (active on the as-at date: count and
 * average weekly cost), contracts and budget record are read live from the authority's own register (issue 4).
 * Partnership benchmarks: for each partnership the authority belongs to, the latest published period (at or
 * before the as-at date) of the KPI that counts long-term placements of that service type (issue 6's
 * `benchmark_figure`), read THROUGH the benchmark query, so consent (anonymised members as "Authority X",
 * never named) and small-number suppression apply exactly as on the benchmark page.
 * Anything else the author types, each with its source; the document says so.
 */

export const SECTION_KEYS = ['executiveSummary', 'introduction', 'currentService', 'caseForChange', 'recommendedOption', 'financialNarrative', 'outcomesNarrative'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface BusinessCaseFigures {
  version: 1;
  title: string;
  authority: { id: string; name: string };
  sections: Partial<Record<SectionKey, string>>;
  currentService: { figures: CurrentServiceFigureJson[]; source: 'entered' };
  /** Read from the authority's placements, contracts and budgets; null when no service type is named. */
  liveService: LiveService | null;
  appraisal: Omit<AppraisalView, 'canEdit'> | null;
  recommended: { optionId: string; name: string; basis: 'top_score' | 'override'; reason?: string; total: number; maxPossible: number } | null;
  milestones: MilestoneJson[];
  financial: FinancialJson & { uplift?: FinancialJson['uplift']; upliftImpact: UpliftImpact | null; upliftCosting?: UpliftCosting };
  risks: Omit<RiskRegisterView, 'canEdit' | 'versions'>;
  demand: Omit<DemandView, 'canEdit'> | null;
  outcomes: OutcomeJson[];
  /** When these figures were gathered. */
  asAt: string;
}

/** Which placements an uplift was costed on: those the author typed, or the register's running on the start day. */
export type UpliftCosting = { from: 'entered' } | { from: 'register'; serviceType: string; on: string; placements: number };

export interface LiveService {
  serviceType: string;
  asAt: string;
  placements: { count: number; averageWeeklyPence: number | null; totalWeeklyPence: number };
  budget: { financialYear: number; amountPence: number } | null;
  contracts: { reference: string; title: string; provider: string; startDate: string; endDate: string; annualValuePence: number; totalValuePence: number; status: string }[];
  /** Neighbours' published figures, as the benchmark shows them to this authority (consent and suppression applied). */
  benchmarks?: PartnershipBenchmark[];
}

export interface PartnershipBenchmark {
  partnershipId: string;
  partnership: string;
  kpiCode: string;
  kpiName: string;
  period: { start: string; label: string };
  /**
   * One row per member, as the benchmark shows it to this authority: the label is "Authority X" for an
   * anonymised member, whose count is withheld (null) where the KPI is per head — a count with its rate
   * would give its population, and so its name — leaving only its rate; a small count is 'suppressed'.
   */
  members: { label: string; named: boolean; isMe: boolean; value: number | 'suppressed' | null; perHundredThousand: number | 'suppressed' | null }[];
}

/** The latest published placements count of the service type in each of my partnerships, through the benchmark query. */
async function partnershipBenchmarks(tx: Tx, authorityId: string, serviceType: string, asAt: string): Promise<PartnershipBenchmark[]> {
  const partnerships = await tx
    .selectFrom('partnership_member as m')
    .innerJoin('partnership as p', 'p.id', 'm.partnership_id')
    .select(['p.id', 'p.name'])
    .where('m.authority_id', '=', authorityId)
    .orderBy('p.name')
    .execute();
  const out: PartnershipBenchmark[] = [];
  for (const p of partnerships) {
    const kpi = await tx
      .selectFrom('kpi_definition')
      .select(['code', 'name'])
      .where('partnership_id', '=', p.id)
      .where('service_type', '=', serviceType)
      .where('source', '=', 'placements')
      .where('unit', '=', 'count')
      .where('retired', '=', false)
      .orderBy('code')
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (!kpi) continue;
    const latest = await tx
      .selectFrom('benchmark_figure')
      .select(sql<string | null>`max(period_start)`.as('p'))
      .where('partnership_id', '=', p.id)
      .where('kpi_code', '=', kpi.code)
      .where('period_start', '<=', asAt)
      .executeTakeFirst();
    if (!latest?.p) continue;
    const result = await benchmark(tx, authorityId, { partnershipId: p.id, kpiCode: kpi.code, period: latest.p, periodCount: 1 });
    out.push({
      partnershipId: p.id,
      partnership: p.name,
      kpiCode: kpi.code,
      kpiName: kpi.name,
      period: result.period,
      members: result.rows.map((r) => ({ label: r.label, named: r.named, isMe: r.isMe, value: r.value, perHundredThousand: r.perHundredThousand })),
    });
  }
  return out;
}

/** The case's financial year: as named, else the year of its as-at date (or today). */
const caseYear = (financial: FinancialJson, now: Date) => financial.financialYear ?? financialYearOf(financial.liveAsAt ?? now.toISOString().slice(0, 10));

/**
 * The uplift's cost. Typed placements are costed as typed; without them, the register's placements of the
 * case's service type running on the start day are costed by the SAME function the budgets calculator uses
 * (../budget/uplift.ts), so the two always agree for the same inputs.
 */
async function upliftFigures(tx: Tx, financial: FinancialJson, now: Date): Promise<{ upliftImpact: UpliftImpact | null; upliftCosting?: UpliftCosting }> {
  const u = financial.uplift;
  if (!u) return { upliftImpact: null };
  if (u.placements?.length) return { upliftImpact: upliftImpact({ ...u, placements: u.placements }), upliftCosting: { from: 'entered' } };
  if (!financial.serviceType) return { upliftImpact: null };
  const r = await registerUplift(tx, { ...u, serviceType: financial.serviceType, financialYear: caseYear(financial, now) });
  return { upliftImpact: r.impact, upliftCosting: { from: 'register', serviceType: financial.serviceType, on: r.on, placements: r.placements } };
}

async function liveService(tx: Tx, authorityId: string, financial: FinancialJson, now: Date): Promise<LiveService | null> {
  if (!financial.serviceType) return null;
  const serviceType = financial.serviceType;
  const asAt = financial.liveAsAt ?? now.toISOString().slice(0, 10);
  const placements = await placementsRunningOn(tx, serviceType, asAt);
  const total = placements.reduce((t, p) => t + p.weekly_cost_pence, 0);
  const year = caseYear(financial, now);
  const budget = await tx.selectFrom('budget').select(['financial_year', 'amount_pence']).where('service_type', '=', serviceType).where('financial_year', '=', year).executeTakeFirst();
  const contracts = await tx
    .selectFrom('contract as c')
    .innerJoin('provider as p', 'p.id', 'c.provider_id')
    .select(['c.reference', 'c.title', 'p.legal_name', 'c.start_date', 'c.end_date', 'c.annual_value_pence', 'c.total_value_pence', 'c.status', 'c.end_decision', 'c.end_decision_for'])
    .where('c.service_type', '=', serviceType)
    .orderBy('c.start_date')
    .execute();
  return {
    serviceType,
    asAt,
    placements: { count: placements.length, averageWeeklyPence: placements.length ? Math.round(total / placements.length) : null, totalWeeklyPence: total },
    budget: budget ? { financialYear: budget.financial_year, amountPence: budget.amount_pence } : null,
    contracts: contracts.map((c) => ({
      reference: c.reference,
      title: c.title,
      provider: c.legal_name,
      startDate: c.start_date,
      endDate: c.end_date,
      annualValuePence: c.annual_value_pence,
      totalValuePence: c.total_value_pence,
      // As its dates give it on the as-at date, with the recorded status beside it (issue 13).
      status: contractStatusText({ status: c.status, startDate: c.start_date, endDate: c.end_date, endDecision: c.end_decision, endDecisionFor: c.end_decision_for }, asAt),
    })),
    benchmarks: await partnershipBenchmarks(tx, authorityId, serviceType, asAt),
  };
}

export async function gatherFigures(tx: Tx, row: Selectable<BusinessCaseTable>, now: Date): Promise<BusinessCaseFigures> {
  const authority = await tx.selectFrom('authority').select(['id', 'name']).where('id', '=', row.authority_id).executeTakeFirstOrThrow();
  let appraisal: BusinessCaseFigures['appraisal'] = null;
  if (row.appraisal_id) {
    const a = await tx.selectFrom('options_appraisal').selectAll().where('id', '=', row.appraisal_id).executeTakeFirstOrThrow();
    const { canEdit: _, ...view } = appraisalView(a, false);
    appraisal = view;
  }
  const rec = appraisal?.result?.recommended ?? null;
  const recommended =
    rec && appraisal?.result
      ? {
          optionId: rec.optionId,
          name: appraisal.options.find((o) => o.id === rec.optionId)!.name,
          basis: rec.basis,
          ...(rec.reason ? { reason: rec.reason } : {}),
          total: appraisal.result.options.find((o) => o.id === rec.optionId)!.weightedTotal,
          maxPossible: appraisal.result.maxPossible,
        }
      : null;
  const { canEdit: _r, versions: _v, ...risks } = await riskRegister(tx, 'business_case', row.id);
  const financial = row.financial;
  let demand: BusinessCaseFigures['demand'] = null;
  if (row.demand_model_id) {
    const { canEdit: _d, ...view } = await demandView(tx, await findDemandRow(tx, row.demand_model_id), false);
    demand = view;
  }
  return {
    version: 1,
    title: row.title,
    authority,
    sections: row.sections,
    currentService: { figures: row.current_service, source: 'entered' },
    liveService: await liveService(tx, row.authority_id, financial, now),
    appraisal,
    recommended,
    milestones: [...row.milestones].sort((a, b) => a.date.localeCompare(b.date)),
    financial: { ...financial, ...(await upliftFigures(tx, financial, now)) },
    risks,
    demand,
    outcomes: row.outcomes,
    asAt: now.toISOString(),
  };
}

export const money = (pence: number | undefined) => (pence === undefined ? '—' : formatPence(pence, { whole: pence % 100 === 0 }));


import { formatPence, upliftImpact, type UpliftImpact } from '@concord/domain';
import type { BusinessCaseTable, CurrentServiceFigureJson, FinancialJson, MilestoneJson, OutcomeJson, Tx } from '@concord/db';
import type { Selectable } from 'kysely';
import { appraisalView, type AppraisalView } from '../appraisal/appraisal.ts';
import { demandView, findDemandRow, type DemandView } from '../demand/demand.ts';
import { riskRegister, type RiskRegisterView } from '../risk/risk.ts';

/**
 * Every figure a business case shows, gathered in one object. A draft or submitted case is built from live
 * data each time it is read (its appraisal, its risk register, its demand model, the uplift costed by the
 * domain). At approval this object is stored as the case's snapshot and, from then on, the case is read and
 * exported from the snapshot alone: data that changes afterwards never moves an approved paper.
 *
 * Current service figures: no placements, contracts or benchmarks API exists yet to pull them from, so the
 * author types them, each with its source; the document says so.
 */

export const SECTION_KEYS = ['executiveSummary', 'introduction', 'currentService', 'caseForChange', 'recommendedOption', 'financialNarrative', 'outcomesNarrative'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface BusinessCaseFigures {
  version: 1;
  title: string;
  authority: { id: string; name: string };
  sections: Partial<Record<SectionKey, string>>;
  currentService: { figures: CurrentServiceFigureJson[]; source: 'entered' };
  appraisal: Omit<AppraisalView, 'canEdit'> | null;
  recommended: { optionId: string; name: string; basis: 'top_score' | 'override'; reason?: string; total: number; maxPossible: number } | null;
  milestones: MilestoneJson[];
  financial: FinancialJson & { uplift?: FinancialJson['uplift']; upliftImpact: UpliftImpact | null };
  risks: Omit<RiskRegisterView, 'canEdit'>;
  demand: Omit<DemandView, 'canEdit'> | null;
  outcomes: OutcomeJson[];
  /** When these figures were gathered. */
  asAt: string;
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
  const { canEdit: _r, ...risks } = await riskRegister(tx, 'business_case', row.id);
  let demand: BusinessCaseFigures['demand'] = null;
  if (row.demand_model_id) {
    const { canEdit: _d, ...view } = await demandView(tx, await findDemandRow(tx, row.demand_model_id), false);
    demand = view;
  }
  const financial = row.financial;
  return {
    version: 1,
    title: row.title,
    authority,
    sections: row.sections,
    currentService: { figures: row.current_service, source: 'entered' },
    appraisal,
    recommended,
    milestones: [...row.milestones].sort((a, b) => a.date.localeCompare(b.date)),
    financial: { ...financial, upliftImpact: financial.uplift ? upliftImpact(financial.uplift) : null },
    risks,
    demand,
    outcomes: row.outcomes,
    asAt: now.toISOString(),
  };
}

export const money = (pence: number | undefined) => (pence === undefined ? '—' : formatPence(pence, { whole: pence % 100 === 0 }));

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** '2023-09-04' → '4 September 2023'. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

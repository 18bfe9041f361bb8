import type { ColumnType, Generated } from 'kysely';
import type { Versioned } from './schema-versions.ts';

/**
 * Kysely types for migration 0005 (issue 7): options appraisals, risks, demand models and business cases.
 * Every table is private to one authority. JSON columns are written as JSON text and read back parsed.
 */
type IsoDate = string;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Stamped = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface AppraisalScaleJson {
  min: number;
  max: number;
  descriptors: { score: number; label: string }[];
}
export interface AppraisalOptionJson {
  id: string;
  name: string;
  description?: string;
  pros?: string;
  cons?: string;
}
export interface AppraisalCriterionJson {
  id: string;
  name: string;
  question?: string;
  weight?: number;
}
export interface AppraisalScoreJson {
  optionId: string;
  criterionId: string;
  score: number;
  rationale?: string;
}

export interface OptionsAppraisalTable extends Versioned {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string | null;
  title: string;
  scale: Json<AppraisalScaleJson>;
  options: JsonDefault<AppraisalOptionJson[]>;
  criteria: JsonDefault<AppraisalCriterionJson[]>;
  scores: JsonDefault<AppraisalScoreJson[]>;
  override_option_id: string | null;
  override_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Stamped;
}

export interface PrevalenceRateJson {
  type: string;
  label: string;
  perThousand: number;
}
export type PopulationSource = 'entered' | 'held';

export interface DemandModelTable extends Versioned {
  authority_id: string;
  id: Generated<string>;
  title: string;
  age_band: string;
  prevalence_source: string;
  prevalence: Json<PrevalenceRateJson[]>;
  population_source: PopulationSource;
  /** Entered populations, when population_source is 'entered'. */
  populations: JsonDefault<{ year: number; population: number }[]>;
  /** Years to read from authority_population, when population_source is 'held'. */
  years: ColumnType<number[], number[] | undefined, number[]>;
  supply: JsonDefault<Record<string, number>>;
  created_at: CreatedAt;
  updated_at: Stamped;
}

export type BusinessCaseStatus = 'draft' | 'submitted' | 'approved';

/** A figure the author types where no live source exists yet, with where it came from. */
export interface CurrentServiceFigureJson {
  label: string;
  value: string;
  source?: string;
}
export interface MilestoneJson {
  activity: string;
  date: IsoDate;
}
export interface FinancialJson {
  /** Service type whose placements, contracts and budget are read live (e.g. 'shared_lives'). */
  serviceType?: string;
  /** The date live placement figures are counted at (default: today). */
  liveAsAt?: IsoDate;
  /** The financial year (starting April of) whose budget record is read, e.g. 2023 for 2023/24. */
  financialYear?: number;
  budgetYear?: string;
  budgetPence?: number;
  contractTermYears?: number;
  contractValuePence?: number;
  /** An uplift costed by the domain's upliftImpact. */
  uplift?: {
    /**
     * Placements typed by the author. Left out (or empty), the uplift is costed on the register: the
     * placements of `serviceType` running on the first day of the start month of `financialYear`, exactly as
     * the budgets calculator costs them (issue 13).
     */
    placements?: { label?: string; weeklyPence: number; count?: number }[];
    risePercent: number;
    extraPaidWeeks?: number;
    startMonth: number;
    /** The readings the calculator offers (default pro rata, at the new rate). */
    extraWeeksInPartYear?: 'pro_rata' | 'whole';
    extraWeeksAt?: 'new_rate' | 'current_rate';
  };
  /** The paper's own statement of the uplift cost, if it differs from the model. */
  upliftStatedPence?: number;
  notes?: string;
}
export interface OutcomeJson {
  outcome: string;
  benefit: string;
  category: string;
}

export interface BusinessCaseTable extends Versioned {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string | null;
  title: string;
  status: Generated<BusinessCaseStatus>;
  appraisal_id: string | null;
  demand_model_id: string | null;
  sections: JsonDefault<Record<string, string>>;
  current_service: JsonDefault<CurrentServiceFigureJson[]>;
  milestones: JsonDefault<MilestoneJson[]>;
  financial: JsonDefault<FinancialJson>;
  outcomes: JsonDefault<OutcomeJson[]>;
  submitted_at: Date | null;
  submitted_by: string | null;
  approved_by: string | null;
  approved_on: IsoDate | null;
  decision_maker: string | null;
  decision_reference: string | null;
  approved_at: Date | null;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Stamped;
}

export type RiskSubjectKind = 'business_case' | 'procurement' | 'contract';

export interface RiskTable extends Versioned {
  authority_id: string;
  id: Generated<string>;
  subject_kind: RiskSubjectKind;
  subject_id: string;
  position: Generated<number>;
  description: string;
  owner: string | null;
  before_likelihood: number;
  before_impact: number;
  mitigation: Generated<string>;
  after_likelihood: number;
  after_impact: number;
  created_at: CreatedAt;
  updated_at: Stamped;
}

/** Versioned from migration 0047: version 1 is the default bands, which no row holds. */
export interface RiskRagMatrixTable extends Versioned {
  authority_id: string;
  matrix: Json<('green' | 'amber' | 'red')[][]>;
  updated_at: Stamped;
}

export interface BusinessCaseDatabase {
  options_appraisal: OptionsAppraisalTable;
  demand_model: DemandModelTable;
  business_case: BusinessCaseTable;
  risk: RiskTable;
  risk_rag_matrix: RiskRagMatrixTable;
}

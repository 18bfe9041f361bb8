import type { ColumnType, Generated } from 'kysely';
import type { Versioned, VersionedStamped } from './schema-versions.ts';

/**
 * Kysely types for migration 0003 (issue 4): call-offs, the contract register, placements and budgets.
 * Every table is private to one authority. Dates are ISO strings; bigint pence and numeric columns come
 * back as numbers (see connection.ts).
 */
type IsoDate = string;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Stamped = ColumnType<Date, Date | string | undefined, Date | string>;

export type CallOffMethod = 'direct' | 'mini_competition';
export type CallOffStatus = 'draft' | 'inviting' | 'awarded' | 'cancelled';
export type PriceUnit = 'hour' | 'week';
export type ContractSource = 'call_off' | 'block_contract' | 'direct_award' | 'single_source_continuation' | 'spot_purchase';
export type ContractStatus = 'draft' | 'active' | 'extended' | 'expired' | 'terminated';
export type ProviderRole = 'lead' | 'supplementary';
export type VariationKind = 'extension' | 'continuation' | 'price_change' | 'scope_change' | 'termination';
export type RateUnit = 'hour' | 'week' | 'night';
export type ExtensionOptionStatus = 'available' | 'exercised' | 'declined';
export type EndDecision = 'extend' | 'continue' | 'recommission' | 'let_expire';
export type FundingRoute = 'council_commissioned' | 'direct_payment' | 'individual_service_fund' | 'nhs_funded';

export interface CallOffTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  reference: string;
  procurement_id: string;
  lot_id: string;
  specification_version_id: string | null;
  method: CallOffMethod;
  status: Generated<CallOffStatus>;
  scheme_name: string;
  client_group: string;
  units: number | null;
  people: number | null;
  day_hours_per_week: Generated<number>;
  night_hours_per_week: Generated<number>;
  locality: string;
  start_date: IsoDate;
  term_months: number;
  price_unit: Generated<PriceUnit>;
  justification: string | null;
  invite_condition: string | null;
  response_deadline: IsoDate | null;
  /** The deadline as an instant (migration 0032): a date's deadline is the end of that day in Europe/London. */
  response_deadline_at: Date | null;
  awarded_provider_id: string | null;
  awarded_on: IsoDate | null;
  award_note: string | null;
  cancelled_on: IsoDate | null;
  cancellation_reason: string | null;
  cancelled_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

/**
 * The columns of call_off the application role may read and update. Migration 0061's invited_provider_ids (who is
 * invited, kept by triggers for the policies) is not granted to it, so SELECT * is refused: name these.
 */
export const CALL_OFF_COLUMNS = [
  'authority_id', 'id', 'reference', 'procurement_id', 'lot_id', 'specification_version_id', 'method', 'status', 'scheme_name',
  'client_group', 'units', 'people', 'day_hours_per_week', 'night_hours_per_week', 'locality', 'start_date', 'term_months',
  'price_unit', 'justification', 'invite_condition', 'response_deadline', 'awarded_provider_id', 'awarded_on', 'award_note',
  'created_by', 'created_at', 'cancelled_on', 'cancellation_reason', 'cancelled_by', 'row_version', 'updated_at', 'updated_by',
  'response_deadline_at',
] as const satisfies readonly (keyof CallOffTable)[];

export interface CallOffCriterionTable {
  authority_id: string;
  id: Generated<string>;
  call_off_id: string;
  procurement_criterion_id: string;
  kind: 'quality' | 'price' | 'social_value';
  name: string;
  weight_percent: number;
  position: Generated<number>;
}

/** The columns of call_off_criterion the application role may read (not 0061's copy of the invited providers). */
export const CALL_OFF_CRITERION_COLUMNS = [
  'authority_id', 'id', 'call_off_id', 'procurement_criterion_id', 'kind', 'name', 'weight_percent', 'position',
] as const satisfies readonly (keyof CallOffCriterionTable)[];

export interface CallOffInvitationTable {
  authority_id: string;
  id: Generated<string>;
  call_off_id: string;
  provider_id: string;
  approved_list_entry_id: string;
  invited_on: IsoDate;
}

export interface CallOffResponseTable {
  authority_id: string;
  id: Generated<string>;
  call_off_id: string;
  provider_id: string;
  price_pence: number | null;
  received_on: IsoDate;
  note: string | null;
  /** Migration 0032: every version is kept (the latest seq per provider counts); stamped by the database. */
  seq: ColumnType<number, never, never>;
  source: ColumnType<'paper' | 'provider', 'paper' | 'provider' | undefined, never>;
  submitted_at: ColumnType<Date, never, never>;
  submitted_by: ColumnType<string | null, never, never>;
}

export interface CallOffScoreTable {
  authority_id: string;
  response_id: string;
  criterion_id: string;
  score: number;
  rationale: string | null;
}

export interface ContractTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  reference: string;
  title: string;
  provider_id: string;
  service_type: string;
  source: ContractSource;
  procurement_id: string | null;
  lot_id: string | null;
  call_off_id: string | null;
  start_date: IsoDate;
  initial_end_date: IsoDate;
  end_date: IsoDate;
  annual_value_pence: number;
  total_value_pence: number;
  provider_role: ProviderRole | null;
  status: Generated<ContractStatus>;
  responsible_officer: string | null;
  rates_reviewed_on: IsoDate | null;
  award_justification: string | null;
  legal_basis: string | null;
  decision_reference: string | null;
  decided_on: IsoDate | null;
  end_decision: EndDecision | null;
  end_decision_for: IsoDate | null;
  end_decision_reference: string | null;
  end_decided_on: IsoDate | null;
  end_decision_note: string | null;
  created_at: CreatedAt;
}

export interface ContractRateTable {
  authority_id: string;
  id: Generated<string>;
  contract_id: string;
  band: string;
  unit: RateUnit;
  rate_pence: number;
  effective_from: IsoDate;
}

export interface ContractExtensionOptionTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  contract_id: string;
  position: number;
  months: number;
  status: Generated<ExtensionOptionStatus>;
  decided_on: IsoDate | null;
  decision_reference: string | null;
  note: string | null;
}

export interface ContinuationBatchTable {
  authority_id: string;
  id: Generated<string>;
  common_end_date: IsoDate;
  justification: string;
  legal_basis: string;
  decision_reference: string;
  decided_on: IsoDate;
  total_annual_value_pence: number;
  total_extra_pence: number;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface ContractVariationTable {
  authority_id: string;
  id: Generated<string>;
  contract_id: string;
  kind: VariationKind;
  effective_on: IsoDate;
  previous_end_date: IsoDate | null;
  new_end_date: IsoDate | null;
  previous_annual_value_pence: number | null;
  new_annual_value_pence: number | null;
  value_change_pence: Generated<number>;
  justification: string;
  legal_basis: string;
  decision_reference: string;
  decided_on: IsoDate;
  batch_id: string | null;
  extension_option_id: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface PlacementTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  reference: string;
  contract_id: string | null;
  provider_id: string;
  service_type: string;
  complexity_band: string | null;
  locality: string | null;
  in_area: boolean;
  funding_route: FundingRoute;
  nhs_share_percent: number | null;
  start_date: IsoDate;
  end_date: IsoDate | null;
  weekly_cost_pence: number;
  weekly_hours: number | null;
  /** When the placement was asked for and when a provider was found (migration 0008; PLC-01). */
  requested_on: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>;
  sourced_on: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>;
  created_at: CreatedAt;
}

export interface BudgetTable extends Versioned {
  authority_id: string;
  id: Generated<string>;
  service_type: string;
  financial_year: number;
  amount_pence: number;
  note: string | null;
  updated_at: Stamped;
}

export interface BlockPaymentTable {
  authority_id: string;
  id: Generated<string>;
  service_type: string;
  financial_year: number;
  contract_id: string | null;
  description: string;
  amount_pence: number;
  due_on: IsoDate;
}

export interface ContractsDatabase {
  call_off: CallOffTable;
  call_off_criterion: CallOffCriterionTable;
  call_off_invitation: CallOffInvitationTable;
  call_off_response: CallOffResponseTable;
  call_off_score: CallOffScoreTable;
  contract: ContractTable;
  contract_rate: ContractRateTable;
  contract_extension_option: ContractExtensionOptionTable;
  continuation_batch: ContinuationBatchTable;
  contract_variation: ContractVariationTable;
  placement: PlacementTable;
  budget: BudgetTable;
  block_payment: BlockPaymentTable;
}

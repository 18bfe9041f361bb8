import type { ApplicationTable, EvaluationCriterionTable, GatewayQuestionTable, LotTable, ProcurementMilestoneTable, ProcurementTable, ReopeningTable } from './schema.ts';
import type { ProviderApplicationTable } from './schema-online-application.ts';

/**
 * The columns of the procurement family the application role may read. Migration 0064's copies (who applied, the
 * reopening windows, whether a provider sees the procurement: kept by triggers for the policies) are not granted to
 * it, so SELECT * is refused on these tables: name these.
 */
export const PROCUREMENT_COLUMNS = [
  'authority_id', 'id', 'partnership_id', 'reference', 'title', 'description', 'service_type', 'route', 'regime', 'status',
  'estimated_value_pence', 'system_term_months', 'minimum_use_months', 'specification_id', 'specification_version_id', 'scale_max',
  'scale_descriptors', 'quality_threshold_percent', 'created_at', 'row_version', 'updated_at', 'updated_by',
] as const satisfies readonly (keyof ProcurementTable)[];

const CHILD = ['authority_id', 'id', 'partnership_id', 'procurement_id'] as const;
const STAMPS = ['row_version', 'updated_at', 'updated_by'] as const;

export const LOT_COLUMNS = [
  ...CHILD, 'number', 'name', 'basis', 'description', 'estimated_volume', 'volume_unit', 'expected_providers', ...STAMPS,
] as const satisfies readonly (keyof LotTable)[];

export const EVALUATION_CRITERION_COLUMNS = [
  ...CHILD, 'kind', 'name', 'guidance', 'weight_percent', 'position', ...STAMPS,
] as const satisfies readonly (keyof EvaluationCriterionTable)[];

export const GATEWAY_QUESTION_COLUMNS = [...CHILD, 'question', 'guidance', 'position'] as const satisfies readonly (keyof GatewayQuestionTable)[];

export const REOPENING_COLUMNS = [...CHILD, 'opens_on', 'closes_on', 'reason'] as const satisfies readonly (keyof ReopeningTable)[];

export const PROCUREMENT_MILESTONE_COLUMNS = [
  ...CHILD, 'name', 'position', 'planned_start', 'planned_end', 'actual_start', 'actual_end',
] as const satisfies readonly (keyof ProcurementMilestoneTable)[];

export const APPLICATION_COLUMNS = [
  'authority_id', 'id', 'procurement_id', 'provider_id', 'reopening_id', 'received_on', 'bid_price_pence', 'status', 'outcome_reason',
  'decided_on', 'submitted_at', ...STAMPS,
] as const satisfies readonly (keyof ApplicationTable)[];

export const PROVIDER_APPLICATION_COLUMNS = [
  'authority_id', 'id', 'procurement_id', 'provider_id', 'lot_ids', 'gateway_answers', 'quality_answers', 'lot_prices', 'document_ids',
  'snapshot', 'submitted_at', 'application_id', 'created_at', ...STAMPS,
] as const satisfies readonly (keyof ProviderApplicationTable)[];

import type { ColumnType, Generated } from 'kysely';
import type { VersionedStamped } from './schema-versions.ts';

/**
 * Kysely types for migration 0004 (issue 5): shared cost models, fair-cost exercises, actual and shared rates. Dates are ISO strings; jsonb parameters are written as JSON text and read as objects.
 */
type IsoDate = string;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type CostModelKind = 'home_care' | 'supported_living' | 'shared_lives' | 'extra_care';
export type CostModelServiceType = CostModelKind;
export type CostModelRateUnit = 'hour' | 'week' | 'night';

export interface CostModelTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  name: string;
  kind: CostModelKind;
  description: string | null;
  created_at: CreatedAt;
}

export interface CostModelVersionTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  cost_model_id: string;
  version: number;
  effective_from: IsoDate;
  status: Generated<'draft' | 'published'>;
  /** Validated by the domain's schema for the model's kind before it is written. */
  parameters: ColumnType<unknown, string, string>;
  change_note: string | null;
  created_at: CreatedAt;
  published_at: Timestamp | null;
  published_by: string | null;
}

export interface FairCostExerciseTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  name: string;
  service_type: CostModelServiceType;
  band: string;
  unit: CostModelRateUnit;
  held_on: IsoDate;
  created_at: CreatedAt;
}

export interface FairCostSubmissionTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  exercise_id: string;
  provider_label: string;
  pence_per_unit: number;
}

/** Versioned from migration 0046 (rate.set replaces a rate). */
export interface ActualRateTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  service_type: CostModelServiceType;
  band: string;
  unit: CostModelRateUnit;
  rate_pence: number;
  effective_from: IsoDate;
  note: string | null;
  created_at: CreatedAt;
}

export interface SharedRateTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  service_type: CostModelServiceType;
  band: string;
  unit: CostModelRateUnit;
  rate_pence: number;
  effective_from: IsoDate;
  source: 'entered' | 'contract';
  shared_at: ColumnType<Date, Date | string | undefined, Date | string>;
  shared_by: string | null;
}

export interface CostModelDatabase {
  cost_model: CostModelTable;
  cost_model_version: CostModelVersionTable;
  fair_cost_exercise: FairCostExerciseTable;
  fair_cost_submission: FairCostSubmissionTable;
  actual_rate: ActualRateTable;
  shared_rate: SharedRateTable;
}

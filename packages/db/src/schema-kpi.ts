import type { KpiDerivation } from '@concord/domain';
import type { ColumnType, Generated } from 'kysely';
import type { VersionedStamped } from './schema-versions.ts';

/** Standard KPIs, returns, benchmarking and network meetings (migration 0006). Dates are ISO strings. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type BenchmarkConsentMode = 'named' | 'anonymised';
export type KpiUnit = 'count' | 'percent' | 'pence' | 'hours' | 'rate_per_100k';
export type KpiDirectionColumn = 'higher_better' | 'lower_better' | 'neither';
export type KpiFrequency = 'monthly' | 'quarterly' | 'annual';
export type KpiSource = 'manual' | 'placements' | 'contracts' | 'rates';
/** The rules a derived KPI can name (migration 0008), as the domain defines them. */
export type { KpiDerivation };
/** Stored statuses; 'due' and 'missing' are computed for periods with no return yet. */
export type KpiReturnStatus = 'submitted' | 'late' | 'queried' | 'accepted';
export type MeetingActionStatus = 'open' | 'done' | 'dropped';

export interface BenchmarkConsentTable {
  authority_id: string;
  partnership_id: string;
  mode: BenchmarkConsentMode;
  updated_at: Timestamp;
}

export interface KpiDefinitionTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  code: string;
  version: number;
  name: string;
  definition: string;
  numerator_definition: string | null;
  denominator_definition: string | null;
  unit: KpiUnit;
  direction: KpiDirectionColumn;
  frequency: KpiFrequency;
  population_age_band: string | null;
  target: number | null;
  red_threshold: number | null;
  source: KpiSource;
  /** The rule that works the KPI out from the authority's records (migration 0008); null when typed in. */
  derivation: ColumnType<KpiDerivation | null, KpiDerivation | null | undefined, KpiDerivation | null>;
  counts_people: ColumnType<boolean, boolean | undefined, boolean>;
  per_contract: ColumnType<boolean, boolean | undefined, boolean>;
  service_type: string | null;
  first_period: string;
  retired: ColumnType<boolean, boolean | undefined, boolean>;
  change_note: string | null;
  created_at: CreatedAt;
}

export interface KpiReturnTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  kpi_id: string;
  kpi_code: string;
  period_start: string;
  period_end: string;
  due_on: string;
  contract_ref: ColumnType<string, string | undefined, string>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  status: KpiReturnStatus;
  submitted_at: Timestamp;
}

export interface BenchmarkFigureTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  kpi_id: string;
  kpi_code: string;
  period_start: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  published_at: Timestamp;
}

export interface NetworkMeetingTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  held_on: string;
  title: string;
  agenda: ColumnType<string, string | undefined, string>;
  attending: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface MeetingActionTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  meeting_id: string;
  owner_authority_id: string;
  description: string;
  due_on: string;
  status: ColumnType<MeetingActionStatus, MeetingActionStatus | undefined, MeetingActionStatus>;
  created_at: CreatedAt;
}

export interface BenchmarkPackTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  meeting_id: string;
  title: string;
  kpi_codes: string[];
  periods: string[];
  issued_at: Timestamp;
}

export interface BenchmarkPackViewTable {
  authority_id: string;
  partnership_id: string;
  pack_id: string;
  viewer_authority_id: string;
  snapshot: ColumnType<unknown, string, string>;
}

export interface KpiDatabase {
  benchmark_consent: BenchmarkConsentTable;
  kpi_definition: KpiDefinitionTable;
  kpi_return: KpiReturnTable;
  benchmark_figure: BenchmarkFigureTable;
  network_meeting: NetworkMeetingTable;
  meeting_action: MeetingActionTable;
  benchmark_pack: BenchmarkPackTable;
  benchmark_pack_view: BenchmarkPackViewTable;
}

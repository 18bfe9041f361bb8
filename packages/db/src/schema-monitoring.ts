import type { ColumnType, Generated } from 'kysely';

type IsoDate = string;

export type MonitoringReturnStatus = 'draft' | 'submitted' | 'accepted' | 'queried';

/** Kysely types for migration 0033 (issue 11, item 5): a provider's monitoring return for a period of a contract. */
export interface ProviderMonitoringReturnTable {
  authority_id: string;
  id: Generated<string>;
  provider_id: string;
  contract_id: string;
  period_start: IsoDate;
  period_end: IsoDate;
  hours_delivered: number;
  missed_visits: number;
  late_visits: number;
  /** numeric(4,1): read as a string. */
  staff_turnover_percent: ColumnType<string, number, number>;
  complaints: number;
  status: MonitoringReturnStatus;
  query_reason: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  row_version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface MonitoringDatabase {
  provider_monitoring_return: ProviderMonitoringReturnTable;
}

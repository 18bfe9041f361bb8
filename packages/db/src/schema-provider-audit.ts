import type { ColumnType, Generated } from 'kysely';
import type { AuditOutcome } from './schema.ts';

/**
 * A provider organisation's own audit trail (migration 0038): written only through record_audit_event, for the
 * organisation and person the transaction acts as; read by the organisation's provider administrators.
 */
export interface ProviderAuditEventTable {
  provider_id: string;
  id: Generated<string>;
  user_id: string | null;
  procedure: string;
  target: string | null;
  outcome: AuditOutcome;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
  request_id: string;
  /** "Name (email)" of who acted, at the time. */
  actor: string | null;
}

export interface ProviderAuditDatabase {
  provider_audit_event: ProviderAuditEventTable;
}

import type { ColumnType, Generated } from 'kysely';

/** The roles a person holds in a provider organisation (migration 0026). */
export type ProviderUserRole = 'provider_admin' | 'bid_writer' | 'contract_manager';

export interface ProviderMembershipTable {
  provider_id: string;
  user_id: string;
  role: ProviderUserRole;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A message in the inbox of an authority (authority_id) or of a provider organisation (provider_id). */
export interface MessageTable {
  id: Generated<string>;
  authority_id: string | null;
  provider_id: string | null;
  from_authority_id: string | null;
  from_provider_id: string | null;
  kind: string;
  subject: string;
  body: string;
  /** A path inside the service the message is about, e.g. "/calls-off/…". */
  link: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  read_at: ColumnType<Date | null, never, Date | string | null>;
  emailed_at: ColumnType<Date | null, never, never>;
}

export interface ProviderIdempotencyKeyTable {
  provider_id: string;
  key: string;
  procedure: string;
  user_id: string | null;
  result: unknown;
  created_at: ColumnType<Date, never, never>;
}

export interface ProviderTenancyDatabase {
  provider_membership: ProviderMembershipTable;
  message: MessageTable;
  provider_idempotency_key: ProviderIdempotencyKeyTable;
}

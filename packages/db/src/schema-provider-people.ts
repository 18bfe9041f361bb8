import type { ColumnType, Generated } from 'kysely';
import type { ProviderUserRole } from './schema-provider-tenancy.ts';

/** A single-use invitation to join a provider organisation with roles (migration 0029). token_hash is write-only for the app. */
export interface ProviderPersonLinkTable {
  provider_id: string;
  id: Generated<string>;
  email: string;
  roles: ColumnType<ProviderUserRole[], ProviderUserRole[], never>;
  token_hash: ColumnType<never, string, never>;
  created_by: string;
  created_at: ColumnType<Date, Date | string, never>;
  expires_at: ColumnType<Date, Date | string, never>;
  used_at: ColumnType<Date | null, never, never>;
  cancelled_at: ColumnType<Date | null, never, Date | string>;
}

export interface ProviderPeopleDatabase {
  provider_person_link: ProviderPersonLinkTable;
}

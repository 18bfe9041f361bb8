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
  provider_claim: ProviderClaimTable;
}

/** A person's claim to a register entry a council made (migration 0029), decided once by an authority. */
export interface ProviderClaimTable {
  id: Generated<string>;
  provider_id: string;
  user_id: string;
  claimant_name: string;
  claimant_email: string;
  legal_name: string;
  companies_house_number: string | null;
  cqc_provider_id: string | null;
  registered_address: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  status: ColumnType<'pending' | 'confirmed' | 'refused', never, 'confirmed' | 'refused'>;
  decided_by_authority_id: ColumnType<string | null, never, string>;
  decided_at: ColumnType<Date | null, never, Date>;
  reason: ColumnType<string | null, never, string | null>;
  created_at: ColumnType<Date, never, never>;
}

import type { ColumnType, Generated } from 'kysely';

/** A timestamp the database fills; read back as a Date. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type AuthorityKind = 'county' | 'unitary' | 'metropolitan_district' | 'london_borough' | 'nhs_body';
export type AuthorityRole = 'commissioner' | 'contract_officer' | 'finance' | 'viewer';
export type PartnershipRole = 'lead_commissioner' | 'network_member';
export type PartnershipKind = 'joint_commissioning' | 'regional_network';

export interface AuthorityTable {
  id: string; // GSS code
  name: string;
  kind: AuthorityKind;
  region: string;
  created_at: CreatedAt;
}

export interface AuthorityPopulationTable {
  authority_id: string;
  year: number;
  age_band: string; // 'all', '18+', '65+', '75+' …
  population: number;
  source: string;
}

export interface PartnershipTable {
  id: Generated<string>;
  name: string;
  kind: PartnershipKind;
  lead_authority_id: string;
  created_at: CreatedAt;
}

export interface PartnershipMemberTable {
  authority_id: string;
  partnership_id: string;
  joined_on: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  is_platform_admin: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface MembershipTable {
  authority_id: string;
  user_id: string;
  role: AuthorityRole;
}

export interface PartnershipRoleTable {
  authority_id: string;
  partnership_id: string;
  user_id: string;
  role: PartnershipRole;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  authority_id: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  user_agent: string | null;
  ip_address: string | null;
}

export interface SignInAttemptTable {
  id: Generated<string>;
  email: string;
  ip_address: string;
  succeeded: boolean;
  attempted_at: CreatedAt;
}

export interface AuditEventTable {
  authority_id: string;
  id: Generated<string>;
  user_id: string | null;
  procedure: string;
  target: string | null;
  outcome: 'success' | 'denied';
  occurred_at: CreatedAt;
  request_id: string;
}

export interface Database {
  authority: AuthorityTable;
  authority_population: AuthorityPopulationTable;
  partnership: PartnershipTable;
  partnership_member: PartnershipMemberTable;
  app_user: AppUserTable;
  membership: MembershipTable;
  partnership_role: PartnershipRoleTable;
  session: SessionTable;
  sign_in_attempt: SignInAttemptTable;
  audit_event: AuditEventTable;
}

import type { ColumnType, Generated } from 'kysely';
import type { AuthorityRole } from './schema.ts';
import type { VersionedStamped } from './schema-versions.ts';

/**
 * A single-use link for a person (migration 0019): an invitation to an authority with roles, or a password
 * reset for one account. Only the SHA-256 of the token is stored; the application role cannot read it and
 * redeems a link only through check_person_link and redeem_person_link.
 */
export interface PersonLinkTable {
  authority_id: string;
  id: Generated<string>;
  purpose: 'invitation' | 'reset';
  email: string;
  roles: ColumnType<AuthorityRole[], AuthorityRole[] | undefined, never>;
  user_id: string | null;
  token_hash: ColumnType<never, string, never>;
  created_by: string;
  created_at: ColumnType<Date, Date | string, never>;
  expires_at: ColumnType<Date, Date | string, never>;
  used_at: ColumnType<Date | null, never, never>;
  cancelled_at: ColumnType<Date | null, never, Date | string>;
}

/** The version of a person's set of roles in an authority (migration 0047): without a row, version 1. */
export interface MembershipVersionTable extends VersionedStamped {
  authority_id: string;
  user_id: string;
}

export interface PeopleDatabase {
  person_link: PersonLinkTable;
  membership_version: MembershipVersionTable;
}

import type { ColumnType, Generated } from 'kysely';

type Changeable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A personal API token for BI tools (migration 0009): only its SHA-256 is stored; only the two times change. */
export interface ApiTokenTable {
  authority_id: string;
  id: Generated<string>;
  user_id: string;
  label: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  last_used_at: Changeable;
  expires_at: ColumnType<Date, Date | string, never>;
  revoked_at: Changeable;
}

export interface ApiTokenDatabase {
  api_token: ApiTokenTable;
}

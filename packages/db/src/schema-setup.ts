import type { ColumnType, Generated } from 'kysely';

/**
 * A single-use link that creates a platform administrator (migration 0017): only its SHA-256 is stored.
 * The application reaches it only through the migration's functions; `admin:create` writes it as the
 * migration role.
 */
export interface SetupTokenTable {
  id: Generated<string>;
  token_hash: string;
  purpose: 'first_run' | 'admin_create';
  email: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: ColumnType<Date, Date | string, never>;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  user_id: string | null;
}

export interface SetupDatabase {
  setup_token: SetupTokenTable;
}

import type { ColumnType } from 'kysely';

/** Two-step verification of one person (migration 0020): the TOTP secret, the last step used, hashed recovery codes, a pending sign-in. */
export interface TwoStepTable {
  user_id: string;
  secret: string;
  created_at: ColumnType<Date, Date | string, Date | string>;
  enabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_used_step: number | null;
  recovery_code_hashes: ColumnType<string[], string[] | undefined, string[]>;
  challenge_hash: string | null;
  challenge_ip: string | null;
  challenge_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface TwoStepDatabase {
  two_step: TwoStepTable;
}

import type { ColumnType, Generated } from 'kysely';

/** Kept by the database on every insert and update (migration 0014): never written by the application. */
export interface Versioned {
  row_version: ColumnType<number, never, never>;
  updated_by: ColumnType<string | null, never, never>;
}

/** Versioned, on a table that had no updated_at of its own before migration 0014. */
export interface VersionedStamped extends Versioned {
  updated_at: ColumnType<Date, never, never>;
}

export interface IdempotencyKeyTable {
  authority_id: string;
  key: string;
  procedure: string;
  user_id: string | null;
  result: ColumnType<unknown, string | null, string | null>;
  created_at: Generated<Date>;
}

export interface IdempotencyDatabase {
  idempotency_key: IdempotencyKeyTable;
}

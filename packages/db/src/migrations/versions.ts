import { sql, type Kysely } from 'kysely';

/** Whether this database is a Citus coordinator (the citus extension is in it). */
export async function hasCitus(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  return rows[0]?.citus ?? false;
}

/**
 * Gives a table people edit a version (issue 12, item 4), kept by 0014's stamp_row_version trigger like every other:
 * row_version (from `initial`), updated_at (if it has none yet) and updated_by, with a foreign key to app_user unless
 * the table is distributed on Citus, which allows none from a distributed table to app_user (the trigger writes only
 * the transaction's own user there).
 *
 * Citus-safe: the constraints are added apart from the columns (Citus takes none in an ADD COLUMN on a distributed
 * table), named as PostgreSQL would have named them, and the trigger is allowed on a distributed table (it runs on the
 * shard it fires on and reads nothing else, as 0040 allowed for budget).
 */
export async function addRowVersion(db: Kysely<any>, table: string, options: { initial?: number; userForeignKey?: boolean } = {}): Promise<void> {
  const { initial = 1, userForeignKey = true } = options;
  if (await hasCitus(db)) await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  await sql`
    ALTER TABLE ${sql.id(table)}
      ADD COLUMN row_version integer NOT NULL DEFAULT ${sql.lit(initial)},
      ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by uuid`.execute(db);
  await sql`ALTER TABLE ${sql.id(table)} ADD CONSTRAINT ${sql.id(`${table}_row_version_check`)} CHECK (row_version >= 1)`.execute(db);
  if (userForeignKey) {
    await sql`ALTER TABLE ${sql.id(table)} ADD CONSTRAINT ${sql.id(`${table}_updated_by_fkey`)} FOREIGN KEY (updated_by) REFERENCES app_user(id)`.execute(db);
  }
  await stampRowVersion(db, table);
}

/** The row-version trigger on a table that already has row_version, updated_at and updated_by. */
export async function stampRowVersion(db: Kysely<any>, table: string): Promise<void> {
  await sql`
    CREATE TRIGGER ${sql.id(`${table}_row_version`)} BEFORE INSERT OR UPDATE ON ${sql.id(table)}
    FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
}

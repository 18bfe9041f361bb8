import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.ts';

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * True when exactly the migrations this code knows have been applied. The migrator itself finds that out
 * too, but first introspects every table and column to see whether its own tables exist (about 0.7 s on
 * embedded PGlite at every start); one read of the names answers the usual case. Anything else (a new
 * database, a pending migration, one this code does not know) goes to the migrator as before.
 */
async function upToDate(db: Kysely<any>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    const known = Object.keys(migrations);
    return applied.size === known.length && known.every((name) => applied.has(name));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return false; // undefined_table: never migrated
    throw error;
  }
}

/** Applies every pending migration in one go; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await upToDate(db)) return [];
  const { error, results }: MigrationResultSet = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}

export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * The migrations not yet applied, asked as the application's login role: it may not read kysely's own table,
 * so it asks `concord_applied_migrations()` (migration 0016), which returns only the names. A database
 * migrated by a version older than that function has every migration from 0016 on pending, at least.
 */
export async function pendingMigrationsForApp(db: Kysely<any>): Promise<string[]> {
  let applied: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM concord_applied_migrations() AS name`.execute(db);
    applied = new Set(rows.map((r) => r.name));
  } catch (error) {
    if ((error as { code?: string }).code !== '42883') throw error; // undefined_function: older schema
    applied = new Set();
  }
  return Object.keys(migrations).filter((name) => !applied.has(name));
}

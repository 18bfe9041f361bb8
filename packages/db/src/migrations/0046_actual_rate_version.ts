import { sql, type Kysely } from 'kysely';

/**
 * An entered rate (actual_rate, what an authority pays where no contract holds it) gets a version (issue 12, item 4),
 * kept by 0014's stamp_row_version trigger like every other record people edit: rate.set replaces the rate for a
 * service, band, unit and date, and a save from a form that saw another version (or none, when one was recorded
 * meanwhile) is refused with CONFLICT naming who changed it and when.
 *
 * No foreign key on updated_by: actual_rate is distributed on Citus (0040), which allows none to app_user; the trigger
 * writes only the transaction's own user there. On Citus the trigger runs on the shard it fires on and reads nothing
 * else, as 0040 allowed for budget.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  if (rows[0]?.citus) await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  // On Citus a column added to a distributed table takes no constraint in the same command: the CHECK comes after,
  // named as PostgreSQL would have named it.
  await sql`
    ALTER TABLE actual_rate
      ADD COLUMN row_version integer NOT NULL DEFAULT 1,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by uuid`.execute(db);
  await sql`ALTER TABLE actual_rate ADD CONSTRAINT actual_rate_row_version_check CHECK (row_version >= 1)`.execute(db);
  await sql`
    CREATE TRIGGER actual_rate_row_version BEFORE INSERT OR UPDATE ON actual_rate
    FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
}

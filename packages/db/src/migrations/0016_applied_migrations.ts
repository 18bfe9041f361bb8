import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from '../roles.ts';

/**
 * The server, connected as the application's login role, checks at start that no migration is pending. It
 * has no privilege on kysely's bookkeeping table (nor should it), so it asks this function, which runs as
 * the schema's owner and returns only the names of the migrations applied (issue 12: the README's
 * "Running on PostgreSQL" failed with "permission denied for table kysely_migration").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_applied_migrations() RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS 'SELECT name::text FROM kysely_migration ORDER BY name'`.execute(db);
  await sql`REVOKE ALL ON FUNCTION concord_applied_migrations() FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION concord_applied_migrations() TO ${sql.id(APP_ROLE)}`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * Housekeeping: records kept only as long as they serve their purpose, removed by concord_housekeeping(at), which the
 * server runs every hour and the CLI's `housekeeping` runs for cron. Nothing else deletes them: the application role
 * may not (see 0001 and 0013).
 *
 *   sign_in_throttle  a counter quiet for 7 days (its window began, and any pause ended, more than 7 days ago). The
 *                     strikes an address's counter remembers (its back-off doubling) are forgotten with it: a week of
 *                     quiet forgives an address. Without this every address ever seen keeps a row for ever.
 *   sign_in_attempt   the record of each password check, kept 13 months (a year's look back, and a month to act on it).
 *   session           a session ended (revoked or past its absolute expiry) more than 90 days ago. The people's own
 *                     "Your sessions" page lists live ones only; the audit log keeps sign-ins and sign-outs.
 *
 * The function runs as the owner role (SECURITY DEFINER), which row-level security still binds: the owner policies
 * below let it see and delete rows of these tables only while app.housekeeping is 'on', which only it sets, for its
 * own statements (the app role may set it too, but the policies name the owner role, which it becomes only inside
 * this function). It returns how many rows of each it removed.
 */
const OWNER = sql.id(OWNER_ROLE);
const HOUSEKEEPING = `current_setting('app.housekeeping', true) = 'on'`;
export const HOUSEKEPT = ['sign_in_throttle', 'sign_in_attempt', 'session'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // A DELETE with a WHERE reads the rows too: SELECT and DELETE, nothing else.
  for (const table of HOUSEKEPT) {
    for (const command of ['SELECT', 'DELETE']) {
      await sql`CREATE POLICY ${sql.id(`${table}_housekeeping_${command.toLowerCase()}`)} ON ${sql.id(table)} FOR ${sql.raw(command)} TO ${OWNER} USING (${sql.raw(HOUSEKEEPING)})`.execute(db);
    }
  }
  // The sweep of sessions reads by when they ended: an index, so it never scans every session ever opened.
  await sql`CREATE INDEX session_ended_idx ON session ((coalesce(revoked_at, expires_at)))`.execute(db);
  await sql`CREATE INDEX sign_in_throttle_quiet_idx ON sign_in_throttle ((greatest(window_start, locked_until)))`.execute(db);
  await sql`CREATE INDEX sign_in_attempt_attempted_idx ON sign_in_attempt (attempted_at)`.execute(db);
  await sql`
    CREATE FUNCTION concord_housekeeping(p_at timestamptz)
      RETURNS TABLE (record text, removed integer)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      v_at timestamptz := coalesce(p_at, transaction_timestamp());
      n integer;
    BEGIN
      PERFORM set_config('app.housekeeping', 'on', true);
      DELETE FROM sign_in_throttle WHERE greatest(window_start, locked_until) < v_at - interval '7 days';
      GET DIAGNOSTICS n = ROW_COUNT; record := 'sign_in_throttle'; removed := n; RETURN NEXT;
      DELETE FROM sign_in_attempt WHERE attempted_at < v_at - interval '13 months';
      GET DIAGNOSTICS n = ROW_COUNT; record := 'sign_in_attempt'; removed := n; RETURN NEXT;
      DELETE FROM session WHERE coalesce(revoked_at, expires_at) < v_at - interval '90 days';
      GET DIAGNOSTICS n = ROW_COUNT; record := 'session'; removed := n; RETURN NEXT;
      PERFORM set_config('app.housekeeping', '', true);
    END $$`.execute(db);
  const signature = 'concord_housekeeping(timestamptz)';
  await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { grant } from './rls.ts';

/**
 * Sign-ins remembered at an address (issue 12, item 3). An account's counter at an address keeps when a right
 * password was last given there (`last_success_at`, the application may set it), so a person who signed in there
 * in the last 90 days is held by their own counter and not by the address's pause: unknown emails sprayed from a
 * council's one shared address no longer lock its staff out (REMEMBERED_SIGN_IN_DAYS in @concord/domain).
 *
 * Housekeeping (0045) removed a counter quiet for 7 days; now one that remembers a sign-in in the last 90 days
 * stays until then, so the memory is neither lost after a week nor kept for ever.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sign_in_throttle ADD COLUMN last_success_at timestamptz`.execute(db);
  await sql`ALTER TABLE sign_in_throttle ADD CONSTRAINT sign_in_throttle_success_of_an_account CHECK (last_success_at IS NULL OR scope = 'account_address')`.execute(db);
  await grant(db, 'sign_in_throttle', 'UPDATE (last_success_at)');
  await sql`
    CREATE OR REPLACE FUNCTION concord_housekeeping(p_at timestamptz)
      RETURNS TABLE (record text, removed integer)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      v_at timestamptz := coalesce(p_at, transaction_timestamp());
      n integer;
    BEGIN
      PERFORM set_config('app.housekeeping', 'on', true);
      DELETE FROM sign_in_throttle WHERE greatest(window_start, locked_until) < v_at - interval '7 days'
        AND (last_success_at IS NULL OR last_success_at < v_at - interval '90 days');
      GET DIAGNOSTICS n = ROW_COUNT; record := 'sign_in_throttle'; removed := n; RETURN NEXT;
      DELETE FROM sign_in_attempt WHERE attempted_at < v_at - interval '13 months';
      GET DIAGNOSTICS n = ROW_COUNT; record := 'sign_in_attempt'; removed := n; RETURN NEXT;
      DELETE FROM session WHERE coalesce(revoked_at, expires_at) < v_at - interval '90 days';
      GET DIAGNOSTICS n = ROW_COUNT; record := 'session'; removed := n; RETURN NEXT;
      PERFORM set_config('app.housekeeping', '', true);
    END $$`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * Who a request acts as, in one statement (issue 14, item 2). Before, resolving the session cookie took a
 * transaction of its own with eight statements (role, settings, the session, settings again, the person, …) and
 * the procedure's transaction three more (settings, partnerships, roles).
 *
 *   concord_request_identity(token hash, now, idle seconds, absolute seconds, touch after seconds)
 *     The session with that token hash if it is live (not revoked, used within the idle limit, younger than the
 *     absolute limit), of a person not deactivated: the session, the person, the authority it acts for, whether
 *     it must enrol in two-step verification first, the person's roles there and the partnerships the authority
 *     is a current member of (not one it has left). Marks the session used when it was last used `touch after`
 *     seconds ago or more. Nothing for any other token.
 *
 * It runs as the owner role (SECURITY DEFINER), which row-level security still binds: it first puts the token
 * hash, the person and the authority in the transaction's settings, and the owner policies below reach only the
 * session of that token hash and that authority's memberships of partnerships (the person's own row and
 * memberships are already open to it through migrations 0015 and 0022).
 */
const OWNER = sql.id(OWNER_ROLE);
const SIGNATURE = 'concord_request_identity(text, timestamptz, integer, integer, integer)';

export async function up(db: Kysely<any>): Promise<void> {
  const thisSession = `token_hash = nullif(current_setting('app.session_token_hash', true), '')`;
  await sql`CREATE POLICY session_of_request_select ON session FOR SELECT TO ${OWNER} USING (${sql.raw(thisSession)})`.execute(db);
  await sql`CREATE POLICY session_of_request_update ON session FOR UPDATE TO ${OWNER} USING (${sql.raw(thisSession)}) WITH CHECK (${sql.raw(thisSession)})`.execute(db);
  await sql`CREATE POLICY partnership_member_of_request ON partnership_member FOR SELECT TO ${OWNER}
    USING (authority_id = current_setting('app.authority_id', true))`.execute(db);

  await sql`
    CREATE FUNCTION concord_request_identity(p_token_hash text, p_now timestamptz, p_idle_seconds integer, p_absolute_seconds integer,
        p_touch_after_seconds integer)
      RETURNS TABLE (session_id uuid, person_id uuid, email text, display_name text, is_platform_admin boolean, acts_for text,
        two_step_pending boolean, roles text[], partnership_ids text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      s record;
    BEGIN
      PERFORM set_config('app.session_token_hash', p_token_hash, true);
      SELECT x.id, x.user_id, x.authority_id, x.last_seen_at, x.two_step_pending INTO s FROM session x
        WHERE x.token_hash = p_token_hash AND x.revoked_at IS NULL
          AND x.created_at > p_now - make_interval(secs => p_absolute_seconds)
          AND x.last_seen_at > p_now - make_interval(secs => p_idle_seconds);
      IF NOT FOUND THEN
        RETURN;
      END IF;
      PERFORM set_config('app.user_id', s.user_id::text, true);
      PERFORM set_config('app.authority_id', coalesce(s.authority_id, ''), true);
      IF p_now - s.last_seen_at >= make_interval(secs => p_touch_after_seconds) THEN
        UPDATE session SET last_seen_at = p_now WHERE id = s.id;
      END IF;
      RETURN QUERY
        SELECT s.id, u.id, u.email, u.display_name, u.is_platform_admin, s.authority_id, s.two_step_pending,
          coalesce(ARRAY(SELECT m.role FROM membership m WHERE m.user_id = u.id AND m.authority_id = s.authority_id ORDER BY m.role), '{}'),
          coalesce((SELECT string_agg(pm.partnership_id::text, ',' ORDER BY pm.partnership_id) FROM partnership_member pm
            WHERE pm.authority_id = s.authority_id AND (pm.left_on IS NULL OR pm.left_on > current_date)), '')
        FROM app_user u WHERE u.id = s.user_id AND u.disabled_at IS NULL;
    END $$`.execute(db);
  await sql`ALTER FUNCTION ${sql.raw(SIGNATURE)} OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(SIGNATURE)} FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(SIGNATURE)} TO ${sql.id(APP_ROLE)}`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { policy } from './rls.ts';

/**
 * Two-step verification required, and "Forgot your password?" (issue 10, items 3 and 5).
 *
 *   session.two_step_pending   set when the session is opened for someone who must use two-step verification
 *                              (every platform administrator; everyone of an authority that requires it) and
 *                              has not enrolled: such a session may only enrol (the API refuses everything else).
 *                              Cleared on the person's sessions when they enrol. Read with the session row, so a
 *                              request costs no extra statement.
 *   authority.two_step_required  an authority administrator requires two-step verification of their authority's
 *                              people (from their next sign-in). Versioned with the row (migration 0014's trigger).
 *                              Only that authority's administrators may change it, and they may change nothing
 *                              else of the row (a trigger: the platform administrator's columns stay theirs).
 *   people_with_two_step()     the people of the caller's authority who have two-step verification on, for an
 *                              authority administrator only (the two_step rows, secrets and all, stay private to
 *                              each person: the function returns user ids alone).
 *   issue_forgotten_password_link(email, token hash, now, expires)
 *                              "Forgot your password?": for an active, non-platform account with that email and
 *                              a membership, stores a reset link (purpose 'reset', as an administrator's) in its
 *                              first authority and returns that authority and the user; otherwise nothing.
 * Both functions run as the owner role (SECURITY DEFINER), whose policies below reach only what they name.
 */
const OWNER = sql.id(OWNER_ROLE);
const setting = (name: string) => `nullif(current_setting('app.${name}', true), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE session ADD COLUMN two_step_pending boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE authority ADD COLUMN two_step_required boolean NOT NULL DEFAULT false`.execute(db);

  const adminHere = `id = current_setting('app.authority_id', true) AND app_is_authority_admin()`;
  await policy(db, 'authority', 'authority_two_step_set_by_its_admin', 'UPDATE', { using: adminHere, check: adminHere });
  await sql`GRANT UPDATE (two_step_required) ON authority TO ${sql.id(APP_ROLE)}`.execute(db);
  // Policies add up: keep each kind of administrator to their own columns.
  await sql`
    CREATE FUNCTION guard_authority_columns() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- The migration and seed connection (not the application role) is not held to this.
      IF current_user <> ${sql.lit(APP_ROLE)} THEN
        RETURN NEW;
      END IF;
      IF NEW.two_step_required IS DISTINCT FROM OLD.two_step_required
        AND NOT coalesce(OLD.id = current_setting('app.authority_id', true) AND app_is_authority_admin(), false) THEN
        RAISE EXCEPTION 'only the authority''s administrators may require two-step verification' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (NEW.name, NEW.region, NEW.active) IS DISTINCT FROM (OLD.name, OLD.region, OLD.active) AND NOT coalesce(app_is_platform_admin(), false) THEN
        RAISE EXCEPTION 'only a platform administrator may rename an authority or mark it inactive' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER authority_column_guard BEFORE UPDATE ON authority FOR EACH ROW EXECUTE FUNCTION guard_authority_columns()`.execute(db);

  // The owner, inside the two functions: the caller's own memberships (so app_is_authority_admin() answers),
  // the forgotten password's account's, and the memberships and enrolments of the authority asked about.
  // The authority's own only while people_with_two_step() has said so (app.two_step_status), after its check.
  const statusAuthority = `authority_id = current_setting('app.authority_id', true) AND ${setting('two_step_status')} = 'on'`;
  await sql`CREATE POLICY membership_for_two_step_functions ON membership FOR SELECT TO ${OWNER} USING (
    user_id = app_user_id() OR user_id = ${sql.raw(setting('person_link_user'))}::uuid OR (${sql.raw(statusAuthority)}))`.execute(db);
  await sql`CREATE POLICY two_step_enrolled_of_authority ON two_step FOR SELECT TO ${OWNER} USING (
    user_id IN (SELECT m.user_id FROM membership m WHERE m.${sql.raw(statusAuthority)}))`.execute(db);

  await sql`
    CREATE FUNCTION people_with_two_step() RETURNS SETOF uuid
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF NOT app_is_authority_admin() THEN
        RETURN;
      END IF;
      PERFORM set_config('app.two_step_status', 'on', true);
      RETURN QUERY SELECT t.user_id FROM two_step t WHERE t.enabled_at IS NOT NULL
        AND t.user_id IN (SELECT m.user_id FROM membership m WHERE m.authority_id = current_setting('app.authority_id', true));
      PERFORM set_config('app.two_step_status', '', true);
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION issue_forgotten_password_link(p_email text, p_token_hash text, p_now timestamptz, p_expires timestamptz,
        OUT authority_id text, OUT user_id uuid)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      found_user uuid;
      found_authority text;
    BEGIN
      PERFORM set_config('app.person_link_email', p_email, true);
      SELECT u.id INTO found_user FROM app_user u WHERE u.email = p_email AND u.disabled_at IS NULL AND NOT u.is_platform_admin;
      IF found_user IS NULL THEN
        RETURN;
      END IF;
      PERFORM set_config('app.person_link_user', found_user::text, true);
      SELECT m.authority_id INTO found_authority FROM membership m WHERE m.user_id = found_user ORDER BY m.authority_id LIMIT 1;
      IF found_authority IS NULL THEN
        RETURN;
      END IF;
      PERFORM set_config('app.person_link_hash', p_token_hash, true);
      INSERT INTO person_link (authority_id, purpose, email, user_id, token_hash, created_by, created_at, expires_at)
        VALUES (found_authority, 'reset', p_email, found_user, p_token_hash, found_user, p_now, p_expires);
      authority_id := found_authority;
      user_id := found_user;
    END $$`.execute(db);

  for (const signature of ['people_with_two_step()', 'issue_forgotten_password_link(text, text, timestamptz, timestamptz)']) {
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
  }
}

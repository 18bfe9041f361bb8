import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { protect } from './rls.ts';

/**
 * First run without demo data (issue 10, item 1).
 *
 *   setup_token
 *       A single-use link that creates a platform administrator: 'first_run' (printed by `start` while no
 *       platform administrator exists; whoever opens it chooses the email) or 'admin_create' (printed by
 *       `pnpm admin:create --email …` for that email). Only the SHA-256 of the token is stored. Not tenant
 *       data: there is no authority yet. The application role has no privilege on it at all; it works through
 *       the three functions below. `admin:create` writes its rows as the migration role (which bypasses row
 *       security), so a compromised web server cannot mint one.
 *   issue_first_run_setup_token(hash, now, expires_at) → boolean
 *       While no platform administrator exists: removes the older unused first-run tokens and stores this one
 *       (true). Once one exists: nothing (false).
 *   check_setup_token(hash, purpose, now) → (usable, email)
 *       Whether a link can still be used (unused, unexpired, and for a first-run link no administrator yet),
 *       and the email it was made for. Nothing else about any token or account.
 *   redeem_setup_token(hash, purpose, email, display_name, password_hash, now) → (user_id, refusal)
 *       Checks the same with the token's row locked, then creates the platform administrator and marks the
 *       token used, in the caller's transaction: of two redeeming one link at once, one wins.
 *
 * The functions run as the owner role (SECURITY DEFINER, fixed search_path), which FORCE ROW LEVEL SECURITY
 * still binds: the owner sees a setup token only by the hash the function put in app.setup_token_hash (or, to
 * supersede them, the unused first-run tokens), may delete only unused first-run tokens, may add only platform administrators to app_user and sees only those.
 */
const OWNER = sql.id(OWNER_ROLE);
const THIS_TOKEN = `token_hash = nullif(current_setting('app.setup_token_hash', true), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE setup_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE CHECK (token_hash <> ''),
      purpose text NOT NULL CHECK (purpose IN ('first_run', 'admin_create')),
      email text CHECK (email = lower(email) AND email <> ''),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      user_id uuid REFERENCES app_user(id),
      -- A first-run link names no email (its user chooses one); an admin:create link names exactly one.
      CHECK ((purpose = 'first_run') = (email IS NULL)),
      CHECK (expires_at > created_at),
      CHECK ((used_at IS NULL) = (user_id IS NULL))
    )`.execute(db);
  await protect(db, 'setup_token');
  await sql`CREATE POLICY setup_token_this_token ON setup_token FOR ALL TO ${OWNER}
    USING (${sql.raw(THIS_TOKEN)}) WITH CHECK (${sql.raw(THIS_TOKEN)})`.execute(db);
  // Superseding the older unused first-run tokens: a DELETE sees only rows a SELECT policy shows too.
  for (const command of ['SELECT', 'DELETE']) {
    await sql`CREATE POLICY ${sql.id(`setup_token_supersede_first_run_${command.toLowerCase()}`)} ON setup_token FOR ${sql.raw(command)} TO ${OWNER}
      USING (purpose = 'first_run' AND used_at IS NULL)`.execute(db);
  }
  await sql`CREATE POLICY app_user_platform_admins_for_setup ON app_user FOR SELECT TO ${OWNER} USING (is_platform_admin)`.execute(db);
  await sql`CREATE POLICY app_user_created_by_setup ON app_user FOR INSERT TO ${OWNER}
    WITH CHECK (is_platform_admin AND disabled_at IS NULL)`.execute(db);

  await sql`
    CREATE FUNCTION issue_first_run_setup_token(p_token_hash text, p_now timestamptz, p_expires_at timestamptz) RETURNS boolean
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM app_user WHERE is_platform_admin) THEN
        RETURN false;
      END IF;
      DELETE FROM setup_token WHERE purpose = 'first_run' AND used_at IS NULL;
      PERFORM set_config('app.setup_token_hash', p_token_hash, true);
      INSERT INTO setup_token (token_hash, purpose, created_at, expires_at) VALUES (p_token_hash, 'first_run', p_now, p_expires_at);
      RETURN true;
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION check_setup_token(p_token_hash text, p_purpose text, p_now timestamptz, OUT usable boolean, OUT email text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      t setup_token;
    BEGIN
      PERFORM set_config('app.setup_token_hash', p_token_hash, true);
      SELECT * INTO t FROM setup_token WHERE token_hash = p_token_hash AND purpose = p_purpose;
      usable := FOUND AND t.used_at IS NULL AND t.expires_at > p_now
        AND (t.purpose <> 'first_run' OR NOT EXISTS (SELECT 1 FROM app_user u WHERE u.is_platform_admin));
      email := CASE WHEN usable THEN t.email END;
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION redeem_setup_token(p_token_hash text, p_purpose text, p_email text, p_display_name text, p_password_hash text,
        p_now timestamptz, OUT user_id uuid, OUT refusal text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      t setup_token;
    BEGIN
      PERFORM set_config('app.setup_token_hash', p_token_hash, true);
      SELECT * INTO t FROM setup_token WHERE token_hash = p_token_hash AND purpose = p_purpose FOR UPDATE;
      IF NOT FOUND OR t.used_at IS NOT NULL OR t.expires_at <= p_now THEN
        refusal := 'unusable';
        RETURN;
      END IF;
      IF t.purpose = 'first_run' THEN
        -- Serialises first runs: of two links redeemed at once, the second sees the first's administrator.
        LOCK TABLE setup_token IN SHARE ROW EXCLUSIVE MODE;
        IF EXISTS (SELECT 1 FROM app_user u WHERE u.is_platform_admin) THEN
          refusal := 'unusable';
          RETURN;
        END IF;
      END IF;
      BEGIN
        INSERT INTO app_user (email, display_name, password_hash, is_platform_admin)
          VALUES (coalesce(t.email, lower(p_email)), p_display_name, p_password_hash, true)
          RETURNING id INTO user_id;
      EXCEPTION WHEN unique_violation THEN
        refusal := 'email_taken';
        RETURN;
      END;
      UPDATE setup_token SET used_at = p_now, user_id = redeem_setup_token.user_id WHERE id = t.id;
    END $$`.execute(db);

  for (const signature of [
    'issue_first_run_setup_token(text, timestamptz, timestamptz)',
    'check_setup_token(text, text, timestamptz)',
    'redeem_setup_token(text, text, text, text, text, timestamptz)',
  ]) {
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
  }
}

import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { grant, policy, protect } from './rls.ts';

/**
 * People (issue 10, item 3).
 *
 *   membership.role gains 'authority_admin'.
 *   app_is_authority_admin()     whether the transaction's user is an authority administrator of the authority it
 *                                acts for (invoker's rights: it reads membership under its own policies).
 *   app_is_platform_admin()      whether the transaction's user is a platform administrator.
 *   An authority administrator's transaction may add and remove memberships of its authority, mark its people
 *   inactive (app_user.disabled_at, nothing else), and see and end their sessions.
 *
 *   person_link
 *       A single-use link: 'invitation' (creates an account with roles in the authority) or 'reset' (sets a new
 *       password for user_id and ends their sessions). Only the SHA-256 of the token is stored, and the
 *       application role may not read that column. Written by the authority's administrators (a platform
 *       administrator may invite an authority's administrators); redeemed, by whoever holds the link and has no
 *       session, only through check_person_link and redeem_person_link (SECURITY DEFINER, owner role, whose
 *       policies below limit it to the link named and the one account it names).
 */
const OWNER = sql.id(OWNER_ROLE);
const OWN_AUTHORITY = `authority_id = current_setting('app.authority_id', true)`;
const ADMIN_HERE = `${OWN_AUTHORITY} AND app_is_authority_admin()`;
const MY_PEOPLE = `user_id IN (SELECT m.user_id FROM membership m WHERE m.${OWN_AUTHORITY})`;
const setting = (name: string) => `nullif(current_setting('app.${name}', true), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE membership DROP CONSTRAINT membership_role_check`.execute(db);
  await sql`ALTER TABLE membership ADD CONSTRAINT membership_role_check
    CHECK (role IN ('commissioner','contract_officer','finance','viewer','authority_admin'))`.execute(db);

  await sql`
    CREATE FUNCTION app_is_authority_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user_id()
        AND m.authority_id = current_setting('app.authority_id', true) AND m.role = 'authority_admin') $$`.execute(db);
  await sql`
    CREATE FUNCTION app_is_platform_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM app_user u WHERE u.id = app_user_id() AND u.is_platform_admin) $$`.execute(db);

  await policy(db, 'membership', 'membership_admin_adds', 'INSERT', { check: ADMIN_HERE });
  await policy(db, 'membership', 'membership_admin_removes', 'DELETE', { using: ADMIN_HERE });
  await grant(db, 'membership', 'INSERT, DELETE');

  const adminOfPerson = `NOT is_platform_admin AND app_is_authority_admin() AND id IN (SELECT m.user_id FROM membership m WHERE m.${OWN_AUTHORITY})`;
  await policy(db, 'app_user', 'app_user_admin_deactivates', 'UPDATE', { using: adminOfPerson, check: adminOfPerson });
  await sql`GRANT UPDATE (disabled_at) ON app_user TO ${sql.id(APP_ROLE)}`.execute(db);

  const adminOfSession = `app_is_authority_admin() AND ${MY_PEOPLE}`;
  await policy(db, 'session', 'session_admin_reads', 'SELECT', { using: adminOfSession });
  await policy(db, 'session', 'session_admin_ends', 'UPDATE', { using: adminOfSession, check: adminOfSession });

  await sql`
    CREATE TABLE person_link (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      purpose text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
      email text NOT NULL CHECK (email = lower(email) AND email <> ''),
      roles text[] NOT NULL DEFAULT '{}',
      user_id uuid REFERENCES app_user(id),
      token_hash text NOT NULL UNIQUE CHECK (token_hash <> ''),
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      cancelled_at timestamptz,
      PRIMARY KEY (authority_id, id),
      CHECK (expires_at > created_at),
      CHECK (roles <@ ARRAY['commissioner','contract_officer','finance','viewer','authority_admin']::text[]),
      -- An invitation names its roles and no account yet; a reset names the account and no roles.
      CHECK (CASE purpose WHEN 'invitation' THEN user_id IS NULL AND cardinality(roles) > 0 ELSE user_id IS NOT NULL AND cardinality(roles) = 0 END)
    )`.execute(db);
  await sql`CREATE INDEX person_link_email_idx ON person_link (authority_id, email)`.execute(db);
  await protect(db, 'person_link');
  const firstAdmin = `app_is_platform_admin() AND purpose = 'invitation' AND roles = ARRAY['authority_admin']::text[]`;
  await policy(db, 'person_link', 'person_link_admin_reads', 'SELECT', { using: `(${ADMIN_HERE}) OR (${firstAdmin})` });
  await policy(db, 'person_link', 'person_link_admin_issues', 'INSERT', { check: `((${ADMIN_HERE}) OR (${firstAdmin})) AND created_by = app_user_id()` });
  await policy(db, 'person_link', 'person_link_admin_cancels', 'UPDATE', { using: `(${ADMIN_HERE}) OR (${firstAdmin})`, check: `(${ADMIN_HERE}) OR (${firstAdmin})` });
  await sql`GRANT SELECT (authority_id, id, purpose, email, roles, user_id, created_by, created_at, expires_at, used_at, cancelled_at),
    INSERT, UPDATE (cancelled_at) ON person_link TO ${sql.id(APP_ROLE)}`.execute(db);

  // The owner, inside the two functions only: the link whose hash they set, and the one account it names.
  const thisLink = `token_hash = ${setting('person_link_hash')}`;
  await sql`CREATE POLICY person_link_this_link ON person_link FOR ALL TO ${OWNER} USING (${sql.raw(thisLink)}) WITH CHECK (${sql.raw(thisLink)})`.execute(db);
  const linkUser = `id = ${setting('person_link_user')}::uuid`;
  await sql`CREATE POLICY app_user_of_person_link ON app_user FOR SELECT TO ${OWNER} USING (${sql.raw(linkUser)} OR email = ${sql.raw(setting('person_link_email'))})`.execute(db);
  await sql`CREATE POLICY app_user_created_by_invitation ON app_user FOR INSERT TO ${OWNER}
    WITH CHECK (NOT is_platform_admin AND disabled_at IS NULL AND email = ${sql.raw(setting('person_link_email'))})`.execute(db);
  await sql`CREATE POLICY app_user_reset_by_link ON app_user FOR UPDATE TO ${OWNER} USING (${sql.raw(linkUser)}) WITH CHECK (${sql.raw(linkUser)})`.execute(db);
  const linkMembership = `user_id = ${setting('person_link_user')}::uuid AND ${OWN_AUTHORITY}`;
  await sql`CREATE POLICY membership_of_person_link ON membership FOR INSERT TO ${OWNER} WITH CHECK (${sql.raw(linkMembership)})`.execute(db);
  const linkSessions = `user_id = ${setting('person_link_user')}::uuid`;
  for (const command of ['SELECT', 'UPDATE']) {
    await sql`CREATE POLICY ${sql.id(`session_ended_by_reset_${command.toLowerCase()}`)} ON session FOR ${sql.raw(command)} TO ${OWNER} USING (${sql.raw(linkSessions)})`.execute(db);
  }

  await sql`
    CREATE FUNCTION check_person_link(p_token_hash text, p_now timestamptz,
        OUT usable boolean, OUT purpose text, OUT email text, OUT authority_name text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      l person_link;
    BEGIN
      PERFORM set_config('app.person_link_hash', p_token_hash, true);
      SELECT * INTO l FROM person_link WHERE token_hash = p_token_hash;
      usable := FOUND AND l.used_at IS NULL AND l.cancelled_at IS NULL AND l.expires_at > p_now;
      IF usable THEN
        purpose := l.purpose;
        email := l.email;
        SELECT a.name INTO authority_name FROM authority a WHERE a.id = l.authority_id;
      END IF;
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION redeem_person_link(p_token_hash text, p_purpose text, p_display_name text, p_password_hash text, p_now timestamptz,
        OUT user_id uuid, OUT authority_id text, OUT refusal text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      l person_link;
      r text;
    BEGIN
      PERFORM set_config('app.person_link_hash', p_token_hash, true);
      SELECT * INTO l FROM person_link WHERE token_hash = p_token_hash AND purpose = p_purpose FOR UPDATE;
      IF NOT FOUND OR l.used_at IS NOT NULL OR l.cancelled_at IS NOT NULL OR l.expires_at <= p_now THEN
        refusal := 'unusable';
        RETURN;
      END IF;
      authority_id := l.authority_id;
      PERFORM set_config('app.person_link_email', l.email, true);
      -- The invitation's authority: its memberships are added there (and the caller's audit event is recorded there).
      PERFORM set_config('app.authority_id', l.authority_id, true);
      IF l.purpose = 'invitation' THEN
        BEGIN
          INSERT INTO app_user (email, display_name, password_hash) VALUES (l.email, p_display_name, p_password_hash)
            RETURNING id INTO user_id;
        EXCEPTION WHEN unique_violation THEN
          refusal := 'email_taken';
          RETURN;
        END;
        PERFORM set_config('app.person_link_user', user_id::text, true);
        FOREACH r IN ARRAY l.roles LOOP
          INSERT INTO membership (authority_id, user_id, role) VALUES (l.authority_id, redeem_person_link.user_id, r);
        END LOOP;
      ELSE
        user_id := l.user_id;
        PERFORM set_config('app.person_link_user', user_id::text, true);
        UPDATE app_user u SET password_hash = p_password_hash WHERE u.id = l.user_id AND u.disabled_at IS NULL;
        IF NOT FOUND THEN
          refusal := 'unusable';
          RETURN;
        END IF;
        UPDATE session s SET revoked_at = p_now WHERE s.user_id = l.user_id AND s.revoked_at IS NULL;
      END IF;
      UPDATE person_link SET used_at = p_now WHERE token_hash = p_token_hash;
    END $$`.execute(db);

  for (const signature of ['check_person_link(text, timestamptz)', 'redeem_person_link(text, text, text, text, timestamptz)']) {
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
  }
}

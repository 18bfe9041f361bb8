import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { PROVIDER_USER_ROLES_SQL } from './0026_provider_tenancy.ts';
import { grant, policy, protect } from './rls.ts';

/**
 * People of a provider organisation (issue 11, item 1), as migration 0019 gave authorities theirs.
 *
 *   provider_person_link
 *       A single-use invitation to join a provider organisation with roles. Only the SHA-256 of the token is stored,
 *       and the application role may not read that column. Issued, listed and cancelled only by a provider
 *       administrator of the organisation the transaction acts for; redeemed, by whoever holds the link and has no
 *       session, only through check_provider_link and redeem_provider_link (SECURITY DEFINER, owner role, whose
 *       policies below limit them to the link named, the one account it makes and that account's roles there).
 */
const OWNER = sql.id(OWNER_ROLE);
const setting = (name: string) => `nullif(current_setting('app.${name}', true), '')`;
const ADMIN_HERE = `provider_id = app_provider_id() AND app_is_provider_admin()`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE provider_person_link (
      provider_id uuid NOT NULL REFERENCES provider(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email) AND email <> '' AND length(email) <= 254),
      roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY${sql.raw(PROVIDER_USER_ROLES_SQL.replace('(', '[').replace(')', ']'))}::text[]),
      token_hash text NOT NULL UNIQUE CHECK (token_hash <> ''),
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      cancelled_at timestamptz,
      PRIMARY KEY (provider_id, id),
      CHECK (expires_at > created_at)
    )`.execute(db);
  await sql`CREATE INDEX provider_person_link_email_idx ON provider_person_link (provider_id, email)`.execute(db);
  await protect(db, 'provider_person_link');
  await policy(db, 'provider_person_link', 'provider_person_link_admin_reads', 'SELECT', { using: ADMIN_HERE });
  await policy(db, 'provider_person_link', 'provider_person_link_admin_issues', 'INSERT', { check: `${ADMIN_HERE} AND created_by = app_user_id()` });
  await policy(db, 'provider_person_link', 'provider_person_link_admin_cancels', 'UPDATE', { using: ADMIN_HERE, check: ADMIN_HERE });
  await sql`GRANT SELECT (provider_id, id, email, roles, created_by, created_at, expires_at, used_at, cancelled_at),
    INSERT, UPDATE (cancelled_at) ON provider_person_link TO ${sql.id(APP_ROLE)}`.execute(db);

  // The owner, inside the two functions only: the link whose hash they set, and the one account it makes.
  // (app_user's owner policies of migration 0019 read and create the account named by app.person_link_email.)
  const thisLink = `token_hash = ${setting('provider_link_hash')}`;
  await sql`CREATE POLICY provider_person_link_this_link ON provider_person_link FOR ALL TO ${OWNER} USING (${sql.raw(thisLink)}) WITH CHECK (${sql.raw(thisLink)})`.execute(db);
  const linkMembership = `user_id = ${setting('provider_link_user')}::uuid AND provider_id = ${setting('provider_link_provider')}::uuid`;
  await sql`CREATE POLICY provider_membership_of_provider_link ON provider_membership FOR INSERT TO ${OWNER} WITH CHECK (${sql.raw(linkMembership)})`.execute(db);
  await sql`CREATE POLICY provider_of_provider_link ON provider FOR SELECT TO ${OWNER} USING (id = ${sql.raw(setting('provider_link_provider'))}::uuid)`.execute(db);

  await sql`
    CREATE FUNCTION check_provider_link(p_token_hash text, p_now timestamptz, OUT usable boolean, OUT email text, OUT organisation_name text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      l provider_person_link;
    BEGIN
      PERFORM set_config('app.provider_link_hash', p_token_hash, true);
      SELECT * INTO l FROM provider_person_link WHERE token_hash = p_token_hash;
      usable := FOUND AND l.used_at IS NULL AND l.cancelled_at IS NULL AND l.expires_at > p_now;
      IF usable THEN
        email := l.email;
        PERFORM set_config('app.provider_link_provider', l.provider_id::text, true);
        SELECT p.legal_name INTO organisation_name FROM provider p WHERE p.id = l.provider_id;
      END IF;
      PERFORM set_config('app.provider_link_provider', '', true);
      PERFORM set_config('app.provider_link_hash', '', true);
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION redeem_provider_link(p_token_hash text, p_display_name text, p_password_hash text, p_now timestamptz,
        OUT user_id uuid, OUT provider_id uuid, OUT refusal text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      l provider_person_link;
      r text;
    BEGIN
      PERFORM set_config('app.provider_link_hash', p_token_hash, true);
      SELECT * INTO l FROM provider_person_link WHERE token_hash = p_token_hash FOR UPDATE;
      IF NOT FOUND OR l.used_at IS NOT NULL OR l.cancelled_at IS NOT NULL OR l.expires_at <= p_now THEN
        refusal := 'unusable';
        RETURN;
      END IF;
      provider_id := l.provider_id;
      PERFORM set_config('app.person_link_email', l.email, true);
      BEGIN
        INSERT INTO app_user (email, display_name, password_hash) VALUES (l.email, p_display_name, p_password_hash) RETURNING id INTO user_id;
      EXCEPTION WHEN unique_violation THEN
        refusal := 'email_taken';
        RETURN;
      END;
      PERFORM set_config('app.provider_link_user', user_id::text, true);
      PERFORM set_config('app.provider_link_provider', l.provider_id::text, true);
      FOREACH r IN ARRAY l.roles LOOP
        INSERT INTO provider_membership (provider_id, user_id, role) VALUES (l.provider_id, redeem_provider_link.user_id, r);
      END LOOP;
      UPDATE provider_person_link SET used_at = p_now WHERE token_hash = p_token_hash;
      PERFORM set_config('app.person_link_email', '', true);
      PERFORM set_config('app.provider_link_user', '', true);
      PERFORM set_config('app.provider_link_provider', '', true);
      PERFORM set_config('app.provider_link_hash', '', true);
    END $$`.execute(db);

  for (const signature of ['check_provider_link(text, timestamptz)', 'redeem_provider_link(text, text, text, timestamptz)']) {
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
  }
}

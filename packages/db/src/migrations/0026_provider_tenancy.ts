import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { grant, policy, protect } from './rls.ts';

/**
 * Providers use Concord themselves (issue 11, item 1): a provider organisation is a kind of tenant.
 *
 *   provider (the register) gains what an organisation tells us about itself: registered address, contacts,
 *     whether it registered itself, when and by whom it was verified, and a row version.
 *   provider_membership: people of a provider organisation and their roles there (provider administrator, bid
 *     writer, contract manager).
 *   session.provider_id: a session acts for an authority or for a provider organisation, never both, and only
 *     for one its person belongs to.
 *   app.provider_id: the organisation a transaction acts for (app_provider_id()); policies on provider-owned rows
 *     compare with it, as authority rows compare with app.authority_id.
 *   message: the inbox of an authority or a provider organisation; a transaction writes messages only as itself (or,
 *     with no sender, as the platform: a platform administrator, or a reminder a tenant leaves in its own inbox).
 *   provider_idempotency_key: the create-form keys of a provider organisation.
 *   concord_register_provider(...): a person registers their organisation (SECURITY DEFINER as the owner role,
 *     which the owner policies below bind to the registration in hand).
 *   concord_request_identity(...): now also returns the provider organisation a session acts for and the
 *     person's roles there.
 */
const OWNER = sql.id(OWNER_ROLE);
const ME = `app_user_id()`;
const MY_PROVIDER = `app_provider_id()`;
const ACTING_FOR_AN_AUTHORITY = `current_setting('app.authority_id', true) <> ''`;
export const PROVIDER_USER_ROLES_SQL = `('provider_admin','bid_writer','contract_manager')`;
const REGISTERING = `current_setting('app.provider_registration', true) = 'on'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION app_provider_id() RETURNS uuid LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting('app.provider_id', true), '')::uuid $$`.execute(db);

  await sql`
    ALTER TABLE provider
      ADD COLUMN registered_address text CHECK (length(registered_address) <= 500),
      ADD COLUMN contact_name text CHECK (length(contact_name) <= 200),
      ADD COLUMN contact_email text CHECK (contact_email = lower(contact_email) AND length(contact_email) <= 254),
      ADD COLUMN contact_phone text CHECK (length(contact_phone) <= 40),
      ADD COLUMN self_registered boolean NOT NULL DEFAULT false,
      ADD COLUMN verified_at timestamptz,
      ADD COLUMN verified_by text,
      ADD COLUMN row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by uuid REFERENCES app_user(id),
      ADD CONSTRAINT provider_verified_by CHECK ((verified_at IS NULL) = (verified_by IS NULL))`.execute(db);
  await sql`CREATE TRIGGER provider_row_version BEFORE INSERT OR UPDATE ON provider FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);

  await sql`
    CREATE TABLE provider_membership (
      provider_id uuid NOT NULL REFERENCES provider(id),
      user_id uuid NOT NULL REFERENCES app_user(id),
      role text NOT NULL CHECK (role IN ${sql.raw(PROVIDER_USER_ROLES_SQL)}),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider_id, user_id, role)
    )`.execute(db);
  await sql`CREATE INDEX provider_membership_user_idx ON provider_membership (user_id)`.execute(db);
  await protect(db, 'provider_membership');
  await sql`
    CREATE FUNCTION app_is_provider_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM provider_membership m WHERE m.user_id = app_user_id()
        AND m.provider_id = app_provider_id() AND m.role = 'provider_admin') $$`.execute(db);
  await policy(db, 'provider_membership', 'provider_membership_visible', 'SELECT', { using: `provider_id = ${MY_PROVIDER} OR user_id = ${ME}` });
  const adminHere = `provider_id = ${MY_PROVIDER} AND app_is_provider_admin()`;
  await policy(db, 'provider_membership', 'provider_membership_admin_adds', 'INSERT', { check: adminHere });
  await policy(db, 'provider_membership', 'provider_membership_admin_removes', 'DELETE', { using: adminHere });
  await grant(db, 'provider_membership', 'SELECT, INSERT, DELETE');
  // The people of the organisation a transaction acts for are its colleagues: visible, as an authority's are.
  await policy(db, 'app_user', 'app_user_provider_colleagues', 'SELECT', {
    using: `id IN (SELECT m.user_id FROM provider_membership m WHERE m.provider_id = ${MY_PROVIDER})`,
  });

  // The register: a provider organisation reads and edits its own entry and locations; a platform administrator
  // reads every entry and verifies. Only an authority or a platform administrator changes whether it is verified.
  for (const table of ['provider', 'provider_location']) {
    const own = table === 'provider' ? `id = ${MY_PROVIDER}` : `provider_id = ${MY_PROVIDER}`;
    await policy(db, table, `${table}_own_organisation_reads`, 'SELECT', { using: own });
    await policy(db, table, `${table}_own_organisation_edits`, 'UPDATE', { using: own, check: own });
    await policy(db, table, `${table}_platform_reads`, 'SELECT', { using: `app_is_platform_admin()` });
  }
  await policy(db, 'provider_location', 'provider_location_own_organisation_adds', 'INSERT', { check: `provider_id = ${MY_PROVIDER}` });
  await policy(db, 'provider', 'provider_platform_verifies', 'UPDATE', { using: `app_is_platform_admin()`, check: `app_is_platform_admin()` });
  await sql`
    CREATE FUNCTION provider_verification_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.verified_at IS DISTINCT FROM OLD.verified_at OR NEW.verified_by IS DISTINCT FROM OLD.verified_by
          OR NEW.self_registered IS DISTINCT FROM OLD.self_registered)
        AND NOT (${sql.raw(ACTING_FOR_AN_AUTHORITY)} OR app_is_platform_admin()) THEN
        RAISE EXCEPTION 'only an authority or a platform administrator verifies a provider' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER provider_verification_guard BEFORE UPDATE ON provider FOR EACH ROW EXECUTE FUNCTION provider_verification_guard()`.execute(db);

  // A session acts for an authority or for a provider organisation (never both), and only one its person belongs to.
  await sql`
    ALTER TABLE session
      ADD COLUMN provider_id uuid REFERENCES provider(id),
      ADD CONSTRAINT session_acts_for_one CHECK (authority_id IS NULL OR provider_id IS NULL)`.execute(db);
  const ownOrganisation = `provider_id IS NULL OR EXISTS (SELECT 1 FROM provider_membership m WHERE m.user_id = session.user_id AND m.provider_id = session.provider_id)`;
  await sql`CREATE POLICY session_acts_for_own_organisation_insert ON session AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (${sql.raw(ownOrganisation)})`.execute(db);
  await sql`CREATE POLICY session_acts_for_own_organisation_update ON session AS RESTRICTIVE FOR UPDATE TO PUBLIC USING (true) WITH CHECK (${sql.raw(ownOrganisation)})`.execute(db);

  // The inbox: an authority's or a provider organisation's messages. Written only as the sender the transaction acts as.
  await sql`
    CREATE TABLE message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      authority_id text REFERENCES authority(id),
      provider_id uuid REFERENCES provider(id),
      from_authority_id text REFERENCES authority(id),
      from_provider_id uuid REFERENCES provider(id),
      kind text NOT NULL CHECK (kind ~ '^[a-z_]{1,60}$'),
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
      body text NOT NULL CHECK (length(body) <= 5000),
      link text CHECK (link ~ '^/[^/]'),
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      emailed_at timestamptz,
      CHECK ((authority_id IS NULL) <> (provider_id IS NULL)),
      CHECK (from_authority_id IS NULL OR from_provider_id IS NULL)
    )`.execute(db);
  await sql`CREATE INDEX message_authority_idx ON message (authority_id, created_at DESC) WHERE authority_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX message_provider_idx ON message (provider_id, created_at DESC) WHERE provider_id IS NOT NULL`.execute(db);
  await protect(db, 'message');
  const recipient = `authority_id = current_setting('app.authority_id', true) OR provider_id = ${MY_PROVIDER}`;
  await policy(db, 'message', 'message_recipient_reads', 'SELECT', { using: recipient });
  await policy(db, 'message', 'message_recipient_marks_read', 'UPDATE', { using: recipient, check: recipient });
  await policy(db, 'message', 'message_sent_as_self', 'INSERT', {
    check: `(from_authority_id = current_setting('app.authority_id', true) AND from_provider_id IS NULL)
      OR (from_provider_id = ${MY_PROVIDER} AND from_authority_id IS NULL)
      OR (from_authority_id IS NULL AND from_provider_id IS NULL AND (app_is_platform_admin() OR ${recipient}))`,
  });
  await sql`GRANT SELECT, INSERT ON message TO ${sql.id(APP_ROLE)}`.execute(db);
  await sql`GRANT UPDATE (read_at) ON message TO ${sql.id(APP_ROLE)}`.execute(db);

  await sql`
    CREATE TABLE provider_idempotency_key (
      provider_id uuid NOT NULL REFERENCES provider(id),
      key uuid NOT NULL,
      procedure text NOT NULL CHECK (length(procedure) BETWEEN 1 AND 200),
      user_id uuid REFERENCES app_user(id),
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider_id, key)
    )`.execute(db);
  await protect(db, 'provider_idempotency_key');
  await policy(db, 'provider_idempotency_key', 'provider_idempotency_key_own', 'ALL', { using: `provider_id = ${MY_PROVIDER}`, check: `provider_id = ${MY_PROVIDER}` });
  await sql`GRANT SELECT, INSERT, UPDATE (result) ON provider_idempotency_key TO ${sql.id(APP_ROLE)}`.execute(db);

  await registration(db);
  await requestIdentity(db);
}

/**
 * concord_register_provider: a person registers their organisation. Refused ('email_taken') when the email has an
 * account, and ('already_registered') when the Companies House number or CQC provider ID is in the register
 * already: that entry is claimed instead, and a council confirms the link. Otherwise the person, the
 * organisation (self-registered, not verified) and their provider administrator role are made in one go.
 */
async function registration(db: Kysely<any>): Promise<void> {
  const registrationEmail = `email = nullif(current_setting('app.provider_registration_email', true), '')`;
  await sql`CREATE POLICY app_user_provider_registration_reads ON app_user FOR SELECT TO ${OWNER} USING (${sql.raw(registrationEmail)})`.execute(db);
  await sql`CREATE POLICY app_user_created_by_provider_registration ON app_user FOR INSERT TO ${OWNER}
    WITH CHECK (${sql.raw(registrationEmail)} AND NOT is_platform_admin AND disabled_at IS NULL)`.execute(db);
  await sql`CREATE POLICY provider_registration_reads ON provider FOR SELECT TO ${OWNER} USING (${sql.raw(REGISTERING)})`.execute(db);
  await sql`CREATE POLICY provider_created_by_registration ON provider FOR INSERT TO ${OWNER}
    WITH CHECK (${sql.raw(REGISTERING)} AND self_registered AND verified_at IS NULL)`.execute(db);
  await sql`CREATE POLICY provider_membership_created_by_registration ON provider_membership FOR INSERT TO ${OWNER}
    WITH CHECK (${sql.raw(REGISTERING)} AND role = 'provider_admin')`.execute(db);
  await sql`CREATE POLICY provider_membership_of_request ON provider_membership FOR SELECT TO ${OWNER}
    USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid OR ${sql.raw(REGISTERING)})`.execute(db);

  await sql`
    CREATE FUNCTION concord_register_provider(p_email text, p_display_name text, p_password_hash text, p_legal_name text,
        p_companies_house_number text, p_cqc_provider_id text, p_registered_address text, p_contact_name text,
        p_contact_email text, p_contact_phone text, p_is_sme boolean, p_is_vcse boolean)
      RETURNS TABLE (outcome text, person_id uuid, organisation_id uuid)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      new_user uuid;
      new_provider uuid;
    BEGIN
      PERFORM set_config('app.provider_registration_email', p_email, true);
      PERFORM set_config('app.provider_registration', 'on', true);
      IF EXISTS (SELECT 1 FROM app_user u WHERE u.email = p_email) THEN
        RETURN QUERY SELECT 'email_taken'::text, NULL::uuid, NULL::uuid;
      ELSIF EXISTS (SELECT 1 FROM provider p WHERE p.companies_house_number = p_companies_house_number
          OR p.cqc_provider_id = p_cqc_provider_id) THEN
        RETURN QUERY SELECT 'already_registered'::text, NULL::uuid, NULL::uuid;
      ELSE
        INSERT INTO app_user (email, display_name, password_hash) VALUES (p_email, p_display_name, p_password_hash) RETURNING id INTO new_user;
        INSERT INTO provider (legal_name, companies_house_number, cqc_provider_id, registered_address, contact_name, contact_email,
            contact_phone, is_sme, is_vcse, self_registered)
          VALUES (p_legal_name, p_companies_house_number, p_cqc_provider_id, p_registered_address, p_contact_name, p_contact_email,
            p_contact_phone, p_is_sme, p_is_vcse, true)
          RETURNING id INTO new_provider;
        INSERT INTO provider_membership (provider_id, user_id, role) VALUES (new_provider, new_user, 'provider_admin');
        RETURN QUERY SELECT 'registered'::text, new_user, new_provider;
      END IF;
      PERFORM set_config('app.provider_registration', '', true);
      PERFORM set_config('app.provider_registration_email', '', true);
    END $$`.execute(db);
  const signature = 'concord_register_provider(text, text, text, text, text, text, text, text, text, text, boolean, boolean)';
  await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
}

/** concord_request_identity (migration 0024) again, with the provider organisation a session acts for and the person's roles there. */
async function requestIdentity(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION concord_request_identity(text, timestamptz, integer, integer, integer)`.execute(db);
  await sql`
    CREATE FUNCTION concord_request_identity(p_token_hash text, p_now timestamptz, p_idle_seconds integer, p_absolute_seconds integer,
        p_touch_after_seconds integer)
      RETURNS TABLE (session_id uuid, person_id uuid, email text, display_name text, is_platform_admin boolean, acts_for text,
        two_step_pending boolean, roles text[], partnership_ids text, acts_for_provider uuid, provider_roles text[])
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      s record;
    BEGIN
      PERFORM set_config('app.session_token_hash', p_token_hash, true);
      SELECT x.id, x.user_id, x.authority_id, x.provider_id, x.last_seen_at, x.two_step_pending INTO s FROM session x
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
            WHERE pm.authority_id = s.authority_id AND (pm.left_on IS NULL OR pm.left_on > current_date)), ''),
          s.provider_id,
          coalesce(ARRAY(SELECT pm.role FROM provider_membership pm WHERE pm.user_id = u.id AND pm.provider_id = s.provider_id ORDER BY pm.role), '{}')
        FROM app_user u WHERE u.id = s.user_id AND u.disabled_at IS NULL;
    END $$`.execute(db);
  const signature = 'concord_request_identity(text, timestamptz, integer, integer, integer)';
  await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
}

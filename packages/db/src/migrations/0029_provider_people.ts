import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { PROVIDER_USER_ROLES_SQL } from './0026_provider_tenancy.ts';
import { policy, protect } from './rls.ts';

/**
 * People of a provider organisation (issue 11, item 1), as migration 0019 gave authorities theirs.
 *
 *   provider_person_link
 *       A single-use invitation to join a provider organisation with roles. Only the SHA-256 of the token is stored,
 *       and the application role may not read that column. Issued, listed and cancelled only by a provider
 *       administrator of the organisation the transaction acts for; redeemed, by whoever holds the link and has no
 *       session, only through check_provider_link and redeem_provider_link (SECURITY DEFINER, owner role, whose
 *       policies below limit them to the link named, the one account it makes and that account's roles there).
 *
 *   provider_claim
 *       Someone registering with a Companies House number or CQC provider ID a council already entered claims that
 *       entry instead (concord_claim_provider: the person is made, with no organisation yet). The claimant reads
 *       their claim; a transaction acting for an authority that may decide it (app_may_decide_claim: one with a
 *       contract or placement with that provider, or any authority when none has) reads it and confirms or refuses
 *       it once. Confirming lets that authority add the claimant as the entry's provider administrator (and verify it).
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

  await claims(db);

  for (const signature of ['check_provider_link(text, timestamptz)', 'redeem_provider_link(text, text, text, timestamptz)']) {
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
  }
}

const REGISTERING = `current_setting('app.provider_registration', true) = 'on'`;
const ACTING_AUTHORITY = `current_setting('app.authority_id', true)`;

async function claims(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE provider_claim (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider_id uuid NOT NULL REFERENCES provider(id),
      user_id uuid NOT NULL REFERENCES app_user(id),
      -- Who claims, as they registered (the deciding council cannot read the person's account itself).
      claimant_name text NOT NULL CHECK (length(claimant_name) BETWEEN 1 AND 200),
      claimant_email text NOT NULL CHECK (length(claimant_email) <= 254),
      legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 300),
      companies_house_number text,
      cqc_provider_id text,
      registered_address text CHECK (length(registered_address) <= 500),
      contact_name text CHECK (length(contact_name) <= 200),
      contact_email text CHECK (length(contact_email) <= 254),
      contact_phone text CHECK (length(contact_phone) <= 40),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'refused')),
      decided_by_authority_id text REFERENCES authority(id),
      decided_at timestamptz,
      reason text CHECK (length(reason) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'pending') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by_authority_id IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX provider_claim_one_pending ON provider_claim (provider_id, user_id) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX provider_claim_user_idx ON provider_claim (user_id)`.execute(db);
  await protect(db, 'provider_claim');

  // Whether the authority the transaction acts for may decide claims on an entry: it has a contract or placement with
  // the provider, or no authority has. It reads every authority's contracts and placements of that one provider only
  // (the owner's policies below, bound to app.claim_provider while it runs).
  const claimProvider = `provider_id = ${setting('claim_provider')}::uuid`;
  for (const table of ['contract', 'placement']) {
    await sql`CREATE POLICY ${sql.id(`${table}_of_claimed_provider`)} ON ${sql.id(table)} FOR SELECT TO ${OWNER} USING (${sql.raw(claimProvider)})`.execute(db);
  }
  await sql`
    CREATE FUNCTION app_may_decide_claim(p_provider uuid) RETURNS boolean
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      me text := ${sql.raw(ACTING_AUTHORITY)};
      mine boolean;
      anyone boolean;
    BEGIN
      IF me IS NULL OR me = '' THEN
        RETURN false;
      END IF;
      PERFORM set_config('app.claim_provider', p_provider::text, true);
      mine := EXISTS (SELECT 1 FROM contract c WHERE c.provider_id = p_provider AND c.authority_id = me)
        OR EXISTS (SELECT 1 FROM placement p WHERE p.provider_id = p_provider AND p.authority_id = me);
      anyone := mine OR EXISTS (SELECT 1 FROM contract c WHERE c.provider_id = p_provider)
        OR EXISTS (SELECT 1 FROM placement p WHERE p.provider_id = p_provider);
      PERFORM set_config('app.claim_provider', '', true);
      RETURN mine OR NOT anyone;
    END $$`.execute(db);
  await sql`ALTER FUNCTION app_may_decide_claim(uuid) OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION app_may_decide_claim(uuid) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION app_may_decide_claim(uuid) TO ${sql.id(APP_ROLE)}`.execute(db);

  await policy(db, 'provider_claim', 'provider_claim_claimant_reads', 'SELECT', { using: `user_id = app_user_id()` });
  await policy(db, 'provider_claim', 'provider_claim_decider_reads', 'SELECT', { using: `app_may_decide_claim(provider_id)` });
  await policy(db, 'provider_claim', 'provider_claim_decider_decides', 'UPDATE', {
    using: `status = 'pending' AND app_may_decide_claim(provider_id)`,
    check: `status <> 'pending' AND decided_by_authority_id = ${ACTING_AUTHORITY}`,
  });
  await sql`GRANT SELECT, UPDATE (status, decided_by_authority_id, decided_at, reason) ON provider_claim TO ${sql.id(APP_ROLE)}`.execute(db);
  // The authority that confirmed a claim makes the claimant the entry's provider administrator.
  await policy(db, 'provider_membership', 'provider_membership_by_confirmed_claim', 'INSERT', {
    check: `role = 'provider_admin' AND EXISTS (SELECT 1 FROM provider_claim pc WHERE pc.provider_id = provider_membership.provider_id
      AND pc.user_id = provider_membership.user_id AND pc.status = 'confirmed' AND pc.decided_by_authority_id = ${ACTING_AUTHORITY})`,
  });
  await sql`CREATE POLICY provider_claim_made_by_registration ON provider_claim FOR INSERT TO ${OWNER} WITH CHECK (${sql.raw(REGISTERING)} AND status = 'pending')`.execute(db);
  await sql`CREATE POLICY provider_claim_read_by_registration ON provider_claim FOR SELECT TO ${OWNER} USING (${sql.raw(REGISTERING)} AND status = 'pending')`.execute(db);

  // A person registering with numbers already in the register claims that entry (migration 0026's registration
  // policies let it read the register and make the person while app.provider_registration is on). Refused as before
  // when the numbers match two entries or the entry already has people of its own.
  await sql`
    CREATE FUNCTION concord_claim_provider(p_email text, p_display_name text, p_password_hash text, p_legal_name text,
        p_companies_house_number text, p_cqc_provider_id text, p_registered_address text, p_contact_name text,
        p_contact_email text, p_contact_phone text)
      RETURNS TABLE (outcome text, person_id uuid, claim_id uuid)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      matches uuid[];
      new_user uuid;
      new_claim uuid;
    BEGIN
      PERFORM set_config('app.provider_registration_email', p_email, true);
      PERFORM set_config('app.provider_registration', 'on', true);
      SELECT array_agg(DISTINCT p.id) INTO matches FROM provider p
        WHERE p.companies_house_number = p_companies_house_number OR p.cqc_provider_id = p_cqc_provider_id;
      IF EXISTS (SELECT 1 FROM app_user u WHERE u.email = p_email) THEN
        RETURN QUERY SELECT 'email_taken'::text, NULL::uuid, NULL::uuid;
      ELSIF coalesce(cardinality(matches), 0) <> 1
          OR EXISTS (SELECT 1 FROM provider_membership m WHERE m.provider_id = matches[1]) THEN
        RETURN QUERY SELECT 'already_registered'::text, NULL::uuid, NULL::uuid;
      ELSE
        INSERT INTO app_user (email, display_name, password_hash) VALUES (p_email, p_display_name, p_password_hash) RETURNING id INTO new_user;
        INSERT INTO provider_claim (provider_id, user_id, claimant_name, claimant_email, legal_name, companies_house_number, cqc_provider_id,
            registered_address, contact_name, contact_email, contact_phone)
          VALUES (matches[1], new_user, p_display_name, p_email, p_legal_name, p_companies_house_number, p_cqc_provider_id, p_registered_address,
            p_contact_name, p_contact_email, p_contact_phone)
          RETURNING id INTO new_claim;
        RETURN QUERY SELECT 'claimed'::text, new_user, new_claim;
      END IF;
      PERFORM set_config('app.provider_registration', '', true);
      PERFORM set_config('app.provider_registration_email', '', true);
    END $$`.execute(db);
  const signature = 'concord_claim_provider(text, text, text, text, text, text, text, text, text, text)';
  await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { createRoles, grant, policy, protect } from './rls.ts';

const OWN_AUTHORITY = `authority_id = current_setting('app.authority_id', true)`;
const MY_PARTNERSHIPS = `app_partnership_ids()`;
const ME = `app_user_id()`;

export async function up(db: Kysely<any>): Promise<void> {
  await createRoles(db);

  // Settings helpers: a missing or empty setting means "nobody", never an error.
  await sql`
    CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$`.execute(db);
  await sql`
    CREATE FUNCTION app_partnership_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
    $$ SELECT coalesce(string_to_array(nullif(current_setting('app.partnership_ids', true), ''), ',')::uuid[], '{}') $$`.execute(db);

  await sql`
    CREATE TABLE authority (
      id text PRIMARY KEY CHECK (id ~ '^[EWSN][0-9]{8}$'),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('county','unitary','metropolitan_district','london_borough','nhs_body')),
      region text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await protect(db, 'authority');
  await policy(db, 'authority', 'authority_reference', 'SELECT', { using: 'true' });
  await grant(db, 'authority', 'SELECT');

  await sql`
    CREATE TABLE authority_population (
      authority_id text NOT NULL REFERENCES authority(id),
      year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      age_band text NOT NULL,
      population integer NOT NULL CHECK (population > 0),
      source text NOT NULL,
      PRIMARY KEY (authority_id, year, age_band)
    )`.execute(db);
  await protect(db, 'authority_population');
  // Published ONS figures: every signed-in authority may read every authority's population.
  await policy(db, 'authority_population', 'authority_population_reference', 'SELECT', { using: 'true' });
  await grant(db, 'authority_population', 'SELECT');

  await sql`
    CREATE TABLE partnership (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('joint_commissioning','regional_network')),
      lead_authority_id text NOT NULL REFERENCES authority(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await protect(db, 'partnership');
  await policy(db, 'partnership', 'partnership_members_only', 'SELECT', { using: `id = ANY(${MY_PARTNERSHIPS})` });
  await grant(db, 'partnership', 'SELECT');

  await sql`
    CREATE TABLE partnership_member (
      authority_id text NOT NULL REFERENCES authority(id),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      joined_on date,
      PRIMARY KEY (authority_id, partnership_id)
    )`.execute(db);
  await protect(db, 'partnership_member');
  await policy(db, 'partnership_member', 'partnership_member_visible', 'SELECT', {
    using: `${OWN_AUTHORITY} OR partnership_id = ANY(${MY_PARTNERSHIPS})`,
  });
  await grant(db, 'partnership_member', 'SELECT');

  await sql`
    CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      display_name text NOT NULL,
      password_hash text NOT NULL,
      is_platform_admin boolean NOT NULL DEFAULT false,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE membership (
      authority_id text NOT NULL REFERENCES authority(id),
      user_id uuid NOT NULL REFERENCES app_user(id),
      role text NOT NULL CHECK (role IN ('commissioner','contract_officer','finance','viewer')),
      PRIMARY KEY (authority_id, user_id, role)
    )`.execute(db);
  await protect(db, 'membership');
  await policy(db, 'membership', 'membership_visible', 'SELECT', { using: `${OWN_AUTHORITY} OR user_id = ${ME}` });
  await grant(db, 'membership', 'SELECT');

  await protect(db, 'app_user');
  // A user sees themself, the colleagues of the authority they act for, and (while signing in) the
  // account whose email they typed.
  await policy(db, 'app_user', 'app_user_visible', 'SELECT', {
    using: `id = ${ME}
      OR email = nullif(current_setting('app.sign_in_email', true), '')
      OR id IN (SELECT m.user_id FROM membership m WHERE m.${OWN_AUTHORITY})`,
  });
  await grant(db, 'app_user', 'SELECT');

  await sql`
    CREATE TABLE partnership_role (
      authority_id text NOT NULL,
      partnership_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES app_user(id),
      role text NOT NULL CHECK (role IN ('lead_commissioner','network_member')),
      PRIMARY KEY (authority_id, partnership_id, user_id, role),
      FOREIGN KEY (authority_id, partnership_id) REFERENCES partnership_member(authority_id, partnership_id)
    )`.execute(db);
  await protect(db, 'partnership_role');
  await policy(db, 'partnership_role', 'partnership_role_visible', 'SELECT', {
    using: `${OWN_AUTHORITY} OR partnership_id = ANY(${MY_PARTNERSHIPS})`,
  });
  await grant(db, 'partnership_role', 'SELECT');

  await sql`
    CREATE TABLE session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE CHECK (token_hash <> ''),
      user_id uuid NOT NULL REFERENCES app_user(id),
      authority_id text REFERENCES authority(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      user_agent text,
      ip_address text
    )`.execute(db);
  await sql`CREATE INDEX session_user_idx ON session (user_id)`.execute(db);
  await protect(db, 'session');
  // Only the holder of the token, or the signed-in user themself, can see a session; and a session can
  // only ever act for an authority its user is a member of (else a user could move their own session
  // to another authority and act for it).
  await policy(db, 'session', 'session_holder', 'ALL', {
    using: `token_hash = nullif(current_setting('app.session_token_hash', true), '') OR user_id = ${ME}`,
    check: `user_id = ${ME} AND (authority_id IS NULL OR EXISTS (
      SELECT 1 FROM membership m WHERE m.user_id = ${ME} AND m.authority_id = session.authority_id))`,
  });
  await grant(db, 'session', 'SELECT, INSERT, UPDATE');

  await sql`
    CREATE TABLE sign_in_attempt (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email <> ''),
      ip_address text NOT NULL CHECK (ip_address <> ''),
      succeeded boolean NOT NULL,
      attempted_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX sign_in_attempt_email_idx ON sign_in_attempt (email, attempted_at)`.execute(db);
  await sql`CREATE INDEX sign_in_attempt_ip_idx ON sign_in_attempt (ip_address, attempted_at)`.execute(db);
  await protect(db, 'sign_in_attempt');
  const signingIn = `email = nullif(current_setting('app.sign_in_email', true), '') AND ip_address = nullif(current_setting('app.sign_in_ip', true), '')`;
  await policy(db, 'sign_in_attempt', 'sign_in_attempt_record', 'INSERT', { check: signingIn });
  await policy(db, 'sign_in_attempt', 'sign_in_attempt_count', 'SELECT', {
    using: `email = nullif(current_setting('app.sign_in_email', true), '') OR ip_address = nullif(current_setting('app.sign_in_ip', true), '')`,
  });
  await grant(db, 'sign_in_attempt', 'SELECT, INSERT');

  await sql`
    CREATE TABLE audit_event (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid REFERENCES app_user(id),
      procedure text NOT NULL,
      target text,
      outcome text NOT NULL CHECK (outcome IN ('success','denied')),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      request_id text NOT NULL,
      PRIMARY KEY (authority_id, id)
    )`.execute(db);
  await sql`CREATE INDEX audit_event_time_idx ON audit_event (authority_id, occurred_at DESC)`.execute(db);
  // Append-only for the application: it may add and read its own authority's events, never change them,
  // and may not put an event in another user's name.
  await protect(db, 'audit_event');
  await policy(db, 'audit_event', 'audit_event_own_authority_reads', 'SELECT', { using: OWN_AUTHORITY });
  await policy(db, 'audit_event', 'audit_event_own_authority_appends', 'INSERT', {
    check: `${OWN_AUTHORITY} AND (user_id IS NULL OR user_id = ${ME})`,
  });
  await grant(db, 'audit_event', 'SELECT, INSERT');
}

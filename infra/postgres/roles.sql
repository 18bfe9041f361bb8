-- Concord: database roles on a real PostgreSQL (15 or later).
--
-- Run once per database, connected TO THE CONCORD DATABASE as a superuser (or, on a managed service,
-- the admin role that can create roles and owns the database), before the first migration.
-- Running it again is safe: it creates what is missing and puts attributes back as they should be.
--
--   createdb concord                                   # or CREATE DATABASE concord;
--   psql "postgres://admin@db.internal/concord" -v ON_ERROR_STOP=1 \
--        -v web_password="$WEB_PASSWORD" \
--        -v migrator_password="$MIGRATOR_PASSWORD" \
--        -f infra/postgres/roles.sql
--
-- Optional variables: -v web_statement_timeout=30s  -v web_idle_tx_timeout=60s  -v web_connection_limit=40
--
-- Passwords: prefer passing a SCRAM verifier instead of the plain password, so the plain text never
-- reaches the server (or its logs): PostgreSQL stores a string of the form 'SCRAM-SHA-256$4096:...'
-- as is. Make one with e.g. `psql -c '\password'` on a scratch role, or any SCRAM-SHA-256 tool.
--
-- The roles and why:
--
--   concord_owner     NOLOGIN. Owns every table, function and the public schema. Nobody signs in as it.
--                     Tables have FORCE ROW LEVEL SECURITY, so even the owner obeys the policies.
--   concord_app       NOLOGIN. Every request runs as it (`SET LOCAL ROLE concord_app` at the start of
--                     each transaction, then set_config('app.authority_id', ..., true)); the row-level
--                     security policies are written TO concord_app. Holds the table grants.
--   concord_web       LOGIN. The server's DATABASE_URL. Member of concord_app and nothing else. Not a
--                     superuser, no BYPASSRLS, owns nothing: the server refuses to start otherwise
--                     (packages/db/src/guard.ts).
--   concord_migrator  LOGIN BYPASSRLS. DATABASE_OWNER_URL for `pnpm db:migrate` / `pnpm db:seed`.
--                     Member of concord_owner (so it creates tables and hands them to concord_owner),
--                     owns the public schema through it. BYPASSRLS because seeding and data migrations
--                     write rows of every authority and FORCE ROW LEVEL SECURITY binds even the owner;
--                     BYPASSRLS is not inherited through roles, so concord_web never gets it. Never used
--                     by the running server; keep its password out of the server's environment.
--
-- The migrations (packages/db/src/migrations/rls.ts) create concord_owner and concord_app themselves
-- when absent, which needs CREATEROLE. This file creates them first, with the same attributes, so
-- concord_migrator needs no CREATEROLE. The simplest alternative, fine for a small installation, is to
-- run migrations with DATABASE_OWNER_URL pointing at the database owner or a superuser: the tables
-- still end up owned by concord_owner; you then only need the concord_web part of this file.
-- Migrations that add extensions (CREATE EXTENSION) need a superuser, or a trusted extension and
-- CREATE on the database.
--
-- Managed services (RDS, Cloud SQL, Azure): the admin role is not a true superuser. It can run this
-- file, but `ALTER SCHEMA public OWNER TO concord_owner` needs the admin to be a member of
-- concord_owner (on PostgreSQL 16+ the creator of a role gets that automatically).

\set ON_ERROR_STOP on

\if :{?web_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'roles.sql: pass -v web_password=... (password or SCRAM verifier for concord_web)'; END $$;
\endif
\if :{?migrator_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'roles.sql: pass -v migrator_password=... (password or SCRAM verifier for concord_migrator)'; END $$;
\endif
\if :{?web_statement_timeout}
\else
  \set web_statement_timeout 30s
\endif
\if :{?web_idle_tx_timeout}
\else
  \set web_idle_tx_timeout 60s
\endif
\if :{?web_connection_limit}
\else
  \set web_connection_limit -1
\endif

BEGIN;

-- 1. The two group roles, exactly as the migrations would create them. -------------------------
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['concord_owner', 'concord_app'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT', r);
    END IF;
    -- If they existed already, make sure nobody loosened them.
    EXECUTE format('ALTER ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEDB NOCREATEROLE NOREPLICATION', r);
  END LOOP;
END $$;

-- 2. The login roles. Created without a password in the DO block (psql variables are not expanded
--    inside dollar quotes), then given their password and attributes by plain ALTER ROLE statements.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'concord_web') THEN
    CREATE ROLE concord_web LOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'concord_migrator') THEN
    CREATE ROLE concord_migrator LOGIN NOSUPERUSER;
  END IF;
END $$;

-- The server's role: log in, become concord_app, nothing else.
ALTER ROLE concord_web WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT
  CONNECTION LIMIT :web_connection_limit PASSWORD :'web_password';
GRANT concord_app TO concord_web;

-- The migration role: log in, act as concord_owner, write past row security (seed, data
-- migrations). No CREATEROLE needed: step 1 made the roles the migrations would otherwise create.
ALTER ROLE concord_migrator WITH LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT
  PASSWORD :'migrator_password';
GRANT concord_owner TO concord_migrator;

-- concord_web must not reach the owner role by any path, nor hold other memberships that could
-- carry BYPASSRLS or ownership; drop any it has besides concord_app.
DO $$
DECLARE g text;
BEGIN
  FOR g IN
    SELECT r.rolname FROM pg_auth_members m
      JOIN pg_roles r ON r.oid = m.roleid
      JOIN pg_roles u ON u.oid = m.member
    WHERE u.rolname = 'concord_web' AND r.rolname <> 'concord_app'
  LOOP
    RAISE NOTICE 'revoking % from concord_web', g;
    EXECUTE format('REVOKE %I FROM concord_web', g);
  END LOOP;
END $$;

-- 3. Per-role settings (infra/postgres/settings.md explains them). --------------------------------
-- A runaway query or a transaction left open by a crashed request must not hold locks for long.
ALTER ROLE concord_web SET statement_timeout = :'web_statement_timeout';
ALTER ROLE concord_web SET idle_in_transaction_session_timeout = :'web_idle_tx_timeout';
-- Row security must never be switched off for the server's sessions (off = error instead of filter,
-- but nobody should be able to opt out per session by accident).
ALTER ROLE concord_web SET row_security = on;
-- Migrations may run long, but must not queue behind (and block) live traffic for ever.
ALTER ROLE concord_migrator SET statement_timeout = 0;
ALTER ROLE concord_migrator SET lock_timeout = '10s';

-- 4. The database and its public schema. ---------------------------------------------------------
-- Only the two login roles may connect; nobody may create temporary tables.
DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO concord_web, concord_migrator', current_database());
END $$;

-- concord_owner owns the schema, so concord_migrator (through it) can create objects in it and grant
-- USAGE to concord_app, without being the database owner. PUBLIC gets nothing on it.
ALTER SCHEMA public OWNER TO concord_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO concord_app;

-- 5. Check, as the server's guard will. -----------------------------------------------------------
DO $$
DECLARE
  web pg_roles%ROWTYPE;
  owned int;
BEGIN
  SELECT * INTO web FROM pg_roles WHERE rolname = 'concord_web';
  SELECT count(*) INTO owned FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'concord_web';
  IF web.rolsuper OR web.rolbypassrls THEN
    RAISE EXCEPTION 'concord_web is a superuser or has BYPASSRLS';
  END IF;
  IF owned > 0 THEN
    RAISE EXCEPTION 'concord_web owns % table(s) in public: ALTER TABLE ... OWNER TO concord_owner', owned;
  END IF;
  IF pg_has_role('concord_web', 'concord_owner', 'USAGE') THEN
    RAISE EXCEPTION 'concord_web can use the privileges of concord_owner';
  END IF;
  IF NOT pg_has_role('concord_web', 'concord_app', 'MEMBER') THEN
    RAISE EXCEPTION 'concord_web is not a member of concord_app';
  END IF;
  RAISE NOTICE 'Concord roles are in place: DATABASE_URL as concord_web, DATABASE_OWNER_URL as concord_migrator';
END $$;

COMMIT;

import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { grant, policy, protect } from './rls.ts';

/**
 * Audit you can rely on (issue 12, item 6).
 *
 *   record_audit_event(procedure, target, outcome, request_id)
 *       The only way the application writes an audit event. It takes the authority and the user from the
 *       transaction's settings (app.authority_id, app.user_id), never from its arguments, so the application
 *       cannot put an event in another authority's log or another person's name. It runs as the owner role
 *       (SECURITY DEFINER, a fixed search_path); concord_app loses INSERT on audit_event and may only
 *       EXECUTE it. A transaction acting for no authority writes to the platform log instead, and only if its
 *       user is a platform administrator; anyone else is refused.
 *   audit_event.outcome
 *       gains 'not_found': a refused attempt on a record the caller cannot see (NOT_FOUND on a named id).
 *   platform_audit_event
 *       What a platform administrator does acting for no authority (importing every authority's population
 *       estimates, say), and refusals of such a transaction. Not a tenant's table: it has no authority. Read
 *       by platform administrators only; written by the function only; never changed or removed.
 *
 * FORCE ROW LEVEL SECURITY binds the owner too, so the function's writes pass owner policies that check the
 * same settings again: an insert as the owner is refused unless it is for the transaction's own authority
 * and user.
 */
const OUTCOMES = `('success','denied','not_found')`;
const ADMIN = `EXISTS (SELECT 1 FROM app_user u WHERE u.id = app_user_id() AND u.is_platform_admin)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE audit_event
      DROP CONSTRAINT audit_event_outcome_check,
      ADD CONSTRAINT audit_event_outcome_check CHECK (outcome IN ${sql.raw(OUTCOMES)})`.execute(db);

  await sql`
    CREATE TABLE platform_audit_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id),
      procedure text NOT NULL,
      target text,
      outcome text NOT NULL CHECK (outcome IN ${sql.raw(OUTCOMES)}),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      request_id text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX platform_audit_event_time_idx ON platform_audit_event (occurred_at DESC)`.execute(db);
  await protect(db, 'platform_audit_event');
  await policy(db, 'platform_audit_event', 'platform_audit_event_admin_reads', 'SELECT', { using: ADMIN });
  await grant(db, 'platform_audit_event', 'SELECT');

  // The application no longer appends to audit_event itself.
  await sql`DROP POLICY audit_event_own_authority_appends ON audit_event`.execute(db);
  await sql`REVOKE INSERT, UPDATE, DELETE ON audit_event FROM ${sql.id(APP_ROLE)}`.execute(db);

  // The owner's writes, through the function only (nobody signs in as the owner).
  const owner = sql.id(OWNER_ROLE);
  await sql`CREATE POLICY audit_event_recorded ON audit_event FOR INSERT TO ${owner}
    WITH CHECK (authority_id = nullif(current_setting('app.authority_id', true), '') AND user_id IS NOT DISTINCT FROM app_user_id())`.execute(db);
  await sql`CREATE POLICY platform_audit_event_recorded ON platform_audit_event FOR INSERT TO ${owner}
    WITH CHECK (nullif(current_setting('app.authority_id', true), '') IS NULL AND user_id = app_user_id() AND ${sql.raw(ADMIN)})`.execute(db);
  await sql`CREATE POLICY app_user_self_for_audit ON app_user FOR SELECT TO ${owner} USING (id = app_user_id())`.execute(db);

  await sql`
    CREATE FUNCTION record_audit_event(p_procedure text, p_target text, p_outcome text, p_request_id text) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      acting_authority text := nullif(current_setting('app.authority_id', true), '');
      acting_user uuid := app_user_id();
    BEGIN
      IF acting_authority IS NOT NULL THEN
        INSERT INTO audit_event (authority_id, user_id, procedure, target, outcome, request_id)
          VALUES (acting_authority, acting_user, p_procedure, p_target, p_outcome, p_request_id);
      ELSIF acting_user IS NOT NULL AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = acting_user AND u.is_platform_admin) THEN
        INSERT INTO platform_audit_event (user_id, procedure, target, outcome, request_id)
          VALUES (acting_user, p_procedure, p_target, p_outcome, p_request_id);
      ELSE
        RAISE EXCEPTION 'an audit event needs an authority or a platform administrator to record it for'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
    END $$`.execute(db);
  await sql`ALTER FUNCTION record_audit_event(text, text, text, text) OWNER TO ${owner}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION record_audit_event(text, text, text, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION record_audit_event(text, text, text, text) TO ${sql.id(APP_ROLE)}`.execute(db);
}

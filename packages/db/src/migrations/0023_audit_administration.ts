import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { policy } from './rls.ts';

/**
 * Audit log screens (issue 10, item 5).
 *
 *   audit_event.actor, platform_audit_event.actor
 *       Who acted, as "Name (email)" at the time: record_audit_event now copies it from the acting user's own
 *       row (the only row of app_user it can read). Past actions keep the name they were done under, and a
 *       platform administrator can be told who acted in another authority without reading that authority's
 *       people. Events recorded before this migration have none (the log falls back to the user's current name
 *       where the reader can see it).
 *   audit_is_administration(procedure)
 *       Whether an event is administration: the registry, people and partnership areas (the part of the
 *       procedure's name before the dot). The same three areas as ADMINISTRATION_KINDS in
 *       packages/domain/src/audit/kinds.ts (tests/integration/audit-admin.test.ts checks they agree).
 *   audit_event_platform_reads_administration
 *       A platform administrator's transaction acting for no authority reads the administration events of every
 *       authority, and nothing else of an authority's log: never its sign-ins or its contracts, placements,
 *       returns or budgets. Indexed for paging across authorities.
 */
const ACTOR = `(SELECT u.display_name || ' (' || u.email || ')' FROM app_user u WHERE u.id = acting_user)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE audit_event ADD COLUMN actor text`.execute(db);
  await sql`ALTER TABLE platform_audit_event ADD COLUMN actor text`.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION record_audit_event(p_procedure text, p_target text, p_outcome text, p_request_id text) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      acting_authority text := nullif(current_setting('app.authority_id', true), '');
      acting_user uuid := app_user_id();
    BEGIN
      IF acting_authority IS NOT NULL THEN
        INSERT INTO audit_event (authority_id, user_id, procedure, target, outcome, request_id, actor)
          VALUES (acting_authority, acting_user, p_procedure, p_target, p_outcome, p_request_id, ${sql.raw(ACTOR)});
      ELSIF acting_user IS NOT NULL AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = acting_user AND u.is_platform_admin) THEN
        INSERT INTO platform_audit_event (user_id, procedure, target, outcome, request_id, actor)
          VALUES (acting_user, p_procedure, p_target, p_outcome, p_request_id, ${sql.raw(ACTOR)});
      ELSE
        RAISE EXCEPTION 'an audit event needs an authority or a platform administrator to record it for'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
    END $$`.execute(db);
  await sql`ALTER FUNCTION record_audit_event(text, text, text, text) OWNER TO ${sql.id(OWNER_ROLE)}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION record_audit_event(text, text, text, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION record_audit_event(text, text, text, text) TO ${sql.id(APP_ROLE)}`.execute(db);

  await sql`
    CREATE FUNCTION audit_is_administration(p_procedure text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT split_part(p_procedure, '.', 1) IN ('registry', 'people', 'partnership') $$`.execute(db);
  await sql`CREATE INDEX audit_event_administration_idx ON audit_event (occurred_at DESC, id DESC) WHERE audit_is_administration(procedure)`.execute(db);
  await policy(db, 'audit_event', 'audit_event_platform_reads_administration', 'SELECT', {
    using: `nullif(current_setting('app.authority_id', true), '') IS NULL AND app_is_platform_admin() AND audit_is_administration(procedure)`,
  });
}

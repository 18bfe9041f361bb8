import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { DISTRIBUTED } from './0040_citus_distribution.ts';
import { DISTRIBUTED_TABLES as DISTRIBUTED_BEFORE } from './0056_citus_kpi_reference.ts';
import { policy } from './rls.ts';

/**
 * An authority's audit events are written by the application role, checked by policy; on Citus `audit_event` is
 * distributed by authority_id, co-located with budget (issue 15, item 1; infra/scale-out.md).
 *
 * Why: record_audit_event (0015, 0023, 0038) wrote every event as the owner role (SECURITY DEFINER). On Citus that
 * cannot share co-located placements with the application role's writes in one transaction ("cannot perform query on
 * placements that were modified in this transaction by a different user"), so audit_event had to stay on the
 * coordinator. Now, on every database:
 *
 *   audit_event: the application role may INSERT, and a row only for the transaction's own authority and user, with
 *     that user's own name as actor (audit_event_own_appends: authority_id = app.authority_id, user_id IS NOT
 *     DISTINCT FROM app.user_id, as 0015's owner policy audit_event_recorded checked, which goes: nothing writes as the
 *     owner any more; and `<user_id>/<actor>` IS NOT DISTINCT FROM app.audit_actor, the setting record_audit_event
 *     makes from the user's row just before it inserts, as app.authority_admin binds a role to its user (0051), so an
 *     actor is the user's name at the time or none). It still has no UPDATE, DELETE or TRUNCATE and no policy for
 *     them: the trail stays append-only. What the function chose for it, it cannot choose: concord_audit_stamp, a
 *     trigger reading nothing but the row, gives every row the application role inserts a fresh id and the
 *     transaction's now() as occurred_at (on Citus the shard's transaction's, opened by the coordinator's; nodes keep
 *     one clock). A column privilege would have said it more simply, but Citus names every column, defaults
 *     evaluated on the coordinator, in the INSERT it sends to the shard, so the shard refuses a column-limited grant
 *     ("permission denied for table audit_event_102392", found on the cluster).
 *   record_audit_event: the callers' one entry, unchanged in use, now SECURITY INVOKER: acting for an authority it
 *     reads the actor through concord_audit_actor() (SECURITY DEFINER: "Name (email)" of the transaction's user, the
 *     one row of app_user 0015's app_user_self_for_audit opens to the owner; on Citus, on the coordinator, where
 *     app_user is), sets app.audit_actor (by SET LOCAL on Citus, so that the shard's policy sees it) and inserts as the
 *     application role; acting for none it calls
 *     record_audit_event_outside_authority, SECURITY DEFINER as before, which writes a provider organisation's log or
 *     the platform log (both coordinator tables, as before) or refuses (42501).
 *
 * The callers, each with the settings its event is checked against (every one set by setLocal, so on Citus by SET
 * LOCAL, which reaches the workers):
 *   - trpc.ts recordAudit, every procedure: enterTenant's authority and user → audit_event; a provider organisation's
 *     session → provider_audit_event; a platform administrator acting for no authority → platform_audit_event;
 *     anyone else: no call;
 *   - auth/sign-in.ts openSignedInSession ('auth.signIn'): the new session's user (inTenant) and authority (setLocal),
 *     called only when the person has an authority → audit_event (a provider's person or a platform administrator
 *     with no authority records nothing, as before);
 *   - auth/forgot-password.ts ('auth.forgotPassword'): setLocal of the link's authority and user → audit_event;
 *   - people/links.ts redeemLink ('people.acceptInvitation' / 'people.resetPassword'): setLocal of the redeemed
 *     person and their authority → audit_event;
 *   - organisation/documents-download.ts ('providerDocument.download'): the session's tenant, called only with an
 *     authority → audit_event;
 *   - auth/setup.ts ('auth.setup' / 'auth.setAdminPassword'): a platform administrator, no authority →
 *     platform_audit_event (owner, unchanged);
 *   - organisation/register.ts ('organisation.register'): the person and app.provider_id, no authority →
 *     provider_audit_event (owner, unchanged).
 * provider_verified_audit (0038, a trigger) writes provider_audit_event itself, unchanged.
 *
 * On Citus (the citus extension present) audit_event is then distributed by authority_id, co-located with budget.
 * Its keys:
 *   - PRIMARY KEY (authority_id, id) includes the distribution column: kept (it has no other UNIQUE constraint);
 *   - authority_id → authority (a coordinator table; distributed → local is refused): dropped. The application role's
 *     only way to write a row is audit_event_own_appends, which requires authority_id to be the transaction's
 *     authority, which only a registered authority can be (as 0040 argued for budget); nothing deletes an authority;
 *   - user_id → app_user: dropped. The same policy requires user_id to be the transaction's user (or null when the
 *     transaction has none), and app.user_id is only ever set to a user that exists (a session, a link or a sign-in
 *     found the row); nothing deletes a user (people are deactivated), so the referenced row stays.
 * The owner role (migrations, seed, test fixtures) is trusted as it owns the schema. The
 * audit lists read it in a MATERIALIZED CTE and join people on the coordinator (packages/api/src/audit/queries.ts):
 * Citus 13.2.2 crashed the coordinator on a coordinator table under row-level security joined with a distributed one.
 * Tested in tests/integration/audit.test.ts, tests/tenancy/table-matrix and tests/integration/citus-routing.test.ts.
 */

/** Distributed by authority_id by this migration, co-located with budget. */
export const DISTRIBUTED_0057 = ['audit_event'] as const;

/** Every table distributed on Citus (0040's, 0053's, 0056's and this migration's): the one list code and tests read. */
export const DISTRIBUTED_TABLES = [...DISTRIBUTED_BEFORE, ...DISTRIBUTED_0057] as const;

/** The keys dropped on Citus (argued above). */
const DROPPED = ['audit_event_authority_id_fkey', 'audit_event_user_id_fkey'];

const APP = sql.id(APP_ROLE);
const OWNER = sql.id(OWNER_ROLE);
const AUTHORITY = `nullif(current_setting('app.authority_id', true), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  const citus = rows[0]?.citus === true;
  await appendedByTheApplication(db, citus);
  if (!citus) return;
  for (const constraint of DROPPED) await sql`ALTER TABLE audit_event DROP CONSTRAINT ${sql.id(constraint)}`.execute(db);
  // concord_audit_stamp runs on the shard it fires on; it reads nothing else.
  await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  for (const table of DISTRIBUTED_0057) {
    await sql`SELECT create_distributed_table(${table}, 'authority_id', colocate_with => ${DISTRIBUTED[0]})`.execute(db);
  }
}

async function appendedByTheApplication(db: Kysely<any>, citus: boolean): Promise<void> {
  // plpgsql: its body is not checked against tables when created (Citus creates it on the workers too, without app_user).
  await sql`
    CREATE FUNCTION concord_audit_actor() RETURNS text
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      RETURN (SELECT u.display_name || ' (' || u.email || ')' FROM app_user u WHERE u.id = app_user_id());
    END $$`.execute(db);
  await sql`ALTER FUNCTION concord_audit_actor() OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION concord_audit_actor() FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION concord_audit_actor() TO ${APP}`.execute(db);

  await sql`DROP POLICY audit_event_recorded ON audit_event`.execute(db);
  await policy(db, 'audit_event', 'audit_event_own_appends', 'INSERT', {
    check: `authority_id = ${AUTHORITY} AND user_id IS NOT DISTINCT FROM app_user_id()
      AND (user_id::text || '/' || actor) IS NOT DISTINCT FROM nullif(current_setting('app.audit_actor', true), '')`,
  });
  await sql`GRANT INSERT ON audit_event TO ${APP}`.execute(db);
  await sql`
    CREATE FUNCTION concord_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT pg_has_role(current_user, ${sql.lit(OWNER_ROLE)}, 'MEMBER') THEN
        NEW.id := gen_random_uuid();
        NEW.occurred_at := now();
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER audit_event_stamp BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION concord_audit_stamp()`.execute(db);

  await sql`
    CREATE FUNCTION record_audit_event_outside_authority(p_procedure text, p_target text, p_outcome text, p_request_id text) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      acting_provider uuid := app_provider_id();
      acting_user uuid := app_user_id();
    BEGIN
      IF ${sql.raw(AUTHORITY)} IS NOT NULL THEN
        RAISE EXCEPTION 'an authority''s audit events are recorded by record_audit_event' USING ERRCODE = 'insufficient_privilege';
      ELSIF acting_provider IS NOT NULL THEN
        INSERT INTO provider_audit_event (provider_id, user_id, procedure, target, outcome, request_id, actor)
          VALUES (acting_provider, acting_user, p_procedure, p_target, p_outcome, p_request_id, concord_audit_actor());
      ELSIF acting_user IS NOT NULL AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = acting_user AND u.is_platform_admin) THEN
        INSERT INTO platform_audit_event (user_id, procedure, target, outcome, request_id, actor)
          VALUES (acting_user, p_procedure, p_target, p_outcome, p_request_id, concord_audit_actor());
      ELSE
        RAISE EXCEPTION 'an audit event needs an authority, a provider organisation or a platform administrator to record it for'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
    END $$`.execute(db);
  await sql`ALTER FUNCTION record_audit_event_outside_authority(text, text, text, text) OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION record_audit_event_outside_authority(text, text, text, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION record_audit_event_outside_authority(text, text, text, text) TO ${APP}`.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION record_audit_event(p_procedure text, p_target text, p_outcome text, p_request_id text) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
    DECLARE
      acting_authority text := ${sql.raw(AUTHORITY)};
      acting_user uuid := app_user_id();
      acting_actor text;
    BEGIN
      IF acting_authority IS NULL THEN
        PERFORM record_audit_event_outside_authority(p_procedure, p_target, p_outcome, p_request_id);
        RETURN;
      END IF;
      acting_actor := concord_audit_actor();
      ${citus ? sql.raw(`PERFORM concord_set_local(ARRAY['app.audit_actor'], ARRAY[coalesce(acting_user::text || '/' || acting_actor, '')]);`) : sql.raw(`PERFORM set_config('app.audit_actor', coalesce(acting_user::text || '/' || acting_actor, ''), true);`)}
      INSERT INTO audit_event (authority_id, user_id, procedure, target, outcome, request_id, actor)
        VALUES (acting_authority, acting_user, p_procedure, p_target, p_outcome, p_request_id, acting_actor);
    END $$`.execute(db);
}

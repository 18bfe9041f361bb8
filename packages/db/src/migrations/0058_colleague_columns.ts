import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * app_user's colleague policies without a subquery (issue 15, infra/scale-out.md "app_user's colleagues (0058)").
 *
 * Three policies of app_user asked membership or provider_membership which people are colleagues:
 *   app_user_visible             id IN (SELECT user_id FROM membership WHERE authority_id = app.authority_id)
 *   app_user_admin_deactivates   the same, for an authority administrator's UPDATE (USING and WITH CHECK)
 *   app_user_provider_colleagues id IN (SELECT user_id FROM provider_membership WHERE provider_id = app_provider_id())
 * Citus refuses a policy with a subquery on any table it manages, so app_user, and every table its keys reach, could
 * not become a reference table. Now each person's row carries the relation itself: authority_ids, the authorities
 * they have a membership of (any role), and provider_ids, the provider organisations they have a provider membership
 * of, and the policies read only the row and the settings (`app.authority_id = ANY (authority_ids)`). The subqueries
 * had no other condition (no end dates, no pending state: a membership row is a membership until deleted; a
 * deactivated person stays visible to their authority, as before), and under membership's and provider_membership's
 * own SELECT policies they saw every row of the transaction's authority or provider organisation, so the new
 * conditions are the same sets.
 *
 * The columns are kept exactly in step by AFTER triggers on membership and provider_membership (insert, delete,
 * update of user_id and the authority or provider id): concord_keep_colleague_columns, SECURITY DEFINER as the
 * owner, locks the person's row, then rewrites the column from the person's rows of that table in a new statement,
 * so two transactions adding memberships of one person at once both end up in it (the second waits for the lock and
 * then sees the first's). The owner works under forced row-level security, so it is let in only for that one
 * person, named in app.colleague_columns_user, and only from within a trigger (pg_trigger_depth() > 0): four owner
 * policies below. The application role has no privilege on the columns: its UPDATE grant names disabled_at, and its
 * SELECT on app_user becomes SELECT on the columns it had, so SELECT * of app_user as the
 * application role is refused; its two readers that said selectAll() now name the columns.
 *
 * The same on PGlite, PostgreSQL and Citus: app_user, membership and provider_membership stay coordinator tables
 * here; this removes what kept them from becoming reference tables. Tested in tests/integration/colleague-columns.
 */
const COLLEAGUE_USER = `nullif(current_setting('app.colleague_columns_user', true), '')::uuid`;
/** What the application role may read of app_user, as before this migration (APP_USER_COLUMNS in schema.ts). */
const READABLE = ['id', 'email', 'display_name', 'password_hash', 'is_platform_admin', 'disabled_at', 'created_at'];
const KEEPING = `pg_trigger_depth() > 0`;
const OWN_AUTHORITY_MEMBER = `current_setting('app.authority_id', true) = ANY (authority_ids)`;

export async function up(db: Kysely<any>): Promise<void> {
  const OWNER = sql.id(OWNER_ROLE);
  await sql`ALTER TABLE app_user ADD COLUMN authority_ids text[] NOT NULL DEFAULT '{}', ADD COLUMN provider_ids uuid[] NOT NULL DEFAULT '{}'`.execute(db);

  await ownerPolicy(db, 'app_user', 'app_user_colleague_columns_read', 'SELECT', `USING (id = ${COLLEAGUE_USER} AND ${KEEPING})`);
  await ownerPolicy(db, 'app_user', 'app_user_colleague_columns_kept', 'UPDATE',
    `USING (id = ${COLLEAGUE_USER} AND ${KEEPING}) WITH CHECK (id = ${COLLEAGUE_USER} AND ${KEEPING})`);
  await ownerPolicy(db, 'membership', 'membership_for_colleague_columns', 'SELECT', `USING (user_id = ${COLLEAGUE_USER} AND ${KEEPING})`);
  await ownerPolicy(db, 'provider_membership', 'provider_membership_for_colleague_columns', 'SELECT', `USING (user_id = ${COLLEAGUE_USER} AND ${KEEPING})`);

  // plpgsql: its body is not checked against tables when created.
  await sql`
    CREATE FUNCTION concord_keep_colleague_columns() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      people uuid[];
      person uuid;
    BEGIN
      IF TG_OP = 'INSERT' THEN people := ARRAY[NEW.user_id];
      ELSIF TG_OP = 'DELETE' THEN people := ARRAY[OLD.user_id];
      ELSE people := ARRAY[OLD.user_id, NEW.user_id];
      END IF;
      FOREACH person IN ARRAY people LOOP
        PERFORM set_config('app.colleague_columns_user', person::text, true);
        PERFORM 1 FROM app_user u WHERE u.id = person FOR NO KEY UPDATE;
        IF TG_TABLE_NAME = 'membership' THEN
          UPDATE app_user u SET authority_ids = ARRAY(SELECT DISTINCT m.authority_id FROM membership m WHERE m.user_id = person ORDER BY 1)
          WHERE u.id = person;
        ELSE
          UPDATE app_user u SET provider_ids = ARRAY(SELECT DISTINCT m.provider_id FROM provider_membership m WHERE m.user_id = person ORDER BY 1)
          WHERE u.id = person;
        END IF;
      END LOOP;
      PERFORM set_config('app.colleague_columns_user', '', true);
      RETURN NULL;
    END $$`.execute(db);
  await sql`ALTER FUNCTION concord_keep_colleague_columns() OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION concord_keep_colleague_columns() FROM PUBLIC`.execute(db);
  await sql`
    CREATE TRIGGER membership_keeps_colleague_columns AFTER INSERT OR DELETE OR UPDATE OF user_id, authority_id ON membership
      FOR EACH ROW EXECUTE FUNCTION concord_keep_colleague_columns()`.execute(db);
  await sql`
    CREATE TRIGGER provider_membership_keeps_colleague_columns AFTER INSERT OR DELETE OR UPDATE OF user_id, provider_id ON provider_membership
      FOR EACH ROW EXECUTE FUNCTION concord_keep_colleague_columns()`.execute(db);

  // The backfill reads every row: the tables force row-level security on their owner too, for this statement only.
  for (const table of ['app_user', 'membership', 'provider_membership']) await sql`ALTER TABLE ${sql.id(table)} NO FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    UPDATE app_user u SET
      authority_ids = ARRAY(SELECT DISTINCT m.authority_id FROM membership m WHERE m.user_id = u.id ORDER BY 1),
      provider_ids = ARRAY(SELECT DISTINCT m.provider_id FROM provider_membership m WHERE m.user_id = u.id ORDER BY 1)`.execute(db);
  for (const table of ['app_user', 'membership', 'provider_membership']) await sql`ALTER TABLE ${sql.id(table)} FORCE ROW LEVEL SECURITY`.execute(db);

  await sql`ALTER POLICY app_user_visible ON app_user USING (
    id = app_user_id() OR email = nullif(current_setting('app.sign_in_email', true), '') OR ${sql.raw(OWN_AUTHORITY_MEMBER)})`.execute(db);
  const deactivates = sql.raw(`NOT is_platform_admin AND app_is_authority_admin() AND ${OWN_AUTHORITY_MEMBER}`);
  await sql`ALTER POLICY app_user_admin_deactivates ON app_user USING (${deactivates}) WITH CHECK (${deactivates})`.execute(db);
  await sql`ALTER POLICY app_user_provider_colleagues ON app_user USING (app_provider_id() = ANY (provider_ids))`.execute(db);
  // Not granted to the application role: it neither writes them (its UPDATE grant names disabled_at) nor reads them
  // (which authorities and organisations a colleague belongs to beyond the reader's own: membership hides those). Its
  // SELECT on the whole table becomes SELECT on the columns it had.
  const APP = sql.id(APP_ROLE);
  await sql`REVOKE SELECT ON app_user FROM ${APP}`.execute(db);
  await sql`GRANT SELECT (${sql.join(READABLE.map((c) => sql.id(c)))}) ON app_user TO ${APP}`.execute(db);
}

async function ownerPolicy(db: Kysely<any>, table: string, name: string, command: 'SELECT' | 'UPDATE', clauses: string): Promise<void> {
  await sql`CREATE POLICY ${sql.id(name)} ON ${sql.id(table)} FOR ${sql.raw(command)} TO ${sql.id(OWNER_ROLE)} ${sql.raw(clauses)}`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * The administrator roles as transaction settings (issue 15, infra/scale-out.md "What was verified").
 *
 * app_is_platform_admin() and app_is_authority_admin() (migration 0019) asked app_user and membership, on every call,
 * whether the transaction's user is a platform administrator or an administrator of the authority it acts for. Now
 * they read only settings that enterTenant (packages/db/src/tenant.ts) sets from the database when the transaction
 * starts: from the request's identity (concord_request_identity, the session's person and memberships, read at the
 * start of each request, so revoking a role or a session takes effect on the next request), or, on every other way
 * in (sign-in, invitations, API tokens, the CLI), by refreshAdminRoles reading the user's own row and memberships in
 * the same transaction; never from a request's input. Each setting is bound to whom it was worked out for:
 * app.platform_admin holds the user's id and app.authority_admin '<authority id>/<user id>', and the functions answer
 * true only while app.user_id (and app.authority_id) still name them: switching either part-way carries no
 * administrator role over, and a value naming nobody (such as 'true') makes nobody an administrator.
 *
 * The policies of the registry tables then read only settings, with no subquery: authority's and
 * authority_population's write policies (migrations 0001/0018), which asked app_user directly, call
 * app_is_platform_admin(); membership's already called the two functions. app_user keeps two subqueries, both "the
 * people of my authority" (app_user_visible: its SELECT policy; app_user_admin_deactivates): that relation is many
 * people per authority and many authorities per person, so no per-transaction setting holds it, and a function
 * reading membership is, on a worker's copy of a reference table, a distributed query from within a shard query,
 * which Citus refuses in a transaction that has written.
 *
 * On Citus: nothing more here, for now. Checked on Citus 13.2.2 (infra/scale-out.md, "What was verified"):
 * create_reference_table('authority') converts every coordinator table in its foreign-key graph into a Citus local
 * table (82 of the 86, all but kysely_migration, its lock, sign_in_attempt and sign_in_throttle), and 48 of them carry
 * 119 policies with a subquery, which Citus refuses ("cannot create policy"). With that graph cut by hand in a copy,
 * authority and authority_population became reference tables with these policies, budget took its foreign key back,
 * and the administrators' writes were allowed and refused by the policies and guard trigger on the workers, with the
 * settings sent by concord_set_local. So the distributed tables keep doing without their foreign keys to authority
 * (migration 0040) until the subquery policies are functions reading nothing another node holds.
 */
const PLATFORM_ADMIN = `app_is_platform_admin()`;
const OWN_AUTHORITY = `authority_id = current_setting('app.authority_id', true)`;

export async function up(db: Kysely<any>): Promise<void> {
  // CREATE OR REPLACE keeps the owner and grants. Plain SQL reading only settings: inlined, no table read.
  await sql`
    CREATE OR REPLACE FUNCTION app_is_platform_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT coalesce(nullif(current_setting('app.platform_admin', true), '') = nullif(current_setting('app.user_id', true), ''), false) $$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION app_is_authority_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT coalesce(nullif(current_setting('app.authority_admin', true), '')
        = nullif(current_setting('app.authority_id', true), '') || '/' || nullif(current_setting('app.user_id', true), ''), false) $$`.execute(db);

  await sql`ALTER POLICY authority_changed_by_admin ON authority USING (${sql.raw(PLATFORM_ADMIN)}) WITH CHECK (${sql.raw(PLATFORM_ADMIN)})`.execute(db);
  await sql`ALTER POLICY authority_registered_by_admin ON authority WITH CHECK (${sql.raw(PLATFORM_ADMIN)})`.execute(db);
  const populationWriter = `${PLATFORM_ADMIN} OR ${OWN_AUTHORITY}`;
  await sql`ALTER POLICY authority_population_import ON authority_population WITH CHECK (${sql.raw(populationWriter)})`.execute(db);
  await sql`ALTER POLICY authority_population_reimport ON authority_population USING (${sql.raw(populationWriter)}) WITH CHECK (${sql.raw(populationWriter)})`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Two more roles as transaction settings (issue 15; as migration 0051 did for the administrator roles).
 *
 * Citus refuses a subquery in a policy, and a policy that calls a function reading another table is the same thing in
 * disguise: PostgreSQL inlines a SQL function into the policy, and on a worker the read is a query from within a shard
 * query, refused in a transaction that has written (infra/scale-out.md). Two such functions answered a question about
 * the transaction's own user that the request's identity already carries (concord_request_identity reads the person's
 * roles at the start of each request):
 * - app_partnership_manager() (migration 0021): the user is an authority administrator or commissioner of the authority
 *   the transaction acts for (membership). Called by 11 policies of partnership, partnership_invitation,
 *   partnership_member, partnership_role, partnership_role_version and partnership_event.
 * - app_is_provider_admin() (migration 0029): the user is an administrator of the provider organisation the transaction
 *   acts for (provider_membership). Called by 6 policies of provider_membership, provider_person_link and
 *   provider_audit_event.
 * Now they read only settings that enterTenant (packages/db/src/tenant.ts) sets when the transaction starts: from the
 * request's identity, or on every other way in (and whenever a caller does not say) by refreshAdminRoles, which reads
 * the user's own memberships under their policies in the same statement as the administrator roles; never from a
 * request's input. Each is bound to whom it was worked out for, as 0051's are: app.partnership_manager holds
 * '<authority id>/<user id>' and app.provider_admin '<provider id>/<user id>', and the functions answer true only while
 * app.authority_id (or app.provider_id) and app.user_id still name them.
 *
 * What changes: a role granted or removed during a transaction counts from the next transaction (the next request),
 * as the administrator roles already do, unless the procedure calls refreshAdminRoles. No procedure changes the acting
 * user's own partnership-manager or provider-administrator role and then relies on it in the same transaction: a
 * provider administrator's people procedures check the role before they change anyone's, and the policies ask it of
 * the statement that changes it (tests/integration/manager-roles-settings.test.ts holds the cases).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // CREATE OR REPLACE keeps the owner and grants. Plain SQL reading only settings: inlined, no table read.
  await sql`
    CREATE OR REPLACE FUNCTION app_partnership_manager() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT coalesce(nullif(current_setting('app.partnership_manager', true), '')
        = nullif(current_setting('app.authority_id', true), '') || '/' || nullif(current_setting('app.user_id', true), ''), false) $$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION app_is_provider_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT coalesce(nullif(current_setting('app.provider_admin', true), '')
        = nullif(current_setting('app.provider_id', true), '') || '/' || nullif(current_setting('app.user_id', true), ''), false) $$`.execute(db);
}

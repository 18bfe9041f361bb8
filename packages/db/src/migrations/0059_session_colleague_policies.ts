import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * The colleague relations of session, two_step and api_token without a subquery (issue 15, infra/scale-out.md
 * "Sessions' colleagues (0059)"). Citus refuses any policy with a subquery on a table it manages; seven policies of
 * these three tables asked membership or provider_membership who belongs where. Since migration 0058 each person's
 * app_user row carries the same relation (authority_ids, provider_ids; kept exactly by triggers), so two functions
 * answer it from there, and a function call is not a subquery:
 *   concord_authorities_of(person)  the authorities of the person's memberships that membership_visible shows the
 *                                   transaction: all of them for its own user, else at most app.authority_id;
 *   concord_providers_of(person)    likewise the provider organisations, as provider_membership_visible shows them:
 *                                   all for its own user, else at most app_provider_id().
 * So a function tells the application role (which may not read the columns: 0058's grants) nothing that membership
 * and provider_membership would not show it. Both are STABLE SECURITY DEFINER as the owner, which works under forced
 * row-level security: the owner policy app_user_colleague_ids_read lets it read app_user only while
 * app.colleague_ids_read is 'on', which only the two functions set, around their one query (switched back before they
 * return).
 *
 * Each new condition admits the same rows as the old one. A subquery in a policy runs under the other table's
 * policies for the role that asks, so what it could see counts, and the functions see the same:
 * - api_token_holder (application role), WITH CHECK: `EXISTS membership m WHERE m.user_id = app_user_id() AND
 *   m.authority_id = api_token.authority_id` saw every membership of app_user_id(), as the function gives them, so it
 *   is `authority_id = ANY (concord_authorities_of(app_user_id()))`; the rest of the expression is as it was.
 * - session_holder (application role), WITH CHECK: `authority_id IS NULL OR EXISTS membership of app_user_id() in
 *   session.authority_id`: the same argument.
 * - session_admin_reads / session_admin_ends (application role): `user_id IN (SELECT m.user_id FROM membership m WHERE
 *   m.authority_id = app.authority_id)` saw every membership of the transaction's authority, so it is
 *   `current_setting('app.authority_id', true) = ANY (concord_authorities_of(user_id))` (a missing setting matches
 *   nothing either way). app_is_authority_admin() stays beside it.
 * - two_step_enrolled_of_authority (the owner, inside people_with_two_step()): `user_id IN (SELECT m.user_id FROM
 *   membership m WHERE m.authority_id = app.authority_id AND app.two_step_status = 'on')`, whose rows the owner policy
 *   membership_for_two_step_functions shows it: `app.two_step_status = 'on' AND app.authority_id = ANY
 *   (concord_authorities_of(user_id))`.
 * - session_acts_for_own_organisation_insert / _update (RESTRICTIVE, every role): `provider_id IS NULL OR EXISTS
 *   provider_membership m WHERE m.user_id = session.user_id AND m.provider_id = session.provider_id` becomes
 *   `provider_id IS NULL OR provider_id = ANY (concord_providers_of(user_id))`. For the application role the function
 *   shows what provider_membership_visible showed the subquery: the same set (so an authority administrator still
 *   cannot end a colleague's session acting for an organisation neither of them acts for: not this migration's to
 *   change). The owner saw a person's provider memberships when `user_id = app.user_id` (provider_membership_of_request)
 *   or while registering, sending the outbox or keeping 0058's columns, and sees them now when `user_id = app.user_id`
 *   or the organisation is app.provider_id. What it may write is the same: it inserts no session (it has no INSERT
 *   policy there) and updates sessions in two places only, concord_request_identity, after setting app.user_id to the
 *   session's person (both: a member of the organisation), and redeem_person_link's reset, where neither app.user_id
 *   nor app.provider_id names the person (both refuse a session acting for an organisation); the registering, outbox
 *   and column-keeping functions write no session.
 *
 * Same on PGlite, PostgreSQL and Citus: session, two_step, api_token and app_user stay coordinator tables; this removes
 * what would stop them becoming Citus local tables. Tested in tests/integration/session-colleague-policies.
 */
const OWNER = sql.id(OWNER_ROLE);
const AUTHORITY = `current_setting('app.authority_id', true)`;

const POLICIES: { table: string; name: string; using?: string; check?: string }[] = [
  {
    table: 'api_token',
    name: 'api_token_holder',
    check: `user_id = app_user_id() AND authority_id = ${AUTHORITY} AND authority_id = ANY (concord_authorities_of(app_user_id()))`,
  },
  {
    table: 'session',
    name: 'session_holder',
    check: `user_id = app_user_id() AND (authority_id IS NULL OR authority_id = ANY (concord_authorities_of(app_user_id())))`,
  },
  ...['insert', 'update'].map((command) => ({
    table: 'session',
    name: `session_acts_for_own_organisation_${command}`,
    check: `provider_id IS NULL OR provider_id = ANY (concord_providers_of(user_id))`,
  })),
  ...['reads', 'ends'].map((verb) => {
    const admin = `app_is_authority_admin() AND ${AUTHORITY} = ANY (concord_authorities_of(user_id))`;
    return { table: 'session', name: `session_admin_${verb}`, using: admin, check: verb === 'ends' ? admin : undefined };
  }),
  {
    table: 'two_step',
    name: 'two_step_enrolled_of_authority',
    using: `nullif(current_setting('app.two_step_status', true), '') = 'on' AND ${AUTHORITY} = ANY (concord_authorities_of(user_id))`,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE POLICY app_user_colleague_ids_read ON app_user FOR SELECT TO ${OWNER}
    USING (current_setting('app.colleague_ids_read', true) = 'on')`.execute(db);
  const functions = [
    ['concord_authorities_of', 'text[]', 'authority_ids', AUTHORITY],
    ['concord_providers_of', 'uuid[]', 'provider_ids', 'app_provider_id()'],
  ] as const;
  for (const [name, type, column, transactions] of functions) {
    // The setting is switched on for the one query and back after it, in the body: a `SET app.… = 'on'` clause on the
    // function is refused to a migrator that is not a superuser ("permission denied to set parameter"), as the README's
    // PostgreSQL steps run it. An error in between aborts the (sub)transaction, which restores the setting.
    const shown = `
      DECLARE
        before text := current_setting('app.colleague_ids_read', true);
        answer ${type};
      BEGIN
        PERFORM set_config('app.colleague_ids_read', 'on', true);
        SELECT ARRAY(SELECT x FROM unnest(u.${column}) x WHERE u.id = app_user_id() OR x = ${transactions}) INTO answer
          FROM app_user u WHERE u.id = p_user;
        PERFORM set_config('app.colleague_ids_read', coalesce(before, ''), true);
        RETURN answer;
      END`;
    await sql`
      CREATE FUNCTION ${sql.id(name)}(p_user uuid) RETURNS ${sql.raw(type)}
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS ${sql.lit(shown)}`.execute(db);
    await sql`ALTER FUNCTION ${sql.id(name)}(uuid) OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.id(name)}(uuid) FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.id(name)}(uuid) TO ${sql.id(APP_ROLE)}`.execute(db);
  }
  for (const p of POLICIES) {
    const using = p.using === undefined ? sql`` : sql` USING (${sql.raw(p.using)})`;
    const check = p.check === undefined ? sql`` : sql` WITH CHECK (${sql.raw(p.check)})`;
    await sql`ALTER POLICY ${sql.id(p.name)} ON ${sql.id(p.table)}${using}${check}`.execute(db);
  }
}

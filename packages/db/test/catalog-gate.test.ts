import { APP_ROLE, DISTRIBUTED_TABLES, OWNER_ROLE, REFERENCE_TABLES as CITUS_REFERENCE_TABLES, hasCitus, inTenant, type Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOLD_THEIR_TABLE } from '../src/migrations/0069_triggers_told_their_table.ts';

/**
 * The catalogue gate: what the migrations must leave behind for row-level security to hold. A new
 * table, grant or policy that weakens tenancy fails here before any feature test runs.
 */

const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];
const ALL_TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
/** Tables whose rows every signed-in (or signing-in) transaction may read: published reference data. */
const REFERENCE_TABLES = ['authority', 'authority_population'];
/** Reads the acting authority as every policy must: the setting, with missing_ok, so unset means nobody. */
const READS_AUTHORITY_SETTING = /current_setting\('app\.authority_id'(?:::text)?, true\)/;

let connection: Connection;

beforeAll(async () => {
  connection = await openTestDatabase();
});
afterAll(() => connection?.close());

interface TableSecurity {
  table: string;
  rls: boolean;
  forced: boolean;
  policies: number;
  owner: string;
}

async function publicTables(): Promise<TableSecurity[]> {
  const { rows } = await sql<TableSecurity>`
    SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
      (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies,
      pg_get_userbyid(c.relowner) AS owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname`.execute(connection.db);
  return rows;
}

async function applicationTables(): Promise<TableSecurity[]> {
  return (await publicTables()).filter((t) => !MIGRATION_TABLES.includes(t.table));
}

async function tablesWithAuthorityId(): Promise<string[]> {
  const { rows } = await sql<{ table: string }>`
    SELECT DISTINCT c.table_name AS table
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'authority_id' AND t.table_type = 'BASE TABLE'
    ORDER BY 1`.execute(connection.db);
  return rows.map((r) => r.table);
}

interface Policy {
  table: string;
  name: string;
  roles: string;
  cmd: string;
  qual: string | null;
  with_check: string | null;
}

async function policies(): Promise<Policy[]> {
  const { rows } = await sql<Policy>`
    SELECT tablename AS table, policyname AS name, array_to_string(roles, ',') AS roles, cmd, qual, with_check
    FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename, policyname`.execute(connection.db);
  return rows;
}

async function privileges(role: string, table: string): Promise<Record<string, boolean>> {
  const result: Record<string, boolean> = {};
  for (const privilege of ALL_TABLE_PRIVILEGES) {
    const { rows } = await sql<{ has: boolean }>`
      SELECT has_table_privilege(${role}, ${`public.${table}`}, ${privilege}) AS has`.execute(connection.db);
    result[privilege] = rows[0]!.has;
  }
  for (const privilege of ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES']) {
    const { rows } = await sql<{ has: boolean }>`
      SELECT has_any_column_privilege(${role}, ${`public.${table}`}, ${privilege}) AS has`.execute(connection.db);
    result[`column ${privilege}`] = rows[0]!.has;
  }
  return result;
}

describe('row-level security on every table', () => {
  it('the migration tables exist and are the only ones left out of the application tables', async () => {
    const names = (await publicTables()).map((t) => t.table);
    expect(names).toEqual(expect.arrayContaining([...MIGRATION_TABLES, 'authority', 'audit_event', 'membership', 'session']));
    expect(names.filter((n) => n.startsWith('kysely_'))).toEqual(MIGRATION_TABLES);
  });

  it('every application table has row-level security enabled and forced, and at least one policy', async () => {
    const tables = await applicationTables();
    expect(tables.length).toBeGreaterThan(0);
    const weak = tables.filter((t) => !t.rls || !t.forced || t.policies < 1);
    expect(weak).toEqual([]);
  });

  it('every application table is owned by the owner role, not the application role', async () => {
    const tables = await applicationTables();
    expect(tables.filter((t) => t.owner !== OWNER_ROLE)).toEqual([]);
  });

  it('every table with an authority_id column is protected, and those include audit_event and membership', async () => {
    const withAuthority = await tablesWithAuthorityId();
    expect(withAuthority.length).toBeGreaterThan(0);
    expect(withAuthority).toContain('audit_event');
    expect(withAuthority).toContain('membership');
    const protectedTables = (await applicationTables()).filter((t) => t.rls && t.forced && t.policies > 0).map((t) => t.table);
    expect(withAuthority.filter((t) => !protectedTables.includes(t))).toEqual([]);
  });

  it('no view or materialized view in public (a view reads as its owner and would skip the policies)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
        -- An extension's own views (Citus puts citus_tables and citus_schemas in public) are not Concord's.
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`.execute(connection.db);
    expect(rows).toEqual([]);
  });

  // A SECURITY DEFINER function runs as its owner: only these, each with a fixed search_path.
  const SECURITY_DEFINER: Record<string, string> = {
    // Migration 0057: record_audit_event (now SECURITY INVOKER: an authority's events are the application role's,
    // under audit_event_own_appends) calls this for the provider and platform logs, as 0015's function did, through
    // the owner policies below; and the acting person's "Name (email)" for an event, the one app_user row they open.
    record_audit_event_outside_authority: OWNER_ROLE,
    concord_audit_actor: OWNER_ROLE,
    // Migration 0016: the names of the applied migrations, for the server's start-up check.
    concord_applied_migrations: '',
    // Migration 0017: the first platform administrator from a setup link; owned by the owner role, whose
    // policies on setup_token and app_user (below) limit them to the token named and to platform administrators.
    issue_first_run_setup_token: OWNER_ROLE,
    check_setup_token: OWNER_ROLE,
    redeem_setup_token: OWNER_ROLE,
    // Migration 0019: invitation and reset links; the owner policies below limit them to the link named and its account.
    check_person_link: OWNER_ROLE,
    redeem_person_link: OWNER_ROLE,
    // Migration 0022: who of an authority administrator's authority has two-step verification on (ids only), and
    // "Forgot your password?"; the owner policies below limit them to that authority and to the account named.
    people_with_two_step: OWNER_ROLE,
    issue_forgotten_password_link: OWNER_ROLE,
    // Migration 0024: who a request acts as, from the session cookie's token hash, in one statement; the owner
    // policies below limit it to the session of that hash and its authority's partnership memberships.
    concord_request_identity: OWNER_ROLE,
    // Issue 11 (provider organisations). Migration 0026: a provider registering itself (the owner policies below open
    // only the email and numbers being registered, while it runs); 0029: a provider's invitation links and claims on a
    // register entry, and who may decide a claim (reads only that provider's contracts and placements); 0031: a partnership's
    // name for an open procurement (its reopening check, concord_in_reopening, went with 0064); 0032: how many responses a
    // sealed call-off has (a count, never a row); 0034: the outbox claiming and releasing messages to email.
    concord_register_provider: OWNER_ROLE,
    check_provider_link: OWNER_ROLE,
    redeem_provider_link: OWNER_ROLE,
    concord_claim_provider: OWNER_ROLE,
    app_may_decide_claim: OWNER_ROLE,
    concord_partnership_name: OWNER_ROLE,
    call_off_responses_received: OWNER_ROLE,
    concord_claim_unsent_messages: OWNER_ROLE,
    concord_release_unsent_message: OWNER_ROLE,
    // Migration 0038: a provider organisation's verification entered in its own audit trail (a trigger; the owner
    // policies below open only that organisation's log and the verifying authority's name while it runs).
    provider_verified_audit: OWNER_ROLE,
    // Migration 0037: the deadline reminders due at a moment, written to the recipients' inboxes (the owner policies
    // below open what it reads and writes only while app.reminders is 'on', which only it sets).
    concord_send_due_reminders: OWNER_ROLE,
    // Migration 0045: sign-in records past their purpose removed (the owner policies below open what it deletes only
    // while app.housekeeping is 'on', which only it sets).
    concord_housekeeping: OWNER_ROLE,
    // Migration 0058: app_user's authority_ids and provider_ids kept by triggers on membership and provider_membership
    // (the owner policies below open only the one person named in app.colleague_columns_user, and only in a trigger).
    concord_keep_colleague_columns: OWNER_ROLE,
    // Migration 0059: one person's authority_ids / provider_ids for the colleague policies of session, two_step and
    // api_token (the owner policy below opens app_user only while app.colleague_ids_read is 'on', set around their query).
    concord_authorities_of: OWNER_ROLE,
    concord_providers_of: OWNER_ROLE,
    // Migration 0061: the call-off family's copies of its call-off and responses (triggers; the owner policies below
    // open only the authority named in app.call_off_copies, and only in a trigger).
    concord_call_off_copies: OWNER_ROLE,
    concord_keep_call_off_copies: OWNER_ROLE,
    // Migration 0064: the procurement family's copies of its procurement's facts (triggers; the owner policies below
    // open only the authority named in app.procurement_copies, and only in a trigger).
    concord_procurement_copies: OWNER_ROLE,
    concord_keep_procurement_copies: OWNER_ROLE,
    // Migration 0065: the copies of its application's facts on the rows an application owns (triggers; the owner
    // policies below open only the authority named in app.application_copies, and only in a trigger).
    concord_application_copies: OWNER_ROLE,
    concord_keep_application_copies: OWNER_ROLE,
    // Migration 0066: provider_document's copies of who contracts with its provider and who holds its submitted
    // applications, and a provider membership's confirmed claims (triggers; the owner policies below open only the
    // provider named in app.provider_copies, and only in a trigger).
    concord_provider_document_copies: OWNER_ROLE,
    concord_keep_provider_document_copies: OWNER_ROLE,
    concord_provider_membership_claim_copies: OWNER_ROLE,
    // Migration 0068: the partnership rows' copies of their partnership's lead, and whether the inserter is invited
    // (triggers; the owner policies below open only the partnership named in app.partnership_copies, and only in a trigger).
    concord_partnership_copies: OWNER_ROLE,
    concord_keep_partnership_copies: OWNER_ROLE,
  };

  it('no trigger function chooses what to do by TG_TABLE_NAME: on Citus a trigger fires on a shard, named with its number (migration 0069)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prorettype = 'trigger'::regtype AND p.prosrc ~* 'TG_TABLE_NAME\\s*(=|<>|IN\\M)' ORDER BY 1`.execute(connection.db);
    expect(rows.map((r) => r.name)).toEqual([]);
    // …and the seven that did read their table from their trigger's argument, which every trigger of theirs passes.
    const { rows: triggers } = await sql<{ fn: string; table: string; arg: string }>`
      SELECT p.proname AS fn, t.tgrelid::regclass::text AS table, encode(t.tgargs, 'escape') AS arg
      FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = ANY (${[...TOLD_THEIR_TABLE]}::text[]) AND NOT t.tgisinternal`.execute(connection.db);
    expect(new Set(triggers.map((t) => t.fn))).toEqual(new Set(TOLD_THEIR_TABLE));
    for (const t of triggers) expect({ fn: t.fn, table: t.table, arg: t.arg }).toEqual({ fn: t.fn, table: t.table, arg: `${t.table}\\000` });
  });

  it('no SECURITY DEFINER function in public but the listed ones, each with a fixed search_path', async () => {
    const { rows } = await sql<{ name: string; owner: string; config: string | null }>`
      SELECT p.proname AS name, pg_get_userbyid(p.proowner) AS owner, array_to_string(p.proconfig, ',') AS config
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`.execute(connection.db);
    expect(rows.filter((r) => !(r.name in SECURITY_DEFINER)).map((r) => r.name)).toEqual([]);
    for (const r of rows) {
      expect({ name: r.name, searchPath: /search_path=/.test(r.config ?? '') }).toEqual({ name: r.name, searchPath: true });
      if (SECURITY_DEFINER[r.name]) expect({ name: r.name, owner: r.owner }).toEqual({ name: r.name, owner: SECURITY_DEFINER[r.name] });
    }
    expect(rows.map((r) => r.name)).toContain('record_audit_event_outside_authority');
  });
});

/**
 * Issue 11: the owner policies the provider organisations' SECURITY DEFINER functions work through (registering,
 * invitation links and claims, the outbox, the sealed count, reopenings and partnership names), and two RESTRICTIVE
 * policies for every role that keep a session acting only for an organisation its person belongs to.
 */
const PROVIDER_OWNER_POLICIES = [
  `app_user.app_user_created_by_provider_registration INSERT TO ${OWNER_ROLE}`,
  `app_user.app_user_outbox_select SELECT TO ${OWNER_ROLE}`,
  `app_user.app_user_provider_registration_reads SELECT TO ${OWNER_ROLE}`,
  `application.application_own_for_partnership_name SELECT TO ${OWNER_ROLE}`,
  `authority.authority_for_claim_notice SELECT TO ${OWNER_ROLE}`,
  `authority.authority_named_for_verification SELECT TO ${OWNER_ROLE}`,
  `call_off_response.call_off_response_owner_counts SELECT TO ${OWNER_ROLE}`,
  `contract.contract_of_claimed_provider SELECT TO ${OWNER_ROLE}`,
  `membership.membership_outbox_select SELECT TO ${OWNER_ROLE}`,
  `message.message_claim_notice INSERT TO ${OWNER_ROLE}`,
  `message.message_outbox_select SELECT TO ${OWNER_ROLE}`,
  `message.message_outbox_update UPDATE TO ${OWNER_ROLE}`,
  `partnership.partnership_named_for_caller SELECT TO ${OWNER_ROLE}`,
  `placement.placement_of_claimed_provider SELECT TO ${OWNER_ROLE}`,
  `procurement.procurement_open_for_partnership_name SELECT TO ${OWNER_ROLE}`,
  `provider.provider_created_by_registration INSERT TO ${OWNER_ROLE}`,
  `provider.provider_of_provider_link SELECT TO ${OWNER_ROLE}`,
  `provider.provider_outbox_select SELECT TO ${OWNER_ROLE}`,
  `provider.provider_registration_reads SELECT TO ${OWNER_ROLE}`,
  `provider_audit_event.provider_audit_event_recorded INSERT TO ${OWNER_ROLE}`,
  `provider_audit_event.provider_audit_event_verification INSERT TO ${OWNER_ROLE}`,
  `provider_claim.provider_claim_made_by_registration INSERT TO ${OWNER_ROLE}`,
  `provider_claim.provider_claim_read_by_registration SELECT TO ${OWNER_ROLE}`,
  `provider_membership.provider_membership_created_by_registration INSERT TO ${OWNER_ROLE}`,
  `provider_membership.provider_membership_of_provider_link INSERT TO ${OWNER_ROLE}`,
  `provider_membership.provider_membership_of_request SELECT TO ${OWNER_ROLE}`,
  `provider_membership.provider_membership_outbox_select SELECT TO ${OWNER_ROLE}`,
  `provider_person_link.provider_person_link_this_link ALL TO ${OWNER_ROLE}`,
  `authority.authority_reminders_select SELECT TO ${OWNER_ROLE}`,
  `call_off.call_off_reminders_select SELECT TO ${OWNER_ROLE}`,
  `call_off_invitation.call_off_invitation_reminders_select SELECT TO ${OWNER_ROLE}`,
  `call_off_response.call_off_response_reminders_select SELECT TO ${OWNER_ROLE}`,
  `message.message_reminders_insert INSERT TO ${OWNER_ROLE}`,
  `procurement.procurement_reminders_select SELECT TO ${OWNER_ROLE}`,
  `reopening.reopening_reminders_select SELECT TO ${OWNER_ROLE}`,
  `provider.provider_reminders_select SELECT TO ${OWNER_ROLE}`,
  `provider_application.provider_application_reminders_select SELECT TO ${OWNER_ROLE}`,
  `provider_document.provider_document_reminders_select SELECT TO ${OWNER_ROLE}`,
  `reminder_sent.reminder_sent_reminders_insert INSERT TO ${OWNER_ROLE}`,
  `reminder_sent.reminder_sent_reminders_select SELECT TO ${OWNER_ROLE}`,
  ...['session', 'sign_in_attempt', 'sign_in_throttle'].flatMap((t) => [`${t}.${t}_housekeeping_delete DELETE TO ${OWNER_ROLE}`, `${t}.${t}_housekeeping_select SELECT TO ${OWNER_ROLE}`]),
  `session.session_acts_for_own_organisation_insert INSERT TO public`,
  `session.session_acts_for_own_organisation_update UPDATE TO public`,
];

describe('policies', () => {
  it('every policy applies to the application role only, but the owner policies record_audit_event and the setup functions work through', async () => {
    const all = await policies();
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.filter((p) => p.roles !== APP_ROLE).map((p) => `${p.table}.${p.name} ${p.cmd} TO ${p.roles}`).sort()).toEqual([
      `app_user.app_user_created_by_invitation INSERT TO ${OWNER_ROLE}`,
      `app_user.app_user_created_by_setup INSERT TO ${OWNER_ROLE}`,
      `app_user.app_user_of_person_link SELECT TO ${OWNER_ROLE}`,
      `app_user.app_user_platform_admins_for_setup SELECT TO ${OWNER_ROLE}`,
      `app_user.app_user_reset_by_link UPDATE TO ${OWNER_ROLE}`,
      `app_user.app_user_self_for_audit SELECT TO ${OWNER_ROLE}`,
      `membership.membership_for_two_step_functions SELECT TO ${OWNER_ROLE}`,
      `membership.membership_of_person_link INSERT TO ${OWNER_ROLE}`,
      `partnership_member.partnership_member_of_request SELECT TO ${OWNER_ROLE}`,
      // Migration 0052: what concord_request_identity reads for the led partnerships and the provider's verification.
      `partnership.partnership_of_request SELECT TO ${OWNER_ROLE}`,
      `provider.provider_of_request SELECT TO ${OWNER_ROLE}`,
      `person_link.person_link_this_link ALL TO ${OWNER_ROLE}`,
      `platform_audit_event.platform_audit_event_recorded INSERT TO ${OWNER_ROLE}`,
      `session.session_ended_by_reset_select SELECT TO ${OWNER_ROLE}`,
      `session.session_ended_by_reset_update UPDATE TO ${OWNER_ROLE}`,
      `session.session_of_request_select SELECT TO ${OWNER_ROLE}`,
      `session.session_of_request_update UPDATE TO ${OWNER_ROLE}`,
      `setup_token.setup_token_supersede_first_run_delete DELETE TO ${OWNER_ROLE}`,
      `setup_token.setup_token_supersede_first_run_select SELECT TO ${OWNER_ROLE}`,
      `setup_token.setup_token_this_token ALL TO ${OWNER_ROLE}`,
      `two_step.two_step_enrolled_of_authority SELECT TO ${OWNER_ROLE}`,
      // Migration 0058: what concord_keep_colleague_columns reads and writes, for one person, from within a trigger.
      `app_user.app_user_colleague_columns_kept UPDATE TO ${OWNER_ROLE}`,
      `app_user.app_user_colleague_columns_read SELECT TO ${OWNER_ROLE}`,
      `membership.membership_for_colleague_columns SELECT TO ${OWNER_ROLE}`,
      `provider_membership.provider_membership_for_colleague_columns SELECT TO ${OWNER_ROLE}`,
      // Migration 0059: what concord_authorities_of and concord_providers_of read, only while they run.
      `app_user.app_user_colleague_ids_read SELECT TO ${OWNER_ROLE}`,
      // Migration 0061: what the call-off copies' triggers read and write, for one authority, from within a trigger.
      `call_off_invitation.call_off_invitation_call_off_copies_read SELECT TO ${OWNER_ROLE}`,
      ...['call_off', 'call_off_criterion', 'call_off_outcome', 'call_off_response', 'call_off_response_answer'].flatMap((t) => [
        `${t}.${t}_call_off_copies_kept UPDATE TO ${OWNER_ROLE}`,
        `${t}.${t}_call_off_copies_read SELECT TO ${OWNER_ROLE}`,
      ]),
      // Migration 0064: what the procurement copies' triggers read and write, for one authority, from within a trigger.
      `application.application_procurement_copies_read SELECT TO ${OWNER_ROLE}`,
      ...['procurement', 'lot', 'clarification', 'evaluation_criterion', 'gateway_question', 'procurement_buyer', 'procurement_milestone', 'reopening', 'specification', 'specification_version'].flatMap((t) => [
        `${t}.${t}_procurement_copies_kept UPDATE TO ${OWNER_ROLE}`,
        `${t}.${t}_procurement_copies_read SELECT TO ${OWNER_ROLE}`,
      ]),
      // Migration 0065: what the application copies' triggers read, lock and write, for one authority, from within a trigger.
      `application.application_owned_copies_locked UPDATE TO ${OWNER_ROLE}`,
      `application.application_owned_copies_read SELECT TO ${OWNER_ROLE}`,
      ...['application_lot', 'evaluation_score', 'gateway_answer', 'moderated_score'].flatMap((t) => [
        `${t}.${t}_application_copies_kept UPDATE TO ${OWNER_ROLE}`,
        `${t}.${t}_application_copies_read SELECT TO ${OWNER_ROLE}`,
      ]),
      // Migration 0066: what the provider document copies' triggers read, lock and write, for one provider, from within a trigger.
      `contract.contract_provider_document_copies_read SELECT TO ${OWNER_ROLE}`,
      `provider.provider_document_copies_lock UPDATE TO ${OWNER_ROLE}`,
      `provider.provider_document_copies_lock_read SELECT TO ${OWNER_ROLE}`,
      `provider_application.provider_application_document_copies_read SELECT TO ${OWNER_ROLE}`,
      `provider_claim.provider_claim_membership_copies_read SELECT TO ${OWNER_ROLE}`,
      `provider_document.provider_document_copies_kept UPDATE TO ${OWNER_ROLE}`,
      `provider_document.provider_document_copies_read SELECT TO ${OWNER_ROLE}`,
      // Migration 0068: what the partnership copies' triggers read, lock and write, for one partnership, from within a trigger.
      `partnership.partnership_copies_lock UPDATE TO ${OWNER_ROLE}`,
      `partnership.partnership_copies_lock_read SELECT TO ${OWNER_ROLE}`,
      ...['partnership_event', 'partnership_invitation', 'partnership_member', 'partnership_role'].flatMap((t) => [
        `${t}.${t}_partnership_copies_kept UPDATE TO ${OWNER_ROLE}`,
        `${t}.${t}_partnership_copies_read SELECT TO ${OWNER_ROLE}`,
      ]),
    ].concat(PROVIDER_OWNER_POLICIES).sort());
  });

  it('only the reference tables have a policy that lets every row through', async () => {
    const all = await policies();
    // Not counted: the session's RESTRICTIVE update policy, whose USING (true) narrows nothing by itself while its
    // WITH CHECK keeps the organisation the person's own. (Migration 0031's owner read of every reopening went with 0064.)
    const ownerOrRestrictive = (p: Policy) => p.roles === OWNER_ROLE || (p.table === 'session' && p.roles === 'public');
    const open = all.filter((p) => !ownerOrRestrictive(p) && (p.qual === 'true' || p.with_check === 'true'));
    expect(all.filter((p) => ownerOrRestrictive(p) && p.qual === 'true').map((p) => `${p.table}.${p.name} ${p.cmd}`).sort()).toEqual([
      'session.session_acts_for_own_organisation_update UPDATE',
    ]);
    expect([...new Set(open.map((p) => p.table))].sort()).toEqual(REFERENCE_TABLES);
    // …and those are read-only: the open policy is for SELECT.
    expect(open.map((p) => p.cmd)).toEqual(REFERENCE_TABLES.map(() => 'SELECT'));
  });

  // A session belongs to its user, not to an authority: its policy scopes by user and only checks that
  // the authority it acts for is one of the user's memberships (tested in the table matrix).
  const USER_SCOPED_TABLES = ['session'];

  it('on tables with authority_id, every policy that speaks of the authority reads app.authority_id with missing_ok', async () => {
    const withAuthority = await tablesWithAuthorityId();
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const p of await policies()) {
      if (!withAuthority.includes(p.table) || REFERENCE_TABLES.includes(p.table) || USER_SCOPED_TABLES.includes(p.table)) continue;
      for (const [clause, text] of [['USING', p.qual], ['WITH CHECK', p.with_check]] as const) {
        if (text === null || !/authority/i.test(text)) continue;
        // A provider organisation's policy scopes by app_provider_id() (issue 11); it names authority_id only to join
        // the row to its call-off or contract, never to decide which authority acts.
        if (/app_provider_id\(\)/.test(text) && !/app\.authority_id/.test(text)) continue;
        // The owner's policies on the inbox, behind the functions and triggers that leave messages for authorities no
        // transaction acts for (a claim's deciders, issue 11), name authority_id as the recipient, not as who acts.
        if (p.table === 'message' && p.roles === OWNER_ROLE && !/app\.authority_id/.test(text)) continue;
        // The owner's policies behind migration 0061's copy-keeping triggers name authority_id as the authority whose
        // call-off rows a trigger keeps (app.call_off_copies, set only by those triggers), not as who acts.
        if (p.roles === OWNER_ROLE && /app\.call_off_copies/.test(text) && !/app\.authority_id/.test(text)) continue;
        // The same for migration 0064's procurement copies, 0065's application copies and 0068's partnership copies.
        if (p.roles === OWNER_ROLE && /app\.(procurement|application|partnership)_copies/.test(text) && !/app\.authority_id/.test(text)) continue;
        checked.push(`${p.table}.${p.name} ${clause}`);
        if (!READS_AUTHORITY_SETTING.test(text)) wrong.push(`${p.table}.${p.name} ${clause}: ${text}`);
      }
    }
    expect(wrong).toEqual([]);
    // The tables that scope by authority (audit_event in both clauses) were really looked at.
    expect(checked).toEqual(
      expect.arrayContaining([
        'audit_event.audit_event_own_authority_reads USING',
        'audit_event.audit_event_own_appends WITH CHECK',
        'membership.membership_visible USING',
        'partnership_member.partnership_member_visible USING',
        'partnership_role.partnership_role_visible USING',
      ]),
    );
  });

  it('no policy reads app.authority_id without missing_ok (an unset setting must mean nobody, not an error)', async () => {
    const bad = (await policies())
      .flatMap((p) => [p.qual, p.with_check])
      .filter((text): text is string => text !== null && text.includes('app.authority_id'))
      .filter((text) => !READS_AUTHORITY_SETTING.test(text));
    expect(bad).toEqual([]);
  });
});

describe('the application role', () => {
  it('is neither superuser nor BYPASSRLS, and cannot log in by itself (on Citus it must: worker connections open as it)', async () => {
    const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>`
      SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(connection.db);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: await hasCitus(connection.db) }]);
  });

  it('owns no table and no function in this database', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT (SELECT count(*)::int FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = ${APP_ROLE}))
           + (SELECT count(*)::int FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = ${APP_ROLE})) AS n`.execute(
      connection.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('is not a member of the owner role, and cannot create objects in public', async () => {
    const { rows } = await sql<{ member: boolean; usage: boolean; create: boolean }>`
      SELECT pg_has_role(${APP_ROLE}, ${OWNER_ROLE}, 'MEMBER') AS member,
             pg_has_role(${APP_ROLE}, ${OWNER_ROLE}, 'USAGE') AS usage,
             has_schema_privilege(${APP_ROLE}, 'public', 'CREATE') AS create`.execute(connection.db);
    expect(rows).toEqual([{ member: false, usage: false, create: false }]);
  });

  it('has only SELECT and INSERT on audit_event: events are appended (migration 0057), never changed or removed', async () => {
    expect(await privileges(APP_ROLE, 'audit_event')).toEqual({
      SELECT: true,
      INSERT: true,
      UPDATE: false,
      DELETE: false,
      TRUNCATE: false,
      REFERENCES: false,
      TRIGGER: false,
      'column SELECT': true,
      'column INSERT': true,
      'column UPDATE': false,
      'column REFERENCES': false,
    });
    const { rows } = await sql<{ may: boolean }>`
      SELECT has_function_privilege(${APP_ROLE}, 'record_audit_event(text, text, text, text)', 'EXECUTE') AS may`.execute(connection.db);
    expect(rows).toEqual([{ may: true }]);
  });

  it('has no privilege at all on the migration tables', async () => {
    for (const table of MIGRATION_TABLES) {
      const granted = Object.entries(await privileges(APP_ROLE, table)).filter(([, has]) => has);
      expect({ table, granted }).toEqual({ table, granted: [] });
    }
  });

  it('is the current user inside inTenant, whatever the settings', async () => {
    const settings = [
      {},
      { authorityId: 'E08000014' },
      { authorityId: 'E08000014', userId: '00000000-0000-4000-8000-000000000001' },
      { signInEmail: 'someone@concord.example', signInIp: '192.0.2.1' },
      { sessionTokenHash: 'abc' },
    ];
    for (const s of settings) {
      const user = await inTenant(connection.db, s, async (trx) => (await sql<{ u: string }>`SELECT current_user AS u`.execute(trx)).rows[0]!.u);
      expect({ settings: s, user }).toEqual({ settings: s, user: APP_ROLE });
    }
    // …and the owner connection outside it is not.
    const { rows } = await sql<{ u: string }>`SELECT current_user AS u`.execute(connection.db);
    expect(rows[0]!.u).not.toBe(APP_ROLE);
  });
});

describe('on Citus (issue 15)', () => {
  /**
   * The Citus tables of one kind (hash-distributed, or reference) with each one's number of policies; without Citus,
   * after checking that nothing is distributed, null.
   */
  async function citusTables(kind: 'distributed' | 'reference'): Promise<{ table: string; policies: number }[] | null> {
    if (!(await hasCitus(connection.db))) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'pg_dist_partition'`.execute(connection.db);
      expect(rows).toEqual([{ n: 0 }]);
      return null;
    }
    const { rows } = await sql<{ table: string; policies: number }>`
      SELECT p.logicalrelid::regclass::text AS table, (SELECT count(*)::int FROM pg_policy WHERE polrelid = p.logicalrelid) AS policies
      FROM pg_dist_partition p
      WHERE ${kind === 'distributed' ? sql`p.partmethod = 'h'` : sql`p.partmethod = 'n' AND p.repmodel = 't'`} ORDER BY 1`.execute(connection.db);
    return rows;
  }

  /** How many copies `table` has (its shards, or its placements on the nodes), and those whose row-level security is not enabled and forced with `policies` policies. */
  async function copiesOf(table: string, policies: number, of: 'shards' | 'placements'): Promise<{ count: number; wrong: unknown[] }> {
    const run = of === 'shards' ? sql`run_command_on_shards` : sql`run_command_on_placements`;
    const { rows } = await sql<{ success: boolean; result: string }>`
      SELECT success, result FROM ${run}(${table},
        $$SELECT (c.relrowsecurity AND c.relforcerowsecurity)::text || ',' || (SELECT count(*) FROM pg_policy WHERE polrelid = c.oid)
          FROM pg_class c WHERE c.oid = '%s'::regclass$$)`.execute(connection.db);
    return { count: rows.length, wrong: rows.filter((r) => !r.success || r.result !== `true,${policies}`) };
  }

  it('every shard of every distributed table has row-level security enabled and forced and the same policies; without Citus nothing is distributed', async () => {
    const tables = await citusTables('distributed');
    if (!tables) return;
    // Exactly the tables migrations 0040, 0053, 0056 and 0057 distribute, each checked below.
    expect(tables.map((t) => t.table)).toEqual([...DISTRIBUTED_TABLES].sort());
    for (const { table, policies } of tables) {
      const shards = await copiesOf(table, policies, 'shards');
      expect(shards.count).toBeGreaterThan(1);
      expect({ table, wrong: shards.wrong }).toEqual({ table, wrong: [] });
    }
  });

  it('every placement of every reference table, on every node, has row-level security enabled and forced and the same policies; without Citus there are none', async () => {
    const tables = await citusTables('reference');
    if (!tables) return;
    // Exactly the reference tables of migration 0056, each checked on every node that holds a copy.
    expect(tables.map((t) => t.table)).toEqual([...CITUS_REFERENCE_TABLES].sort());
    const { rows: nodes } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_dist_node WHERE isactive AND noderole = 'primary'`.execute(connection.db);
    for (const { table, policies } of tables) {
      expect(policies).toBeGreaterThan(0);
      const placements = await copiesOf(table, policies, 'placements');
      expect(placements.count).toBe(nodes[0]!.n);
      expect({ table, wrong: placements.wrong }).toEqual({ table, wrong: [] });
    }
  });
});

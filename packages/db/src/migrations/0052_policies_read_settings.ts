import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * The policies whose subquery a per-transaction setting can answer read settings instead (issue 15,
 * infra/scale-out.md "What was verified"): Citus refuses any policy with a subquery on a table it manages, and 119 of
 * Concord's had one. Migration 0051 did this for the administrator roles; this does it for three more shapes, 81
 * policies in all, each changed by ALTER POLICY (same name, command, roles and permissiveness by construction) with
 * only the subquery replaced, the rest of its expression as it was:
 *
 * 1. "The row's authority leads its partnership" (67 policies, the lead's writes of every partnership-shared table:
 *    `authority_id = (SELECT p.lead_authority_id FROM partnership p WHERE p.id = <table>.partnership_id)`, always next
 *    to `authority_id = current_setting('app.authority_id', true) AND partnership_id = ANY (app_partnership_ids())`)
 *    becomes `partnership_id = ANY (app_leading_partnership_ids())`: the partnerships the transaction's authority leads
 *    and is a current member of, which enterTenant puts into app.led_partnership_ids beside app.partnership_ids (from
 *    the request's identity, or looked up in the same statement as app.partnership_ids by refreshPartnershipIds, which
 *    is also called after proposing or joining a partnership and after taking over its lead). Not
 *    app_led_partnership_ids() (migration 0021): that one reads partnership, every partnership the authority leads,
 *    member or not yet, which partnership_member_joins needs while the lead's own membership row is being written.
 * 2. "The provider organisation is verified" (9 policies: a provider's contracts, monitoring returns, call-offs and
 *    invitations) becomes app_provider_verified(): true only while app.verified_provider_id names the organisation
 *    the transaction acts for (app.provider_id), so a value naming another organisation grants nothing. enterTenant
 *    sets it from the request's identity, or looks it up with the administrator roles. Not app.provider_verified:
 *    migration 0038's verification trigger uses that name, with another meaning, and clears it.
 * 3. `(SELECT app_is_platform_admin())` (3 policies of provider and provider_location; a sublink, refused by Citus)
 *    becomes the plain call, and platform_audit_event's `EXISTS (SELECT 1 FROM app_user u WHERE u.id = app_user_id()
 *    AND u.is_platform_admin)` (2 policies) becomes app_is_platform_admin(): it reads only settings since 0051.
 *
 * concord_request_identity (migration 0026) returns two more columns, the led partnerships and whether the session's
 * provider organisation is verified, so a request still costs one statement for who it is. It runs as the owner, so
 * two owner policies let it read what it needs: the partnerships the request's authority leads, and the request's
 * provider organisation (it sets app.provider_id for that, as it sets app.user_id and app.authority_id).
 *
 * Left with a subquery (43 policies on 30 tables; 38 untouched and 5 that lost only their verified-provider subquery
 * here): a relation many rows wide, or a row of another table, which no per-transaction setting holds:
 * - colleague relations through membership / provider_membership: api_token_holder, app_user_admin_deactivates,
 *   app_user_provider_colleagues, app_user_visible, session_acts_for_own_organisation_insert/_update, session_admin_ends,
 *   session_admin_reads, session_holder, two_step_enrolled_of_authority, provider_membership_by_confirmed_claim;
 * - procurement visibility to providers (what is open, what they applied to): application_submitted_by_provider,
 *   application_lot_provider_reads_own, application_lot_submitted_by_provider, clarification_open_to_providers,
 *   clarification_question_asked, evaluation_criterion_open_to_providers, evaluation_score_provider_reads_own_decided,
 *   gateway_answer_provider_reads_own_decided, gateway_question_open_to_providers, lot_open_to_providers,
 *   moderated_score_provider_reads_own_decided, procurement_open_for_partnership_name, procurement_open_to_providers,
 *   procurement_buyer_open_to_providers, procurement_milestone_open_to_providers, procurement_notice_partnership_reads,
 *   provider_application_own_drafts, reopening_open_to_providers, specification_open_to_providers,
 *   specification_version_open_to_providers, provider_document_contracting_authority_reads,
 *   provider_document_lead_reads_submitted;
 * - call-offs (invitations, deadlines, outcomes, responses): call_off_invited_provider_reads,
 *   call_off_criterion_invited_provider_reads, call_off_outcome_provider_reads_own_after_award,
 *   call_off_response_authority_reads_after_deadline, call_off_response_provider_submits,
 *   call_off_response_answer_authority_reads_after_deadline, call_off_response_answer_provider_answers,
 *   call_off_response_answer_provider_reads_own; and the contract check of provider_monitoring_return_provider_adds
 *   and _provider_corrects. (call_off_invited_provider_reads, call_off_criterion_invited_provider_reads,
 *   call_off_response_provider_submits and these two are the 5 that lost their verified-provider subquery here.)
 */
const OWNER = sql.id(OWNER_ROLE);

/** Each subquery shape as PostgreSQL prints it in pg_policies (whitespace free), and what replaces it. */
const REWRITES: { name: string; shape: RegExp; replace: (table: string, ...groups: string[]) => string }[] = [
  {
    name: 'lead',
    shape: /\(authority_id = \(\s*SELECT p\.lead_authority_id\s+FROM partnership p\s+WHERE \(p\.id = (\w+)\.partnership_id\)\)\)/g,
    replace: (table, named) => {
      if (named !== table) throw new Error(`0052: ${table}'s lead policy names ${named}'s partnership`);
      return '(partnership_id = ANY (app_leading_partnership_ids()))';
    },
  },
  {
    name: 'verified provider',
    shape: /\(EXISTS \(\s*SELECT 1\s+FROM provider vp\s+WHERE \(\(vp\.id = app_provider_id\(\)\) AND \(vp\.verified_at IS NOT NULL\)\)\)\)/g,
    replace: () => 'app_provider_verified()',
  },
  {
    name: 'platform administrator (sublink)',
    shape: /\(\s*SELECT app_is_platform_admin\(\) AS app_is_platform_admin\)/g,
    replace: () => 'app_is_platform_admin()',
  },
  {
    name: 'platform administrator (app_user)',
    shape: /\(EXISTS \(\s*SELECT 1\s+FROM app_user u\s+WHERE \(\(u\.id = app_user_id\(\)\) AND u\.is_platform_admin\)\)\)/g,
    replace: () => 'app_is_platform_admin()',
  },
];

/** How many policies 0052 finds in each shape: a different count means the catalog is not what this was written for. */
const EXPECTED = 81;

function rewrite(table: string, expression: string | null): string | null {
  if (expression === null) return null;
  return REWRITES.reduce((text, r) => text.replace(r.shape, (_m, ...groups: string[]) => r.replace(table, ...groups)), expression);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION app_leading_partnership_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
    $$ SELECT coalesce(string_to_array(nullif(current_setting('app.led_partnership_ids', true), ''), ',')::uuid[], '{}') $$`.execute(db);
  await sql`
    CREATE FUNCTION app_provider_verified() RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT coalesce(nullif(current_setting('app.verified_provider_id', true), '') = nullif(current_setting('app.provider_id', true), ''), false) $$`.execute(db);

  const { rows } = await sql<{ table: string; policy: string; qual: string | null; check: string | null }>`
    SELECT tablename AS table, policyname AS policy, qual, with_check AS check FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2`.execute(db);
  let changed = 0;
  for (const p of rows) {
    const [qual, check] = [rewrite(p.table, p.qual), rewrite(p.table, p.check)];
    if (qual === p.qual && check === p.check) continue;
    changed += 1;
    const using = qual === null ? sql`` : sql` USING (${sql.raw(qual)})`;
    const withCheck = check === null ? sql`` : sql` WITH CHECK (${sql.raw(check)})`;
    await sql`ALTER POLICY ${sql.id(p.policy)} ON ${sql.id(p.table)}${using}${withCheck}`.execute(db);
  }
  if (changed !== EXPECTED) throw new Error(`0052: expected ${EXPECTED} policies with a subquery a setting answers, found ${changed}`);

  // What concord_request_identity (SECURITY DEFINER, as the owner) reads for the two new columns.
  await sql`CREATE POLICY partnership_of_request ON partnership FOR SELECT TO ${OWNER}
    USING (lead_authority_id = current_setting('app.authority_id', true))`.execute(db);
  await sql`CREATE POLICY provider_of_request ON provider FOR SELECT TO ${OWNER} USING (id = app_provider_id())`.execute(db);
  await requestIdentity(db);
}

/**
 * concord_request_identity (migration 0026) again, with the partnerships the session's authority leads (and is a
 * current member of) and whether the session's provider organisation is verified. Its body is 0026's, but for
 * app.provider_id (for the owner policy provider_of_request) and the two columns.
 */
async function requestIdentity(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION concord_request_identity(text, timestamptz, integer, integer, integer)`.execute(db);
  await sql`
    CREATE FUNCTION concord_request_identity(p_token_hash text, p_now timestamptz, p_idle_seconds integer, p_absolute_seconds integer,
        p_touch_after_seconds integer)
      RETURNS TABLE (session_id uuid, person_id uuid, email text, display_name text, is_platform_admin boolean, acts_for text,
        two_step_pending boolean, roles text[], partnership_ids text, acts_for_provider uuid, provider_roles text[],
        led_partnership_ids text, provider_verified boolean)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      s record;
    BEGIN
      PERFORM set_config('app.session_token_hash', p_token_hash, true);
      SELECT x.id, x.user_id, x.authority_id, x.provider_id, x.last_seen_at, x.two_step_pending INTO s FROM session x
        WHERE x.token_hash = p_token_hash AND x.revoked_at IS NULL
          AND x.created_at > p_now - make_interval(secs => p_absolute_seconds)
          AND x.last_seen_at > p_now - make_interval(secs => p_idle_seconds);
      IF NOT FOUND THEN
        RETURN;
      END IF;
      PERFORM set_config('app.user_id', s.user_id::text, true);
      PERFORM set_config('app.authority_id', coalesce(s.authority_id, ''), true);
      PERFORM set_config('app.provider_id', coalesce(s.provider_id::text, ''), true);
      IF p_now - s.last_seen_at >= make_interval(secs => p_touch_after_seconds) THEN
        UPDATE session SET last_seen_at = p_now WHERE id = s.id;
      END IF;
      RETURN QUERY
        SELECT s.id, u.id, u.email, u.display_name, u.is_platform_admin, s.authority_id, s.two_step_pending,
          coalesce(ARRAY(SELECT m.role FROM membership m WHERE m.user_id = u.id AND m.authority_id = s.authority_id ORDER BY m.role), '{}'),
          coalesce((SELECT string_agg(pm.partnership_id::text, ',' ORDER BY pm.partnership_id) FROM partnership_member pm
            WHERE pm.authority_id = s.authority_id AND (pm.left_on IS NULL OR pm.left_on > current_date)), ''),
          s.provider_id,
          coalesce(ARRAY(SELECT pm.role FROM provider_membership pm WHERE pm.user_id = u.id AND pm.provider_id = s.provider_id ORDER BY pm.role), '{}'),
          coalesce((SELECT string_agg(pm.partnership_id::text, ',' ORDER BY pm.partnership_id) FROM partnership_member pm
            JOIN partnership p ON p.id = pm.partnership_id AND p.lead_authority_id = pm.authority_id
            WHERE pm.authority_id = s.authority_id AND (pm.left_on IS NULL OR pm.left_on > current_date)), ''),
          EXISTS (SELECT 1 FROM provider v WHERE v.id = s.provider_id AND v.verified_at IS NOT NULL)
        FROM app_user u WHERE u.id = s.user_id AND u.disabled_at IS NULL;
    END $$`.execute(db);
  const signature = 'concord_request_identity(text, timestamptz, integer, integer, integer)';
  await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { policy, protect } from './rls.ts';

/**
 * Gaps a council would notice in the providers' side (issue 11).
 *
 *   Claims are told: a claim on a register entry (migration 0029's concord_claim_provider) leaves a message in the
 *     inbox of every authority that may decide it (app_may_decide_claim's rule: those with a contract or placement
 *     with the provider, or every active authority when none has), linking to the provider's page where a
 *     commissioner decides. A trigger on the claim's insert writes them, as the owner role inside the registration
 *     (the owner policies below open authorities and claim messages only while app.provider_registration is on).
 *   The lead reads an applicant's submitted documents: an authority reads a provider document named in a submitted
 *     online application it can see (the subquery on provider_application runs under the authority's own row-level
 *     security: the lead's submitted applications only). Not drafts, not the profile's other documents.
 *   concord_partnership_name(id) answers only what the caller may see: for an authority one of its partnerships (a
 *     member's or the lead's); for a provider organisation one with a procurement open to it (or one it applied to).
 *     The owner's policies it reads through are bound to app.partnership_name_check, on only while it runs, and the
 *     providers' procurement policy is made again from the same words, so the rule is written once.
 *   provider_audit_event: a provider organisation's own audit trail. record_audit_event (migrations 0015, 0023) now
 *     writes a transaction acting for an organisation to it, taking the organisation and person from the settings as
 *     it does an authority's; only the organisation's provider administrators read it; nobody changes or removes one.
 *     Its verification (by the platform administrator or a council, which record it in their own logs) is entered in
 *     it too, by a trigger as the owner, naming the council or the platform administrator.
 */
const OWNER = sql.id(OWNER_ROLE);
const REGISTERING = `current_setting('app.provider_registration', true) = 'on'`;
const ACTING_FOR_AN_AUTHORITY = `current_setting('app.authority_id', true) <> ''`;
const NAMING = `current_setting('app.partnership_name_check', true) = 'on'`;

/** A procurement open to the provider organisation the transaction acts for (migration 0031's rule, in one place). */
const OPEN_TO_THIS_PROVIDER = `app_provider_id() IS NOT NULL AND (status = 'published'
  OR (status = 'live' AND route IN ('pdps','dps','dynamic_market'))
  OR (status = 'live' AND route = 'framework' AND concord_in_reopening(id))
  OR id IN (SELECT a.procurement_id FROM application a WHERE a.provider_id = app_provider_id() AND a.submitted_at IS NOT NULL))`;

export async function up(db: Kysely<any>): Promise<void> {
  await claimsAreTold(db);
  await leadReadsSubmittedDocuments(db);
  await partnershipNameAsSeen(db);
  await providerAuditTrail(db);
}

async function claimsAreTold(db: Kysely<any>): Promise<void> {
  await sql`CREATE POLICY authority_for_claim_notice ON authority FOR SELECT TO ${OWNER} USING (${sql.raw(REGISTERING)})`.execute(db);
  await sql`CREATE POLICY message_claim_notice ON message FOR INSERT TO ${OWNER} WITH CHECK (${sql.raw(REGISTERING)} AND kind = 'provider_claim'
    AND authority_id IS NOT NULL AND from_authority_id IS NULL AND from_provider_id IS NULL)`.execute(db);
  await sql`
    CREATE FUNCTION provider_claim_tell_deciders() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
    DECLARE
      entry_name text;
      v_subject text;
      v_body text;
      v_link text := '/providers/' || NEW.provider_id;
    BEGIN
      SELECT p.legal_name INTO entry_name FROM provider p WHERE p.id = NEW.provider_id;
      v_subject := 'Claim to confirm: ' || coalesce(entry_name, NEW.legal_name);
      v_body := NEW.claimant_name || ' (' || NEW.claimant_email || ') registered ' || NEW.legal_name || ' with the '
        || concat_ws(' and ', 'Companies House number ' || NEW.companies_house_number, 'CQC provider ID ' || NEW.cqc_provider_id)
        || ' of the register entry ' || coalesce(entry_name, NEW.legal_name) || ', and claims that entry as theirs. '
        || 'A commissioner confirms the claim (they become its provider administrator) or refuses it on the provider''s page.';
      -- Who may decide (app_may_decide_claim): the authorities with a contract or placement with it, or any when none has.
      PERFORM set_config('app.claim_provider', NEW.provider_id::text, true);
      INSERT INTO message (authority_id, kind, subject, body, link)
        SELECT d.authority_id, 'provider_claim', v_subject, v_body, v_link FROM (
          SELECT c.authority_id FROM contract c WHERE c.provider_id = NEW.provider_id
          UNION SELECT pl.authority_id FROM placement pl WHERE pl.provider_id = NEW.provider_id) d;
      IF NOT FOUND THEN
        INSERT INTO message (authority_id, kind, subject, body, link)
          SELECT a.id, 'provider_claim', v_subject, v_body, v_link FROM authority a WHERE a.active;
      END IF;
      PERFORM set_config('app.claim_provider', '', true);
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER provider_claim_tell_deciders AFTER INSERT ON provider_claim FOR EACH ROW EXECUTE FUNCTION provider_claim_tell_deciders()`.execute(db);
}

async function leadReadsSubmittedDocuments(db: Kysely<any>): Promise<void> {
  await policy(db, 'provider_document', 'provider_document_lead_reads_submitted', 'SELECT', {
    using: `${ACTING_FOR_AN_AUTHORITY} AND EXISTS (SELECT 1 FROM provider_application pa
      WHERE pa.provider_id = provider_document.provider_id AND provider_document.id = ANY(pa.document_ids)
        AND pa.submitted_at IS NOT NULL AND pa.authority_id = current_setting('app.authority_id', true))`,
  });
}

async function partnershipNameAsSeen(db: Kysely<any>): Promise<void> {
  await sql`DROP POLICY procurement_open_to_providers ON procurement`.execute(db);
  await policy(db, 'procurement', 'procurement_open_to_providers', 'SELECT', { using: OPEN_TO_THIS_PROVIDER });
  await sql`CREATE POLICY procurement_open_for_partnership_name ON procurement FOR SELECT TO ${OWNER}
    USING (${sql.raw(NAMING)} AND ${sql.raw(OPEN_TO_THIS_PROVIDER)})`.execute(db);
  await sql`CREATE POLICY application_own_for_partnership_name ON application FOR SELECT TO ${OWNER}
    USING (${sql.raw(NAMING)} AND provider_id = app_provider_id() AND submitted_at IS NOT NULL)`.execute(db);
  await sql`DROP POLICY partnership_name_for_providers ON partnership`.execute(db);
  await sql`CREATE POLICY partnership_named_for_caller ON partnership FOR SELECT TO ${OWNER} USING (${sql.raw(NAMING)})`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION concord_partnership_name(p_partnership_id uuid) RETURNS text
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      acting text := nullif(current_setting('app.authority_id', true), '');
      answer text;
    BEGIN
      PERFORM set_config('app.partnership_name_check', 'on', true);
      SELECT p.name INTO answer FROM partnership p WHERE p.id = p_partnership_id
        AND CASE
          WHEN acting IS NOT NULL THEN p.id = ANY(app_partnership_ids()) OR p.lead_authority_id = acting
          WHEN app_provider_id() IS NOT NULL THEN EXISTS (SELECT 1 FROM procurement pr WHERE pr.partnership_id = p.id)
          ELSE false
        END;
      PERFORM set_config('app.partnership_name_check', '', true);
      RETURN answer;
    END $$`.execute(db);
}

/** "Name (email)" of the acting person at the time (as migration 0023 records it). */
const ACTOR = `(SELECT u.display_name || ' (' || u.email || ')' FROM app_user u WHERE u.id = acting_user)`;

async function providerAuditTrail(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE provider_audit_event (
      provider_id uuid NOT NULL REFERENCES provider(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid REFERENCES app_user(id),
      procedure text NOT NULL CHECK (length(procedure) BETWEEN 1 AND 200),
      target text,
      outcome text NOT NULL CHECK (outcome IN ('success','denied','not_found')),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      request_id text NOT NULL,
      actor text,
      PRIMARY KEY (provider_id, id)
    )`.execute(db);
  await sql`CREATE INDEX provider_audit_event_time_idx ON provider_audit_event (provider_id, occurred_at DESC, id DESC)`.execute(db);
  await protect(db, 'provider_audit_event');
  await policy(db, 'provider_audit_event', 'provider_audit_event_admin_reads', 'SELECT', { using: `provider_id = app_provider_id() AND app_is_provider_admin()` });
  await sql`GRANT SELECT ON provider_audit_event TO ${sql.id(APP_ROLE)}`.execute(db);
  await sql`CREATE POLICY provider_audit_event_recorded ON provider_audit_event FOR INSERT TO ${OWNER}
    WITH CHECK (provider_id = app_provider_id() AND nullif(current_setting('app.authority_id', true), '') IS NULL
      AND user_id IS NOT DISTINCT FROM app_user_id())`.execute(db);

  // Verified: entered in the organisation's log by the transaction that verifies it (acting for a council or the platform).
  const VERIFIED = `provider_id::text = current_setting('app.provider_verified', true)`;
  await sql`CREATE POLICY provider_audit_event_verification ON provider_audit_event FOR INSERT TO ${OWNER}
    WITH CHECK (${sql.raw(VERIFIED)} AND procedure = 'organisation.verify' AND user_id IS NULL)`.execute(db);
  await sql`CREATE POLICY authority_named_for_verification ON authority FOR SELECT TO ${OWNER} USING (id = current_setting('app.provider_verifier', true))`.execute(db);
  await sql`
    CREATE FUNCTION provider_verified_audit() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      PERFORM set_config('app.provider_verified', NEW.id::text, true);
      PERFORM set_config('app.provider_verifier', NEW.verified_by, true);
      INSERT INTO provider_audit_event (provider_id, user_id, procedure, target, outcome, request_id, actor)
        VALUES (NEW.id, NULL, 'organisation.verify', NEW.id::text, 'success', 'verification',
          coalesce((SELECT a.name FROM authority a WHERE a.id = NEW.verified_by), 'A Concord platform administrator'));
      PERFORM set_config('app.provider_verified', '', true);
      PERFORM set_config('app.provider_verifier', '', true);
      RETURN NULL;
    END $$`.execute(db);
  await sql`ALTER FUNCTION provider_verified_audit() OWNER TO ${OWNER}`.execute(db);
  await sql`CREATE TRIGGER provider_verified_audit AFTER UPDATE OF verified_at ON provider FOR EACH ROW
    WHEN (OLD.verified_at IS NULL AND NEW.verified_at IS NOT NULL) EXECUTE FUNCTION provider_verified_audit()`.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION record_audit_event(p_procedure text, p_target text, p_outcome text, p_request_id text) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      acting_authority text := nullif(current_setting('app.authority_id', true), '');
      acting_provider uuid := app_provider_id();
      acting_user uuid := app_user_id();
    BEGIN
      IF acting_authority IS NOT NULL THEN
        INSERT INTO audit_event (authority_id, user_id, procedure, target, outcome, request_id, actor)
          VALUES (acting_authority, acting_user, p_procedure, p_target, p_outcome, p_request_id, ${sql.raw(ACTOR)});
      ELSIF acting_provider IS NOT NULL THEN
        INSERT INTO provider_audit_event (provider_id, user_id, procedure, target, outcome, request_id, actor)
          VALUES (acting_provider, acting_user, p_procedure, p_target, p_outcome, p_request_id, ${sql.raw(ACTOR)});
      ELSIF acting_user IS NOT NULL AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = acting_user AND u.is_platform_admin) THEN
        INSERT INTO platform_audit_event (user_id, procedure, target, outcome, request_id, actor)
          VALUES (acting_user, p_procedure, p_target, p_outcome, p_request_id, ${sql.raw(ACTOR)});
      ELSE
        RAISE EXCEPTION 'an audit event needs an authority, a provider organisation or a platform administrator to record it for'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
    END $$`.execute(db);
}

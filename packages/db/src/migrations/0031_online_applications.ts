import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { grant, partnershipSharedTable, policy, protect } from './rls.ts';

/**
 * Providers find and apply online (issue 11, item 3).
 *
 *   Open procurements: a transaction acting for a provider organisation reads every procurement on the platform
 *     that accepts applications today (published; live for a PDPS, DPS or dynamic market; a live framework during a
 *     reopening), across all partnerships, with its partnership's name, lots, buyers, milestones, gateway questions,
 *     criteria, reopenings and published specification versions. Never drafts, decisions, or the lead's evaluation.
 *     It also keeps reading the procurements it has applied to online, to follow its applications.
 *   provider_application: the organisation's own application while it drafts it (gateway answers, quality answers per
 *     criterion, a price per lot, documents from its profile), frozen once submitted. Submitting makes the
 *     `application` row the lead evaluates (submitted_at set, immutable in what the provider said) with one
 *     `application_lot` per lot, each with its own price. The lead's evaluators read the submitted answers.
 *   An organisation reads its own online applications, their lots and, once decided, their scores: never another's.
 *   clarification_question: a provider's question during the window, seen by the asker and the lead only.
 *   clarification: a question and its answer the lead publishes, without the asker: read by the partnership and by
 *     every provider that can see the procurement.
 */
const MY_PROVIDER = `app_provider_id()`;
const AS_PROVIDER = `${MY_PROVIDER} IS NOT NULL`;
const OWN_AUTHORITY = `authority_id = current_setting('app.authority_id', true)`;
const LONDON_TODAY = `(now() AT TIME ZONE 'Europe/London')::date`;
/** A procurement the provider session can see (the procurement policy below decides which). */
const VISIBLE_PROCUREMENT = `${AS_PROVIDER} AND procurement_id IN (SELECT p.id FROM procurement p)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE application ADD COLUMN submitted_at timestamptz`.execute(db);
  await sql`ALTER TABLE application_lot ADD COLUMN bid_price_pence integer CHECK (bid_price_pence > 0)`.execute(db);
  await openProcurements(db);
  await onlineApplications(db);
  await clarifications(db);
}

async function openProcurements(db: Kysely<any>): Promise<void> {
  // A framework accepts applications only during a reopening. The check reads the reopenings as the owner (the
  // provider's own policy on reopening reads the procurement, which would otherwise refer back to itself).
  await sql`CREATE POLICY reopening_read_for_open_check ON reopening FOR SELECT TO ${sql.id(OWNER_ROLE)} USING (true)`.execute(db);
  await sql`
    CREATE FUNCTION concord_in_reopening(p_procurement_id uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM reopening r WHERE r.procurement_id = p_procurement_id
        AND ${sql.raw(LONDON_TODAY)} BETWEEN r.opens_on AND r.closes_on) $$`.execute(db);
  await sql`ALTER FUNCTION concord_in_reopening(uuid) OWNER TO ${sql.id(OWNER_ROLE)}`.execute(db);

  await policy(db, 'procurement', 'procurement_open_to_providers', 'SELECT', {
    using: `${AS_PROVIDER} AND (status = 'published'
      OR (status = 'live' AND route IN ('pdps','dps','dynamic_market'))
      OR (status = 'live' AND route = 'framework' AND concord_in_reopening(id))
      OR id IN (SELECT a.procurement_id FROM application a WHERE a.provider_id = ${MY_PROVIDER} AND a.submitted_at IS NOT NULL))`,
  });
  for (const table of ['lot', 'evaluation_criterion', 'gateway_question', 'reopening', 'procurement_buyer', 'procurement_milestone']) {
    await policy(db, table, `${table}_open_to_providers`, 'SELECT', { using: VISIBLE_PROCUREMENT });
  }
  await policy(db, 'specification', 'specification_open_to_providers', 'SELECT', {
    using: `${AS_PROVIDER} AND id IN (SELECT p.specification_id FROM procurement p)`,
  });
  await policy(db, 'specification_version', 'specification_version_open_to_providers', 'SELECT', {
    using: `${AS_PROVIDER} AND status = 'published' AND specification_id IN (SELECT p.specification_id FROM procurement p)`,
  });
  // The partnership's name, for a procurement the caller can see. A function rather than a policy: a policy on
  // partnership that read procurement would refer back to itself (the lead's procurement policies read partnership).
  // It answers only a partnership's name, given its id (which a provider learns from a procurement it can see).
  await sql`CREATE POLICY partnership_name_for_providers ON partnership FOR SELECT TO ${sql.id(OWNER_ROLE)} USING (true)`.execute(db);
  await sql`
    CREATE FUNCTION concord_partnership_name(p_partnership_id uuid) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT p.name FROM partnership p WHERE p.id = p_partnership_id $$`.execute(db);
  await sql`ALTER FUNCTION concord_partnership_name(uuid) OWNER TO ${sql.id(OWNER_ROLE)}`.execute(db);
}

async function onlineApplications(db: Kysely<any>): Promise<void> {
  // What the provider said is fixed once submitted: only the lead's decision (status, reason, day) changes after.
  await sql`
    CREATE FUNCTION application_submission_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.submitted_at IS NOT NULL THEN
          RAISE EXCEPTION 'A submitted application cannot be removed' USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
      END IF;
      IF OLD.submitted_at IS NOT NULL AND (NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
          OR NEW.procurement_id IS DISTINCT FROM OLD.procurement_id OR NEW.provider_id IS DISTINCT FROM OLD.provider_id
          OR NEW.received_on IS DISTINCT FROM OLD.received_on OR NEW.bid_price_pence IS DISTINCT FROM OLD.bid_price_pence
          OR NEW.reopening_id IS DISTINCT FROM OLD.reopening_id) THEN
        RAISE EXCEPTION 'A submitted application cannot be changed' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER application_submission_frozen BEFORE UPDATE OR DELETE ON application FOR EACH ROW EXECUTE FUNCTION application_submission_frozen()`.execute(db);

  // The organisation submits to an open procurement, as itself, an application not yet decided.
  await policy(db, 'application', 'application_submitted_by_provider', 'INSERT', {
    check: `${VISIBLE_PROCUREMENT} AND provider_id = ${MY_PROVIDER} AND status = 'received' AND submitted_at IS NOT NULL
      AND outcome_reason IS NULL AND decided_on IS NULL`,
  });
  await policy(db, 'application', 'application_provider_reads_own', 'SELECT', { using: `provider_id = ${MY_PROVIDER} AND submitted_at IS NOT NULL` });
  const ownApplication = `application_id IN (SELECT a.id FROM application a WHERE a.provider_id = ${MY_PROVIDER} AND a.submitted_at IS NOT NULL)`;
  await policy(db, 'application_lot', 'application_lot_provider_reads_own', 'SELECT', { using: `${AS_PROVIDER} AND ${ownApplication}` });
  await policy(db, 'application_lot', 'application_lot_submitted_by_provider', 'INSERT', {
    check: `${AS_PROVIDER} AND application_id IN (SELECT a.id FROM application a WHERE a.provider_id = ${MY_PROVIDER} AND a.status = 'received'
      AND a.submitted_at IS NOT NULL AND a.procurement_id = (SELECT l.procurement_id FROM lot l WHERE l.id = lot_id))`,
  });
  // Once decided, the organisation reads its own scores (never the evaluators' names, which it cannot see).
  const ownDecided = `application_id IN (SELECT a.id FROM application a WHERE a.provider_id = ${MY_PROVIDER} AND a.submitted_at IS NOT NULL
    AND a.status IN ('admitted','rejected'))`;
  for (const table of ['moderated_score', 'evaluation_score', 'gateway_answer']) {
    await policy(db, table, `${table}_provider_reads_own_decided`, 'SELECT', { using: `${AS_PROVIDER} AND ${ownDecided}` });
  }

  await sql`
    CREATE TABLE provider_application (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      procurement_id uuid NOT NULL,
      provider_id uuid NOT NULL REFERENCES provider(id),
      lot_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(lot_ids) <= 200),
      gateway_answers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(gateway_answers) = 'array'),
      quality_answers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(quality_answers) = 'array'),
      lot_prices jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(lot_prices) = 'array'),
      document_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(document_ids) <= 50),
      snapshot jsonb,
      submitted_at timestamptz,
      application_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, procurement_id) REFERENCES procurement(authority_id, id),
      FOREIGN KEY (authority_id, application_id) REFERENCES application(authority_id, id),
      CHECK ((submitted_at IS NULL) = (application_id IS NULL)),
      CHECK (submitted_at IS NULL OR snapshot IS NOT NULL)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX provider_application_one_draft ON provider_application (procurement_id, provider_id) WHERE submitted_at IS NULL`.execute(db);
  await sql`CREATE INDEX provider_application_provider_idx ON provider_application (provider_id, created_at DESC)`.execute(db);
  await sql`CREATE TRIGGER provider_application_row_version BEFORE INSERT OR UPDATE ON provider_application FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
  await sql`
    CREATE FUNCTION provider_application_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.submitted_at IS NOT NULL THEN
        RAISE EXCEPTION 'A submitted application cannot be changed' USING ERRCODE = 'check_violation';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$`.execute(db);
  await sql`CREATE TRIGGER provider_application_frozen BEFORE UPDATE OR DELETE ON provider_application FOR EACH ROW EXECUTE FUNCTION provider_application_frozen()`.execute(db);
  await protect(db, 'provider_application');
  const mine = `provider_id = ${MY_PROVIDER}`;
  await policy(db, 'provider_application', 'provider_application_own_reads', 'SELECT', { using: mine });
  await policy(db, 'provider_application', 'provider_application_own_drafts', 'INSERT', { check: `${VISIBLE_PROCUREMENT} AND ${mine} AND submitted_at IS NULL` });
  await policy(db, 'provider_application', 'provider_application_own_edits', 'UPDATE', { using: `${mine} AND submitted_at IS NULL`, check: mine });
  await policy(db, 'provider_application', 'provider_application_own_discards', 'DELETE', { using: `${mine} AND submitted_at IS NULL` });
  await policy(db, 'provider_application', 'provider_application_lead_reads_submitted', 'SELECT', { using: `${OWN_AUTHORITY} AND submitted_at IS NOT NULL` });
  await grant(db, 'provider_application', 'SELECT, INSERT, UPDATE, DELETE');
}

async function clarifications(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE clarification (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      procurement_id uuid NOT NULL,
      question text NOT NULL CHECK (length(trim(question)) BETWEEN 1 AND 4000),
      answer text NOT NULL CHECK (length(trim(answer)) BETWEEN 1 AND 8000),
      published_at timestamptz NOT NULL DEFAULT now(),
      published_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, procurement_id) REFERENCES procurement(authority_id, id)
    )`.execute(db);
  await sql`CREATE INDEX clarification_procurement_idx ON clarification (procurement_id, published_at)`.execute(db);
  // Published clarifications are never withdrawn or rewritten: the lead publishes a further one instead.
  await partnershipSharedTable(db, 'clarification', 'SELECT, INSERT');
  await policy(db, 'clarification', 'clarification_open_to_providers', 'SELECT', { using: VISIBLE_PROCUREMENT });

  await sql`
    CREATE TABLE clarification_question (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      procurement_id uuid NOT NULL,
      provider_id uuid NOT NULL REFERENCES provider(id),
      question text NOT NULL CHECK (length(trim(question)) BETWEEN 1 AND 4000),
      asked_at timestamptz NOT NULL DEFAULT now(),
      asked_by uuid REFERENCES app_user(id),
      clarification_id uuid,
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, procurement_id) REFERENCES procurement(authority_id, id),
      FOREIGN KEY (authority_id, clarification_id) REFERENCES clarification(authority_id, id)
    )`.execute(db);
  await sql`CREATE INDEX clarification_question_procurement_idx ON clarification_question (procurement_id, asked_at)`.execute(db);
  await protect(db, 'clarification_question');
  const mine = `provider_id = ${MY_PROVIDER}`;
  await policy(db, 'clarification_question', 'clarification_question_asker_reads', 'SELECT', { using: mine });
  await policy(db, 'clarification_question', 'clarification_question_asked', 'INSERT', { check: `${VISIBLE_PROCUREMENT} AND ${mine} AND clarification_id IS NULL` });
  await policy(db, 'clarification_question', 'clarification_question_lead_reads', 'SELECT', { using: OWN_AUTHORITY });
  await policy(db, 'clarification_question', 'clarification_question_lead_answers', 'UPDATE', { using: OWN_AUTHORITY, check: OWN_AUTHORITY });
  await grant(db, 'clarification_question', 'SELECT, INSERT');
  await sql`GRANT UPDATE (clarification_id) ON clarification_question TO ${sql.id(APP_ROLE)}`.execute(db);
}

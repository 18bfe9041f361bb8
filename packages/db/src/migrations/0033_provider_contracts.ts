import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';

/**
 * After award (issue 11, item 5): a verified provider organisation reads its own contracts with every authority, and
 * the call-offs awarded to it. Nothing else of the authority's: never its placements, never another provider's
 * contract. An organisation not yet verified reads none (it may only edit its profile and apply).
 */
const MY_PROVIDER = `app_provider_id()`;
const VERIFIED = `EXISTS (SELECT 1 FROM provider vp WHERE vp.id = app_provider_id() AND vp.verified_at IS NOT NULL)`;

export async function up(db: Kysely<any>): Promise<void> {
  await policy(db, 'contract', 'contract_provider_reads_own', 'SELECT', { using: `provider_id = ${MY_PROVIDER} AND ${VERIFIED}` });
  await policy(db, 'call_off', 'call_off_awarded_provider_reads', 'SELECT', { using: `awarded_provider_id = ${MY_PROVIDER} AND ${VERIFIED}` });
  await monitoringReturns(db);
}

const MY_AUTHORITY = `current_setting('app.authority_id', true)`;

async function monitoringReturns(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE provider_monitoring_return (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      provider_id uuid NOT NULL REFERENCES provider(id),
      contract_id uuid NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      hours_delivered integer NOT NULL CHECK (hours_delivered >= 0),
      missed_visits integer NOT NULL CHECK (missed_visits >= 0),
      late_visits integer NOT NULL CHECK (late_visits >= 0),
      staff_turnover_percent numeric(4,1) NOT NULL CHECK (staff_turnover_percent BETWEEN 0 AND 100),
      complaints integer NOT NULL CHECK (complaints >= 0),
      status text NOT NULL CHECK (status IN ('draft','submitted','accepted','queried')),
      query_reason text CHECK (length(query_reason) <= 2000),
      submitted_at timestamptz,
      decided_at timestamptz,
      decided_by uuid REFERENCES app_user(id),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, contract_id, period_start),
      FOREIGN KEY (authority_id, contract_id) REFERENCES contract(authority_id, id),
      CHECK (period_end >= period_start),
      CHECK ((status = 'draft') = (submitted_at IS NULL)),
      CHECK (status <> 'queried' OR query_reason IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX provider_monitoring_return_provider_idx ON provider_monitoring_return (provider_id, period_start DESC)`.execute(db);
  await sql`CREATE TRIGGER provider_monitoring_return_row_version BEFORE INSERT OR UPDATE ON provider_monitoring_return
    FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
  await protect(db, 'provider_monitoring_return');
  const own = `provider_id = ${MY_PROVIDER} AND ${VERIFIED}`;
  const holdsContract = `EXISTS (SELECT 1 FROM contract c WHERE c.authority_id = provider_monitoring_return.authority_id
    AND c.id = provider_monitoring_return.contract_id AND c.provider_id = ${MY_PROVIDER})`;
  const providerWrites = `${own} AND ${holdsContract} AND status IN ('draft','submitted')`;
  await policy(db, 'provider_monitoring_return', 'provider_monitoring_return_provider_reads_own', 'SELECT', { using: own });
  await policy(db, 'provider_monitoring_return', 'provider_monitoring_return_provider_adds', 'INSERT', { check: providerWrites });
  await policy(db, 'provider_monitoring_return', 'provider_monitoring_return_provider_corrects', 'UPDATE', { using: `${own} AND status <> 'accepted'`, check: providerWrites });
  const contracting = `authority_id = ${MY_AUTHORITY}`;
  await policy(db, 'provider_monitoring_return', 'provider_monitoring_return_authority_reads', 'SELECT', { using: `${contracting} AND status <> 'draft'` });
  await policy(db, 'provider_monitoring_return', 'provider_monitoring_return_authority_decides', 'UPDATE', {
    using: `${contracting} AND status = 'submitted'`,
    check: `${contracting} AND status IN ('accepted','queried')`,
  });
  await grant(db, 'provider_monitoring_return', 'SELECT, INSERT, UPDATE');
  // The authority decides; it never changes what the provider reported (both act as the application role, so a
  // column grant cannot tell them apart: a trigger does).
  await sql`
    CREATE FUNCTION provider_monitoring_return_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF coalesce(current_setting('app.authority_id', true), '') <> '' AND (
          (NEW.provider_id, NEW.contract_id, NEW.period_start, NEW.period_end, NEW.hours_delivered, NEW.missed_visits,
           NEW.late_visits, NEW.staff_turnover_percent, NEW.complaints, NEW.submitted_at)
          IS DISTINCT FROM
          (OLD.provider_id, OLD.contract_id, OLD.period_start, OLD.period_end, OLD.hours_delivered, OLD.missed_visits,
           OLD.late_visits, OLD.staff_turnover_percent, OLD.complaints, OLD.submitted_at)) THEN
        RAISE EXCEPTION 'an authority accepts or queries a monitoring return; it does not change its figures' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER provider_monitoring_return_guard BEFORE UPDATE ON provider_monitoring_return
    FOR EACH ROW EXECUTE FUNCTION provider_monitoring_return_guard()`.execute(db);
}

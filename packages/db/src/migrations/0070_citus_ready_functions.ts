import { sql, type Kysely } from 'kysely';

/**
 * Two functions written so Citus can run them once their tables are Citus tables (issue 15, infra/scale-out.md "What
 * making `authority` a reference table breaks"; both were hit there on the three-node cluster):
 * - app_may_decide_claim (migration 0029), called by provider_claim's decider policies, is STABLE: Citus refuses
 *   "functions used in UPDATE queries on distributed tables must not be VOLATILE", and a function without a volatility
 *   is VOLATILE. It reads and answers the same within a statement (its set_config is undone before it returns), which
 *   is what STABLE promises; concord_authorities_of (0059) is the same kind.
 * - provider_verified_audit (migration 0038), the trigger entering a verification in the organisation's audit trail,
 *   reads the verifying authority's name in a statement of its own instead of a subquery inside VALUES, which Citus
 *   refuses ("subqueries are not supported within INSERT queries"). Same row written.
 * tests/integration/citus-ready-functions.test.ts holds both rules for every function.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER FUNCTION app_may_decide_claim(uuid) STABLE`.execute(db);
  // CREATE OR REPLACE keeps the owner, grants, SECURITY DEFINER and the trigger.
  await sql`
    CREATE OR REPLACE FUNCTION provider_verified_audit() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      verifier text;
    BEGIN
      PERFORM set_config('app.provider_verified', NEW.id::text, true);
      PERFORM set_config('app.provider_verifier', NEW.verified_by, true);
      SELECT a.name INTO verifier FROM authority a WHERE a.id = NEW.verified_by;
      INSERT INTO provider_audit_event (provider_id, user_id, procedure, target, outcome, request_id, actor)
        VALUES (NEW.id, NULL, 'organisation.verify', NEW.id::text, 'success', 'verification',
          coalesce(verifier, 'A Concord platform administrator'));
      PERFORM set_config('app.provider_verified', '', true);
      PERFORM set_config('app.provider_verifier', '', true);
      RETURN NULL;
    END $$`.execute(db);
}

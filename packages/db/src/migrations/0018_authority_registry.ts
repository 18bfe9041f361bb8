import { sql, type Kysely } from 'kysely';
import { grant, policy } from './rls.ts';

/**
 * The authority registry (issue 10, item 2): the platform administrator registers councils and NHS bodies,
 * renames them and marks them inactive; nobody deletes one.
 *
 *   authority.id        a council's GSS code (E06 unitary, E08 metropolitan district, E09 London borough,
 *                       E10 county: the kind must match the code), or an NHS body's ODS code (ICB Q.., trust
 *                       R.. or T..). NHS bodies registered before the registry (the demo's CCGs) keep their
 *                       GSS codes (E38.., E54..).
 *   nhs_body_kind       'icb' or 'trust' for an NHS body registered by ODS code; null otherwise.
 *   active              false once marked inactive: kept with all its data and history, but it cannot lead or
 *                       join a partnership from then on (a trigger refuses it, whichever code path tries).
 *   registration_key    the form key of the registration that made it, so a repeated submit of the same form
 *                       is recognised (the platform administrator acts for no authority, so idempotency_key,
 *                       which is per authority, cannot hold it).
 *   row_version, updated_at, updated_by   kept by the trigger of migration 0014, for stale-edit checks.
 *
 * Only a platform administrator's transaction may add or change a row (policies below), and only the name,
 * region and active flag can change (column grants): a code and a kind are for life. The application role
 * has no DELETE on authority, and every authority-holding table references it, so an authority that holds
 * data can never be deleted; an authority that was registered by mistake is marked inactive.
 */
const ADMIN = `EXISTS (SELECT 1 FROM app_user u WHERE u.id = app_user_id() AND u.is_platform_admin)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE authority
      ADD COLUMN nhs_body_kind text CHECK (nhs_body_kind IN ('icb','trust')),
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN registration_key uuid UNIQUE,
      ADD COLUMN row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by uuid REFERENCES app_user(id),
      ADD CONSTRAINT authority_name_length CHECK (length(name) BETWEEN 1 AND 200),
      DROP CONSTRAINT authority_id_check,
      ADD CONSTRAINT authority_code_matches_kind CHECK (CASE kind
        WHEN 'unitary' THEN id ~ '^E06[0-9]{6}$' AND nhs_body_kind IS NULL
        WHEN 'metropolitan_district' THEN id ~ '^E08[0-9]{6}$' AND nhs_body_kind IS NULL
        WHEN 'london_borough' THEN id ~ '^E09[0-9]{6}$' AND nhs_body_kind IS NULL
        WHEN 'county' THEN id ~ '^E10[0-9]{6}$' AND nhs_body_kind IS NULL
        ELSE (nhs_body_kind IS NULL AND id ~ '^E(38|54)[0-9]{6}$')
          OR (nhs_body_kind = 'icb' AND id ~ '^Q[A-Z0-9]{2}$')
          OR (nhs_body_kind = 'trust' AND id ~ '^[RT][A-Z0-9]{2}$')
      END)`.execute(db);
  await sql`
    CREATE TRIGGER authority_row_version BEFORE INSERT OR UPDATE ON authority
    FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
  await sql`CREATE INDEX authority_name_idx ON authority (lower(name))`.execute(db);

  await policy(db, 'authority', 'authority_registered_by_admin', 'INSERT', { check: ADMIN });
  await policy(db, 'authority', 'authority_changed_by_admin', 'UPDATE', { using: ADMIN, check: ADMIN });
  await grant(db, 'authority', 'INSERT (id, name, kind, region, nhs_body_kind, registration_key), UPDATE (name, region, active)');

  // An inactive authority leads and joins no partnership from the day it is marked so.
  await sql`
    CREATE FUNCTION refuse_inactive_authority() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      code text := to_jsonb(NEW) ->> TG_ARGV[0];
    BEGIN
      IF EXISTS (SELECT 1 FROM authority a WHERE a.id = code AND NOT a.active) THEN
        RAISE EXCEPTION 'authority % is inactive: it cannot lead or join a partnership', code USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER partnership_member_active_authority BEFORE INSERT ON partnership_member
    FOR EACH ROW EXECUTE FUNCTION refuse_inactive_authority('authority_id')`.execute(db);
  await sql`
    CREATE TRIGGER partnership_active_lead BEFORE INSERT OR UPDATE OF lead_authority_id ON partnership
    FOR EACH ROW EXECUTE FUNCTION refuse_inactive_authority('lead_authority_id')`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import { OWNER_ROLE } from '../roles.ts';
import { DISTRIBUTED } from './0040_citus_distribution.ts';

/**
 * Scale-out on Citus, next step (issue 15, item 1; infra/scale-out.md). Runs only when the database has the citus
 * extension; on plain PostgreSQL and PGlite it does nothing (0040 already stopped a CONCORD_CITUS=true database
 * without it).
 *
 * Distributed by authority_id, co-located with budget (0040), by the same rule: keyed (authority_id, …), policies
 * that read only settings (one each: `authority_id = current_setting('app.authority_id', true)`), written only by the
 * application role (no SECURITY DEFINER function writes them, so no "placements modified by a different user"):
 * `risk`, `demand_model`, `options_appraisal` and `business_case` (DISTRIBUTED_0053). business_case's keys to
 * demand_model and options_appraisal carry authority_id and stay: co-located distributed → distributed.
 *
 * Their keys to the coordinator's tables are dropped (Citus allows distributed → reference and distributed →
 * co-located distributed only; "referenced table … must be a distributed table or a reference table"). What each
 * guaranteed stays guaranteed, on the shard the row is written to, without reading another node:
 * - authority_id → authority: every policy requires authority_id to be the transaction's authority, which only a
 *   registered authority can be (as 0040 argued for budget);
 * - updated_by → app_user: 0014's stamp_row_version trigger writes the transaction's own user there, whatever the
 *   statement says (as 0046 for actual_rate);
 * - created_by, submitted_by, approved_by → app_user and partnership_id → partnership: no policy says anything
 *   about them, so each table gets a trigger (concord_own_references, below) that refuses a value the application
 *   role writes or changes unless it is the transaction's user (app.user_id) or one of its authority's current
 *   partnerships (app.partnership_ids); both settings are only ever set to rows that exist. The application writes
 *   exactly these (appraisal.ts, business-case.ts: the session's user; a partnership's appraisal or case only by its
 *   lead commissioner). The owner role (migrations, seed) is trusted as it owns the schema. Nothing deletes a user
 *   or a partnership (no DELETE of either anywhere), so what the keys also did, hold a referenced row in place, is
 *   not needed. Tested in tests/integration/citus-routing.test.ts on every database (refused with 23503 alike).
 *
 * Each also had UNIQUE (id) beside its primary key (authority_id, id), which Citus refuses on a distributed table
 * ("Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not include the partition
 * column"); it is dropped. No key refers to id alone (business_case's keys name (authority_id, id)); within an
 * authority, all any policy lets a transaction see, the primary key still makes id unique, and ids come only from the
 * column's default, gen_random_uuid() (no insert names one).
 *
 * Not distributed, and why:
 * - `continuation_batch`: `contract_variation` (a coordinator table, with `contract` and its graph) refers to it, a
 *   local → distributed key, which Citus does not support. Citus 13.2.2 distributed it without complaint and left
 *   that key in place on the coordinator, whose copy of the table holds no rows once distributed; what the key then
 *   checks was not established, so it stays on the coordinator until contract_variation (and contract) can move.
 * - `kpi_return` and `benchmark_figure` (the big ones): their kpi_id → kpi_definition key guarantees the KPI exists,
 *   which no policy does, and no trigger on a worker can check (kpi_definition is on the coordinator). It cannot be
 *   co-located (a definition is partnership-shared, its authority_id the lead's; a return's or figure's is the
 *   member's) nor made a reference table (Citus then converts the whole foreign-key graph of the coordinator, 43
 *   policies of which still have a subquery it refuses). Citus's own words when the key stays: "referenced table
 *   "kpi_definition" must be a distributed table or a reference table". Their (authority_id, partnership_id) →
 *   partnership_member key is the same kind of case (partnership_member's join policy reads partnership through
 *   app_led_partnership_ids(), and procurement_buyer, with a subquery policy, refers to it).
 * - `benchmark_consent` (one row per authority and partnership): it would distribute (its writes' policies require
 *   a current partnership of the authority), but every reader joins it with benchmark_figure and partnership_member
 *   on the coordinator, so alone it would only turn the partnership benchmark into a distributed × coordinator join
 *   for no gain: it moves with benchmark_figure.
 */

/** Distributed by authority_id by this migration, co-located with budget; in the order they are distributed. */
export const DISTRIBUTED_0053 = ['risk', 'demand_model', 'options_appraisal', 'business_case'] as const;

/** Every table distributed on Citus (0040's and this migration's): the one list code and tests read. */
export const DISTRIBUTED_TABLES = [...DISTRIBUTED, ...DISTRIBUTED_0053] as const;

/** The columns concord_own_references checks, per table: `user:<column>` or `partnership:<column>`. */
const OWN_REFERENCES: Record<string, string[]> = {
  options_appraisal: ['user:created_by', 'partnership:partnership_id'],
  business_case: ['user:created_by', 'user:submitted_by', 'user:approved_by', 'partnership:partnership_id'],
};

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  if (!rows[0]?.citus) return;
  await ownReferencesTrigger(db);
  await dropReferencesOutside(db, DISTRIBUTED_0053, DISTRIBUTED_TABLES);
  for (const table of DISTRIBUTED_0053) await sql`ALTER TABLE ${sql.id(table)} DROP CONSTRAINT ${sql.id(`${table}_id_key`)}`.execute(db);
  // The row-version and own-references triggers run on the shard they fire on; they read nothing else.
  await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  for (const table of DISTRIBUTED_0053) {
    await sql`SELECT create_distributed_table(${table}, 'authority_id', colocate_with => ${DISTRIBUTED[0]})`.execute(db);
  }
}

/** Every foreign key from one of `tables` to a table not in `kept`. */
async function dropReferencesOutside(db: Kysely<any>, tables: readonly string[], kept: readonly string[]): Promise<void> {
  const { rows } = await sql<{ table: string; constraint: string }>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS constraint
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(${[...tables]}::text[])
      AND NOT c.confrelid::regclass::text = ANY(${[...kept]}::text[])
    ORDER BY 1, 2`.execute(db);
  for (const { table, constraint } of rows) await sql`ALTER TABLE ${sql.id(table)} DROP CONSTRAINT ${sql.id(constraint)}`.execute(db);
}

/**
 * concord_own_references(): what the dropped keys to app_user and partnership guaranteed, for the application role.
 * Its arguments name the columns (`user:<column>`, `partnership:<column>`); a value written or changed must be null,
 * the transaction's user, or one of its authority's current partnerships. Reads only the row and the settings.
 */
async function ownReferencesTrigger(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_own_references() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      v_arg text;
      v_column text;
      v_new uuid;
    BEGIN
      IF pg_has_role(current_user, ${sql.lit(OWNER_ROLE)}, 'MEMBER') THEN
        RETURN NEW;
      END IF;
      FOREACH v_arg IN ARRAY TG_ARGV LOOP
        v_column := split_part(v_arg, ':', 2);
        v_new := (to_jsonb(NEW) ->> v_column)::uuid;
        CONTINUE WHEN v_new IS NULL OR (TG_OP = 'UPDATE' AND v_new IS NOT DISTINCT FROM (to_jsonb(OLD) ->> v_column)::uuid);
        IF split_part(v_arg, ':', 1) = 'user' AND v_new IS DISTINCT FROM app_user_id() THEN
          RAISE EXCEPTION '%.% must be the signed-in user', TG_TABLE_NAME, v_column USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF split_part(v_arg, ':', 1) = 'partnership' AND NOT v_new = ANY (app_partnership_ids()) THEN
          RAISE EXCEPTION '%.% must be a partnership of the authority', TG_TABLE_NAME, v_column USING ERRCODE = 'foreign_key_violation';
        END IF;
      END LOOP;
      RETURN NEW;
    END $$`.execute(db);
  for (const [table, columns] of Object.entries(OWN_REFERENCES)) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_own_references`)} BEFORE INSERT OR UPDATE ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION concord_own_references(${sql.join(columns.map((c) => sql.lit(c)))})`.execute(db);
  }
}

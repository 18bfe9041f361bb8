import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * Scale-out on Citus, first step (issue 15, infra/scale-out.md). Runs only when the database has the citus extension
 * (a Citus coordinator with its workers registered); on plain PostgreSQL and PGlite it does nothing, unless
 * CONCORD_CITUS=true says a Citus coordinator was meant, when it stops and says what to do.
 *
 * Distributed by authority_id, co-located with budget (32 shards): the authority-private tables whose keys all carry
 * authority_id, whose policies read only the transaction's settings and which only the application role writes, so a
 * per-authority statement runs on one shard and the policies on the workers need nothing from another node
 * (DISTRIBUTED). Every other table stays an ordinary table on the coordinator, read and written there exactly as on
 * one PostgreSQL; Citus joins it with the distributed ones by planning the local part first.
 *
 * audit_event, which the plan names as the anchor, stays on the coordinator in this step, for two reasons found on
 * Citus 13.2.2 (infra/scale-out.md, "What was verified"): it is written only by record_audit_event, a SECURITY DEFINER
 * function (as the owner role) in the same transaction as the application role's writes, and Citus refuses to touch
 * co-located placements that another role modified in the transaction ("cannot perform query on placements that were
 * modified in this transaction by a different user"); and the platform administrator's audit list (audit_event LEFT
 * JOIN app_user across all shards, under row-level security) crashed the coordinator (signal 11).
 *
 * Why no reference tables yet (infra/scale-out.md, "What was verified"): Citus refuses subqueries in the policies of
 * every table it manages, and a table that references a reference table becomes one it manages, so making `authority`
 * a reference table pulls every table into Citus's metadata. Rewriting the 117 policies with subqueries into functions
 * works, but the write policies of `authority`, `authority_population` and `app_user` read other tables (is the user a
 * platform or authority administrator?), and on a worker's copy of a reference table that read is a distributed query
 * from within a shard query, which Citus refuses in a transaction that has written ("the backend has already been
 * assigned a transaction id"). Until those policies read only settings, the distributed tables do without their
 * foreign keys to `authority` and `app_user` on Citus (Citus allows distributed → reference but not distributed →
 * local): the values stay, and every policy of these tables already requires authority_id to be the transaction's
 * authority (and user_id its user, where there is one), which only a row of the registry can be.
 *
 */

/** Distributed by authority_id, co-located with the first. */
export const DISTRIBUTED = ['budget', 'risk_rag_matrix', 'actual_rate', 'idempotency_key'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  if (!rows[0]?.citus) {
    if (process.env.CONCORD_CITUS === 'true') {
      throw new Error(
        'CONCORD_CITUS=true but this database has no citus extension: on the coordinator run CREATE EXTENSION citus in it ' +
          '(and on every worker), register the workers (citus_add_node), then migrate again. See README, "Scaling out".',
      );
    }
    return;
  }
  await setLocalFunction(db);
  await dropReferencesToLocalTables(db);
  // The row-version trigger of budget runs on the shard it fires on; it reads nothing else.
  await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  const [first, ...rest] = DISTRIBUTED;
  await sql`SELECT create_distributed_table(${first}, 'authority_id', shard_count => 32, colocate_with => 'none')`.execute(db);
  for (const table of rest) await sql`SELECT create_distributed_table(${table}, 'authority_id', colocate_with => ${first})`.execute(db);
}

/** Every foreign key from a table in DISTRIBUTED to a table not in it. */
async function dropReferencesToLocalTables(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ table: string; constraint: string }>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS constraint
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(${[...DISTRIBUTED]}::text[])
      AND NOT c.confrelid::regclass::text = ANY(${[...DISTRIBUTED]}::text[])
    ORDER BY 1, 2`.execute(db);
  for (const { table, constraint } of rows) await sql`ALTER TABLE ${sql.id(table)} DROP CONSTRAINT ${sql.id(constraint)}`.execute(db);
}

/**
 * concord_set_local(names, values): SET LOCAL name = value for each pair (app.* settings and the two Citus settings
 * below only). Citus passes a SET LOCAL statement on to the workers (citus.propagate_set_commands = 'local', which it
 * sets first), each on its own; set_config(…, true) is a function call and stays on the coordinator. The application
 * calls it through setLocal (packages/db/src/citus.ts) when CONCORD_CITUS=true.
 */
async function setLocalFunction(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_set_local(p_names text[], p_values text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      IF coalesce(array_length(p_names, 1), 0) <> coalesce(array_length(p_values, 1), 0) THEN
        RAISE EXCEPTION 'concord_set_local: as many values as names' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      SET LOCAL citus.propagate_set_commands = 'local';
      -- A policy may call a function that reads another table: on a worker, a query from within a shard query.
      SET LOCAL citus.allow_nested_distributed_execution = on;
      FOR i IN 1 .. coalesce(array_length(p_names, 1), 0) LOOP
        IF p_names[i] !~ '^app\.[a-z_]+$' THEN
          RAISE EXCEPTION 'concord_set_local: % is not an app.* setting', p_names[i] USING ERRCODE = 'invalid_parameter_value';
        END IF;
        EXECUTE format('SET LOCAL %s = %L', p_names[i], coalesce(p_values[i], ''));
      END LOOP;
    END $$`.execute(db);
  await sql`ALTER FUNCTION concord_set_local(text[], text[]) OWNER TO ${sql.id(OWNER_ROLE)}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION concord_set_local(text[], text[]) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION concord_set_local(text[], text[]) TO ${sql.id(APP_ROLE)}`.execute(db);
}

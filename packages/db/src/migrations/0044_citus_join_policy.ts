import { sql, type Kysely } from 'kysely';

/**
 * Citus, second step (issue 15, infra/scale-out.md). Runs only when the database has the citus extension; on plain
 * PostgreSQL and PGlite it does nothing.
 *
 * Citus 13.2.2 crashed the coordinator (signal 11) on any statement joining a distributed table with a coordinator
 * table that has row-level security, when it planned the coordinator table as the part to run first (its default,
 * `citus.local_table_join_policy = 'auto'`, chose that for a record's version stamp joined with `app_user`, and for
 * budget joined with placements or memberships). Planned the other way round, the distributed table's part runs
 * first, on the workers under the shards' own policies (so it returns one authority's rows), and the join with the
 * coordinator table, under the coordinator's policies, runs on the coordinator: no crash, same answer.
 *
 * So concord_set_local (migration 0040), which every transaction of the application calls on Citus, now also sets
 * `citus.local_table_join_policy = 'prefer-distributed'` for the transaction: one rule for every such join, not a
 * rewrite of each query. A FOR UPDATE on a distributed table must not rely on such a join (Citus leaves the lock out
 * of the part it runs first): versions.ts locks a record's table alone, naming its authority.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  if (!rows[0]?.citus) return;
  // CREATE OR REPLACE keeps the owner and the grants 0040 gave.
  await sql`
    CREATE OR REPLACE FUNCTION concord_set_local(p_names text[], p_values text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      IF coalesce(array_length(p_names, 1), 0) <> coalesce(array_length(p_values, 1), 0) THEN
        RAISE EXCEPTION 'concord_set_local: as many values as names' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      SET LOCAL citus.propagate_set_commands = 'local';
      -- A policy may call a function that reads another table: on a worker, a query from within a shard query.
      SET LOCAL citus.allow_nested_distributed_execution = on;
      -- A distributed table joined with a coordinator table: the distributed part first (see migration 0044).
      SET LOCAL citus.local_table_join_policy = 'prefer-distributed';
      FOR i IN 1 .. coalesce(array_length(p_names, 1), 0) LOOP
        IF p_names[i] !~ '^app\\.[a-z_]+$' THEN
          RAISE EXCEPTION 'concord_set_local: % is not an app.* setting', p_names[i] USING ERRCODE = 'invalid_parameter_value';
        END IF;
        EXECUTE format('SET LOCAL %s = %L', p_names[i], coalesce(p_values[i], ''));
      END LOOP;
    END $$`.execute(db);
}

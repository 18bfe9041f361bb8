import { sql, type Kysely, type RawBuilder } from 'kysely';
import { inlineText } from './begin.ts';
import { connectPostgres } from './connection.ts';

/**
 * Citus (issue 15). Concord runs unchanged on a Citus coordinator: migration 0040 distributes the tables when
 * the database has the citus extension, and transactions record who they act for with SET LOCAL statements,
 * which Citus sends on to the workers (set_config(…, true) is a function call and stays on the coordinator).
 */

/** True when the database has the citus extension (asked once per Kysely instance). */
export async function hasCitus(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS found`.execute(db);
  return rows[0]?.found === true;
}

/**
 * Whether this process talks to a Citus coordinator: CONCORD_CITUS=true (set it when DATABASE_URL names one;
 * the test harness sets it when TEST_DATABASE_URL does). Read at each call, so a harness may set it late.
 */
export function citusMode(): boolean {
  return process.env.CONCORD_CITUS === 'true';
}

/**
 * Transaction-local settings for the policies: set_config(name, value, true) on PostgreSQL and PGlite; on Citus
 * concord_set_local (migration 0040), which runs one SET LOCAL statement per setting so that Citus sends each to the
 * workers, also on connections opened later in the transaction. `role` switches the role by set_config on both:
 * Citus replays every propagated SET on each worker connection, including those a SECURITY DEFINER function opens as
 * its owner, who may not become the application role (worker connections open as the current role anyway).
 * One statement either way.
 */
export async function setLocal(db: Kysely<any>, settings: Record<string, string>, options: { inline?: boolean } = {}): Promise<void> {
  const { role, ...rest } = settings;
  // inline: the values written into the text (begin.ts), for a transaction's first statement, which then goes with BEGIN.
  const text = (value: string) => (options.inline ? inlineText(value) : sql`${value}`);
  const switchRole = role === undefined ? [] : [sql`set_config('role', ${text(role)}, true)`];
  if (citusMode()) {
    const array = (items: string[]) => (options.inline ? sql`ARRAY[${sql.join(items.map(inlineText))}]` : sql`${items}`);
    await sql`SELECT ${sql.join([...switchRole, sql`concord_set_local(${array(Object.keys(rest))}::text[], ${array(Object.values(rest))}::text[])`])}`.execute(db);
    return;
  }
  const calls = Object.entries(rest).map(([name, value]) => sql`set_config(${text(name)}, ${text(value)}, true)`);
  await sql`SELECT ${sql.join([...switchRole, ...calls])}`.execute(db);
}

/**
 * setLocal for settings whose values the statement itself works out (each a scalar query, e.g. the transaction's
 * memberships): set_config on PostgreSQL and PGlite, concord_set_local on Citus, one statement either way.
 */
export async function setLocalFromQueries(db: Kysely<any>, settings: Record<string, RawBuilder<unknown>>): Promise<void> {
  const names = Object.keys(settings);
  const values = Object.values(settings);
  if (citusMode()) {
    await sql`SELECT concord_set_local(ARRAY[${sql.join(names.map((name) => sql.lit(name)))}]::text[], ARRAY[${sql.join(values)}]::text[])`.execute(db);
    return;
  }
  await sql`SELECT ${sql.join(names.map((name, i) => sql`set_config(${sql.lit(name)}, ${values[i]}, true)`))}`.execute(db);
}

// ---------------------------------------------------------------------------------------------------------
// Test databases on a cluster. A Citus database is one database of the same name on every node, each with the
// extension, and the coordinator's copy lists the workers; CREATE DATABASE … TEMPLATE is done on every node.

export interface CitusNode {
  host: string;
  port: number;
}

type Db = Kysely<any>;

function onNode(serverUrl: string, node: CitusNode | null, database: string): string {
  const target = new URL(serverUrl);
  if (node) {
    target.hostname = node.host;
    target.port = String(node.port);
  }
  target.pathname = `/${database}`;
  return target.toString();
}

/** The workers the coordinator's admin database knows (TEST_DATABASE_URL's database). */
export async function citusWorkers(admin: Db): Promise<CitusNode[]> {
  const { rows } = await sql<{ host: string; port: number }>`
    SELECT nodename AS host, nodeport AS port FROM pg_dist_node
    WHERE groupid <> 0 AND noderole = 'primary' AND isactive ORDER BY nodeid`.execute(admin);
  return rows;
}

async function coordinatorNode(admin: Db): Promise<CitusNode | null> {
  const { rows } = await sql<{ host: string; port: number }>`
    SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid = 0`.execute(admin);
  return rows[0] ?? null;
}

/** Runs `work` against one database of one node (null: the coordinator) and closes the connection. */
async function withNode<T>(serverUrl: string, node: CitusNode | null, database: string, work: (db: Db) => Promise<T>): Promise<T> {
  const connection = connectPostgres(onNode(serverUrl, node, database), 1);
  try {
    return await work(connection.db);
  } finally {
    await connection.close();
  }
}

/** Every node, coordinator first (null). */
async function everyNode(admin: Db): Promise<Array<CitusNode | null>> {
  return [null, ...(await citusWorkers(admin))];
}

/**
 * An empty Citus database `name` on every node: the extension everywhere, the coordinator and the workers
 * registered in the coordinator's copy, and SET LOCAL propagated to the workers by default.
 */
export async function createCitusDatabase(admin: Db, serverUrl: string, name: string): Promise<void> {
  const workers = await citusWorkers(admin);
  const coordinator = await coordinatorNode(admin);
  for (const node of [null, ...workers]) {
    await withNode(serverUrl, node, 'postgres', (db) => sql`CREATE DATABASE ${sql.id(name)}`.execute(db));
    await withNode(serverUrl, node, name, (db) => sql`CREATE EXTENSION citus`.execute(db));
  }
  await withNode(serverUrl, null, name, async (db) => {
    if (coordinator) await sql`SELECT citus_set_coordinator_host(${coordinator.host}, ${coordinator.port})`.execute(db);
    for (const worker of workers) await sql`SELECT citus_add_node(${worker.host}, ${worker.port})`.execute(db);
  });
  await sql`ALTER DATABASE ${sql.id(name)} SET citus.propagate_set_commands = 'local'`.execute(admin);
}

/** Closes `name` to connections on every node (the maintenance daemon's too), so it can be copied or renamed. */
async function closeEverywhere(admin: Db, serverUrl: string, name: string): Promise<void> {
  for (const node of await everyNode(admin)) {
    await withNode(serverUrl, node, 'postgres', async (db) => {
      await sql`UPDATE pg_database SET datallowconn = false WHERE datname = ${name}`.execute(db);
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`.execute(db);
      // Terminated backends leave shortly: wait until none is left.
      for (let i = 0; i < 100; i++) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ${name}`.execute(db);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  }
}

/** A finished template: closed to connections and renamed on every node. */
export async function freezeCitusDatabase(admin: Db, serverUrl: string, building: string, name: string): Promise<void> {
  await closeEverywhere(admin, serverUrl, building);
  for (const node of await everyNode(admin)) {
    await withNode(serverUrl, node, 'postgres', (db) => sql`ALTER DATABASE ${sql.id(building)} RENAME TO ${sql.id(name)}`.execute(db));
  }
}

/** A copy of a frozen template on every node; shard ids and placements are the same, so the copy is a cluster database. */
export async function copyCitusDatabase(admin: Db, serverUrl: string, template: string, copy: string): Promise<void> {
  for (const node of await everyNode(admin)) {
    await withNode(serverUrl, node, 'postgres', (db) => sql`CREATE DATABASE ${sql.id(copy)} TEMPLATE ${sql.id(template)}`.execute(db));
  }
  await sql`ALTER DATABASE ${sql.id(copy)} SET citus.propagate_set_commands = 'local'`.execute(admin);
}

export async function dropCitusDatabase(admin: Db, serverUrl: string, name: string): Promise<void> {
  // WITH (FORCE) does not stop a worker's maintenance daemon: close the database to connections first.
  await closeEverywhere(admin, serverUrl, name);
  for (const node of await everyNode(admin)) {
    await withNode(serverUrl, node, 'postgres', (db) => sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(db));
  }
}

/**
 * On Citus, worker connections are opened as the current role: after SET LOCAL ROLE the application role, so it
 * (and the owner role, for distributing and rebalancing its tables) must be able to log in, from the coordinator
 * only (pg_hba; passwords in pg_dist_authinfo). Roles are cluster-wide and propagated to the workers.
 */
export async function letRolesLogIn(db: Db, roles: string[]): Promise<void> {
  for (const role of roles) await sql`ALTER ROLE ${sql.id(role)} LOGIN`.execute(db);
}

/** The tables distributed by authority_id on Citus, co-located (migrations 0040, 0053, 0056, 0057), and its reference tables (0056). */
export { REFERENCE_TABLES } from './migrations/0056_citus_kpi_reference.ts';
export { DISTRIBUTED_TABLES } from './migrations/0057_audit_by_the_application.ts';

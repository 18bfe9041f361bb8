import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectPostgres, hasCitus, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn, type Caller } from '../support/api.ts';

/**
 * Issue 15, item 4: rebalancing without downtime. On a Citus cluster started by scripts/citus-cluster.sh
 * (CITUS_CLUSTER_DIR set), a third worker joins this file's database and citus_rebalance_start() moves shards onto
 * it (blocking writes to each moving shard while it copies) while two authorities keep setting and reading budgets
 * through the API: no request fails, no row is lost, and
 * each authority's rows of co-located tables stay on one node. Without Citus it checks that nothing is distributed.
 */

const SCRIPT = fileURLToPath(new URL('../../scripts/citus-cluster.sh', import.meta.url));
const NODE = 'rebalance1';
const CALLERS = { sefton: 'commissioner.sefton@concord.example', plymouth: 'commissioner.plymouth@concord.example' } as const;
const SERVICES = ['home_care', 'supported_living', 'extra_care', 'shared_lives'] as const;

let connection: Connection;
let citus = false;
let port: number | null = null;

function cluster(...args: string[]): string {
  return execFileSync('bash', [SCRIPT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

beforeAll(async () => {
  connection = await openSeededDatabase();
  citus = await hasCitus(connection.db);
});

afterAll(async () => {
  if (port !== null) {
    await sql`SELECT citus_remove_node('127.0.0.1', ${port})`.execute(connection.db).catch(() => undefined);
    cluster('stop-node', NODE);
  }
  await connection?.close();
});

/** Where each authority's shard of a table is (node:port), for the given authorities. */
async function placements(table: string, authorities: string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ authority: string; node: string }>`
    SELECT a AS authority, (SELECT nodename || ':' || nodeport FROM pg_dist_shard_placement
      WHERE shardid = get_shard_id_for_distribution_column(${table}, a)) AS node
    FROM unnest(${authorities}::text[]) AS a`.execute(connection.db);
  return new Map(rows.map((r) => [r.authority, r.node]));
}

describe('rebalancing onto a new worker while the API is in use (issue 15)', () => {
  it('moves shards to a third worker; every request succeeds, no budget is lost, co-located rows stay together', async () => {
    if (!citus) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'pg_dist_partition'`.execute(connection.db);
      expect(rows).toEqual([{ n: 0 }]);
      return;
    }
    expect(process.env.CITUS_CLUSTER_DIR, 'the rebalance test needs a cluster from scripts/citus-cluster.sh (CITUS_CLUSTER_DIR)').toBeTruthy();
    const callers: Record<keyof typeof CALLERS, Caller> = {
      sefton: callerFor(connection, (await signIn(connection, CALLERS.sefton)).session),
      plymouth: callerFor(connection, (await signIn(connection, CALLERS.plymouth)).session),
    };
    const { rows: ids } = await sql<{ email: string; authority_id: string }>`
      SELECT u.email, m.authority_id FROM app_user u JOIN membership m ON m.user_id = u.id
      WHERE u.email = ANY(${Object.values(CALLERS)}::text[])`.execute(connection.db);
    const authorities = [...new Set(ids.map((r) => r.authority_id))];
    expect(authorities).toHaveLength(2);

    // A third worker, known to this database only: the database made on it, then registered here.
    port = Number(cluster('start-node', NODE));
    const { rows: current } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(connection.db);
    const database = current[0]!.name;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.port = String(port);
    const onNew = connectPostgres(url.toString(), 1);
    try {
      await sql`CREATE DATABASE ${sql.id(database)}`.execute(onNew.db);
    } finally {
      await onNew.close();
    }
    url.pathname = `/${database}`;
    const inNew = connectPostgres(url.toString(), 1);
    try {
      await sql`CREATE EXTENSION citus`.execute(inNew.db);
    } finally {
      await inNew.close();
    }
    // This database is a copy of the harness's template, whose row for the database in Citus's catalogue of
    // distributed objects still names the template, which the new node lacks: point it at this database first.
    await sql`UPDATE pg_dist_object SET objid = (SELECT oid FROM pg_database WHERE datname = current_database())
      WHERE classid = 'pg_database'::regclass`.execute(connection.db);
    await sql`SELECT citus_add_node('127.0.0.1', ${port})`.execute(connection.db);
    // A shard move creates the shard on its new node as the table's owner, who must be able to create in the schema
    // there ("permission denied for schema public" otherwise): on every node of this database.
    await sql`SELECT run_command_on_all_nodes('GRANT CREATE ON SCHEMA public TO concord_owner')`.execute(connection.db);
    const before = await placements('budget', authorities);

    // The client: each authority sets one budget after another (years 2040…, four services) and lists its year.
    let running = true;
    const written: Record<string, Array<{ year: number; service: string; pence: number }>> = { sefton: [], plymouth: [] };
    const failures: string[] = [];
    let requests = 0;
    const client = async (who: keyof typeof CALLERS) => {
      // The version of each budget this client last saw (none at first), as the budgets page sends it.
      const seen = new Map<string, number>();
      for (let i = 0; running || i < 4; i++) {
        const year = 2040 + (Math.floor(i / SERVICES.length) % 50);
        const service = SERVICES[i % SERVICES.length]!;
        const pence = (i + 1) * 100_00;
        try {
          const saved = await callers[who].budget.set({ serviceType: service, financialYear: year, amountPence: pence, version: seen.get(`${year}:${service}`) ?? null });
          seen.set(`${year}:${service}`, saved.rowVersion);
          written[who]!.push({ year, service, pence });
          await callers[who].budget.list({ financialYear: year });
          requests += 2;
        } catch (error) {
          failures.push(`${who} ${year} ${service}: ${String(error)}`);
        }
      }
    };
    const clients = Promise.all([client('sefton'), client('plymouth')]);

    // block_writes: Citus's online moves (logical replication, 'auto') are refused into tables with row-level security
    // on PostgreSQL 15 ("user citus_shard_move_subscription_role_… cannot replicate into relation with row-level
    // security enabled"); a blocking move holds writes to the moving shards while they copy: requests wait, none fails.
    await sql`SELECT citus_rebalance_start(shard_transfer_mode => 'block_writes')`.execute(connection.db);
    await sql`SELECT citus_rebalance_wait()`.execute(connection.db);
    running = false;
    await clients;

    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(8);
    // Shards moved onto the new worker.
    const { rows: moved } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_dist_shard_placement WHERE nodeport = ${port}`.execute(connection.db);
    expect(moved[0]!.n).toBeGreaterThan(0);
    // Every budget set is there with its last amount, read as its authority through the API.
    for (const who of Object.keys(CALLERS) as Array<keyof typeof CALLERS>) {
      const last = new Map<string, number>();
      for (const w of written[who]!) last.set(`${w.year}/${w.service}`, w.pence);
      for (const [key, pence] of last) {
        const [year, service] = key.split('/') as [string, string];
        const { rows } = await callers[who].budget.list({ financialYear: Number(year) });
        const row = rows.find((r) => r.serviceType === service);
        expect(row?.budgetId, `${who} ${key}`).toBeTruthy();
        expect(row?.position, `${who} ${key}`).toMatchObject({ budgetPence: pence });
      }
    }
    // Co-located tables moved together: each authority's budget and idempotency_key shards share a node.
    const after = await placements('budget', authorities);
    const keys = await placements('idempotency_key', authorities);
    for (const authority of authorities) expect(keys.get(authority)).toBe(after.get(authority));
    expect(before.size).toBe(2);
  }, 600_000);
});

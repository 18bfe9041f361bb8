import { hasCitus, inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededDatabase } from '../support/api.ts';

/**
 * Issue 15: on a Citus cluster (TEST_DATABASE_URL naming a coordinator), a per-authority read of a distributed table
 * runs on one shard when it names authority_id, the partnership-wide aggregate runs on every shard and adds up to
 * each authority's own figures, and an authority's rows of co-located tables share a node. On plain PostgreSQL and
 * PGlite the same reads give the same figures with no Citus in the plan.
 */

const AUTHORITIES = ['E08000014', 'E08000012', 'E06000026', 'E10000016', 'E06000027'];
const YEAR = 2031;

let connection: Connection;
let citus: boolean;

beforeAll(async () => {
  connection = await openSeededDatabase();
  citus = await hasCitus(connection.db);
  // The owner's (superuser's) connection writes every authority's budget: 1,000,000p × (position + 1) for home care.
  for (const [i, authority] of AUTHORITIES.entries()) {
    await sql`INSERT INTO budget (authority_id, service_type, financial_year, amount_pence)
      VALUES (${authority}, 'home_care', ${YEAR}, ${(i + 1) * 1_000_000})`.execute(connection.db);
  }
});
afterAll(() => connection?.close());

async function explain(authorityId: string, statement: string): Promise<string> {
  return inTenant(connection.db, { authorityId }, async (trx) => {
    const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (COSTS OFF) ${sql.raw(statement)}`.execute(trx);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe('routing by authority (issue 15)', () => {
  it('Sefton reading its budgets with authority_id named runs on one shard; by row-level security alone, on all of them', async () => {
    const named = await explain('E08000014', `SELECT * FROM budget WHERE authority_id = 'E08000014' AND financial_year = ${YEAR}`);
    const unnamed = await explain('E08000014', `SELECT * FROM budget WHERE financial_year = ${YEAR}`);
    if (citus) {
      expect(named).toMatch(/Task Count: 1\n/);
      expect(unnamed).toMatch(/Task Count: 32\n/);
    } else {
      expect(named).not.toMatch(/Citus/);
      expect(named).toMatch(/budget/);
    }
    // Either way Sefton reads its own row and nothing else.
    const seen = await inTenant(connection.db, { authorityId: 'E08000014' }, (trx) =>
      trx.selectFrom('budget').select(['authority_id', 'amount_pence']).where('financial_year', '=', YEAR).execute(),
    );
    expect(seen).toEqual([{ authority_id: 'E08000014', amount_pence: 1_000_000 }]);
  });

  it('the total across authorities (a multi-shard aggregate) is the sum of what each authority reads as itself', async () => {
    const { rows } = await sql<{ n: number; total: number }>`
      SELECT count(*)::int AS n, sum(amount_pence)::bigint AS total FROM budget WHERE financial_year = ${YEAR}`.execute(connection.db);
    expect(rows).toEqual([{ n: 5, total: 15_000_000 }]);
    let sum = 0;
    for (const authority of AUTHORITIES) {
      const own = await inTenant(connection.db, { authorityId: authority }, (trx) =>
        trx.selectFrom('budget').select('amount_pence').where('authority_id', '=', authority).where('financial_year', '=', YEAR).execute(),
      );
      expect(own).toHaveLength(1);
      sum += own[0]!.amount_pence;
    }
    expect(sum).toBe(15_000_000);
    if (citus) {
      const { rows: plan } = await sql<{ 'QUERY PLAN': string }>`
        EXPLAIN (COSTS OFF) SELECT sum(amount_pence) FROM budget WHERE financial_year = ${YEAR}`.execute(connection.db);
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Task Count: 32\n/);
    }
  });

  it("an authority's rows of co-located tables are on the same node (on Citus); without Citus nothing is distributed", async () => {
    if (!citus) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'pg_dist_partition'`.execute(connection.db);
      expect(rows).toEqual([{ n: 0 }]);
      return;
    }
    const { rows } = await sql<{ authority: string; budget_node: string; key_node: string }>`
      SELECT a AS authority,
        (SELECT nodename || ':' || nodeport FROM pg_dist_shard_placement WHERE shardid = get_shard_id_for_distribution_column('budget', a)) AS budget_node,
        (SELECT nodename || ':' || nodeport FROM pg_dist_shard_placement WHERE shardid = get_shard_id_for_distribution_column('idempotency_key', a)) AS key_node
      FROM unnest(${AUTHORITIES}::text[]) AS a`.execute(connection.db);
    expect(rows).toHaveLength(AUTHORITIES.length);
    for (const row of rows) expect(row.key_node).toBe(row.budget_node);
    // The five authorities are spread over both workers.
    expect(new Set(rows.map((r) => r.budget_node)).size).toBe(2);
  });
});

describe('a distributed table joined with a coordinator table under row-level security (issue 15, migration 0044)', () => {
  it("Sefton's budget joined with its memberships and their people: each authority's rows, as on one PostgreSQL", async () => {
    // Citus 13.2.2 crashed the coordinator on this join until migration 0044 had the distributed side planned first.
    const { rows: expected } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.authority_id = 'E08000014'`.execute(connection.db);
    expect(expected[0]!.n).toBeGreaterThan(0);
    const { rows: people } = await sql<{ id: string }>`SELECT user_id AS id FROM membership WHERE authority_id = 'E08000014' LIMIT 1`.execute(connection.db);
    const seen = await inTenant(connection.db, { authorityId: 'E08000014', userId: people[0]!.id }, async (trx) => {
      const { rows } = await sql<{ authority_id: string; amount_pence: number; name: string | null }>`
        SELECT b.authority_id, b.amount_pence, u.display_name AS name
        FROM budget b JOIN membership m ON m.authority_id = b.authority_id LEFT JOIN app_user u ON u.id = m.user_id
        WHERE b.financial_year = ${YEAR}`.execute(trx);
      return rows;
    });
    expect(seen).toHaveLength(expected[0]!.n);
    for (const row of seen) {
      expect(row).toMatchObject({ authority_id: 'E08000014', amount_pence: 1_000_000 });
      expect(row.name).not.toBeNull();
    }
  });
});

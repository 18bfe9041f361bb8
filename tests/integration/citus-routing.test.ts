import { DISTRIBUTED_TABLES, hasCitus, inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAs } from '../support/plans.ts';
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

const explain = (authorityId: string, statement: string) => planAs(connection.db, authorityId, statement);

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

describe('the tables migration 0053 distributes (issue 15, item 1)', () => {
  const SEFTON = 'E08000014';
  const PLYMOUTH = 'E06000026';

  it("Sefton reading its risks with authority_id named runs on one shard, and reads only its own", async () => {
    for (const authority of AUTHORITIES) {
      await sql`INSERT INTO risk (authority_id, subject_kind, subject_id, description, before_likelihood, before_impact, after_likelihood, after_impact)
        VALUES (${authority}, 'business_case', gen_random_uuid(), 'routing check', 3, 3, 2, 2)`.execute(connection.db);
    }
    const named = await explain(SEFTON, `SELECT * FROM risk WHERE authority_id = '${SEFTON}' AND description = 'routing check'`);
    if (citus) expect(named).toMatch(/Task Count: 1\n/);
    else expect(named).not.toMatch(/Citus/);
    expect(named).toMatch(/risk/);
    const seen = await inTenant(connection.db, { authorityId: SEFTON }, (trx) =>
      trx.selectFrom('risk').select('authority_id').where('description', '=', 'routing check').execute(),
    );
    expect(seen).toEqual([{ authority_id: SEFTON }]);
  });

  it('every distributed table is in one co-location group with budget, each authority on one node (on Citus); elsewhere their keys are whole', async () => {
    const { rows: keys } = await sql<{ referenced: string }>`
      SELECT DISTINCT confrelid::regclass::text AS referenced FROM pg_constraint
      WHERE contype = 'f' AND conrelid = 'business_case'::regclass ORDER BY 1`.execute(connection.db);
    if (!citus) {
      // The migration does nothing here: business_case keeps every key it was made with.
      expect(keys.map((k) => k.referenced)).toEqual(['app_user', 'authority', 'demand_model', 'options_appraisal', 'partnership']);
      return;
    }
    // Only the co-located keys are left on Citus.
    expect(keys.map((k) => k.referenced)).toEqual(['demand_model', 'options_appraisal']);
    const { rows: tables } = await sql<{ table: string; together: boolean }>`
      SELECT logicalrelid::regclass::text AS table,
        colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'budget'::regclass) AS together
      FROM pg_dist_partition WHERE partmethod = 'h' ORDER BY 1`.execute(connection.db);
    expect(tables).toEqual([...DISTRIBUTED_TABLES].sort().map((table) => ({ table, together: true })));
    const { rows: nodes } = await sql<{ authority: string; nodes: number }>`
      SELECT a AS authority, count(DISTINCT p.nodename || ':' || p.nodeport)::int AS nodes
      FROM unnest(${AUTHORITIES}::text[]) AS a CROSS JOIN unnest(${[...DISTRIBUTED_TABLES]}::text[]) AS t
      JOIN pg_dist_shard_placement p ON p.shardid = get_shard_id_for_distribution_column(t::regclass, a)
      GROUP BY a ORDER BY a`.execute(connection.db);
    expect(nodes).toEqual([...AUTHORITIES].sort().map((authority) => ({ authority, nodes: 1 })));
  });

  it("what the keys to app_user and partnership guaranteed holds everywhere: a business case naming someone or a partnership that is not the writer's is refused (23503)", async () => {
    const { rows: people } = await sql<{ id: string }>`
      SELECT user_id AS id FROM membership WHERE authority_id = ${PLYMOUTH} AND role = 'commissioner' LIMIT 1`.execute(connection.db);
    const { rows: partnerships } = await sql<{ id: string }>`
      SELECT partnership_id AS id FROM partnership_member WHERE authority_id = ${PLYMOUTH} AND left_on IS NULL LIMIT 1`.execute(connection.db);
    const me = people[0]!.id;
    const partnership = partnerships[0]!.id;
    const write = (values: Record<string, string>) =>
      inTenant(connection.db, { authorityId: PLYMOUTH, userId: me }, (trx) =>
        trx.insertInto('business_case').values({ authority_id: PLYMOUTH, title: 'Key check', ...values }).returning(['created_by', 'partnership_id']).executeTakeFirstOrThrow(),
      );
    await expect(write({ created_by: me, partnership_id: partnership })).resolves.toEqual({ created_by: me, partnership_id: partnership });
    await expect(write({ created_by: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: '23503' });
    await expect(write({ partnership_id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: '23503' });
    await expect(write({ approved_by: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: '23503' });
  });
});

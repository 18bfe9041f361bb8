import type { SessionIdentity } from '@concord/api';
import { DISTRIBUTED_TABLES, REFERENCE_TABLES, hasCitus, inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAs } from '../support/plans.ts';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';

/**
 * Issue 15, items 1–2, migration 0056: on Citus kpi_definition is a reference table and kpi_return, benchmark_figure
 * and benchmark_consent are distributed by authority_id with budget. A member's returns are one shard's; the
 * partnership benchmark is a multi-shard read whose figures are each member's own; a return still needs a KPI that
 * exists. On plain PostgreSQL and PGlite the same reads give the same figures, and every key is there.
 */

const PERIOD = '2023-08-01';
/** Shared Lives arrangements in August 2023, as the seed's members published them (benchmark.test.ts). */
const SL_01_AUGUST_2023 = 73 + 28 + 130 + 62 + 13;

let connection: Connection;
let citus: boolean;
let peninsula: string;
let devon: SessionIdentity;

beforeAll(async () => {
  connection = await openSeededDatabase();
  citus = await hasCitus(connection.db);
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  devon = (await signIn(connection, 'commissioner.devon@concord.example')).session;
});
afterAll(() => connection?.close());

const explain = (authorityId: string, statement: string) => planAs(connection.db, authorityId, statement);

describe('returns and the benchmark on Citus (issue 15, migration 0056)', () => {
  it("Plymouth reading its returns with authority_id named runs on one shard, and reads only its own", async () => {
    const named = await explain(GSS.plymouth, `SELECT * FROM kpi_return WHERE authority_id = '${GSS.plymouth}' AND period_start >= '2023-01-01'`);
    if (citus) expect(named).toMatch(/Task Count: 1\n/);
    else expect(named).not.toMatch(/Citus/);
    expect(named).toMatch(/kpi_return/);
    const seen = await inTenant(connection.db, { authorityId: GSS.plymouth }, (trx) =>
      trx.selectFrom('kpi_return').select('authority_id').where('authority_id', '=', GSS.plymouth).execute(),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.authority_id))).toEqual(new Set([GSS.plymouth]));
  });

  it("the Peninsula's benchmark (benchmark.get) is the members' own figures added up; on Citus its read is multi-shard", async () => {
    const b = await callerFor(connection, devon).benchmark.get({ partnershipId: peninsula, kpiCode: 'SL-01', period: PERIOD, periodCount: 12 });
    const members = await connection.db.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', peninsula).execute();
    const own = new Map<string, number>();
    for (const { authority_id: authority } of members) {
      // Each member's figure as it reads it itself, authority_id named (one shard on Citus).
      const rows = await inTenant(connection.db, { authorityId: authority }, (trx) =>
        trx.selectFrom('benchmark_figure').select('value')
          .where('authority_id', '=', authority).where('partnership_id', '=', peninsula).where('kpi_code', '=', 'SL-01').where('period_start', '=', PERIOD)
          .execute(),
      );
      if (rows.length > 0) own.set(authority, Number(rows[0]!.value));
    }
    expect(own.size).toBe(5);
    expect([...own.values()].reduce((s, v) => s + v, 0)).toBe(SL_01_AUGUST_2023);
    // Every member is in the benchmark; each one Devon may see has exactly its own figure (an anonymised one shows none).
    expect(b.rows).toHaveLength(own.size);
    expect(b.stats!.n).toBe(own.size);
    const named = b.rows.filter((r) => r.authorityId !== null);
    expect(named.length).toBeGreaterThanOrEqual(4);
    expect(named.map((r) => [r.authorityId, r.value])).toEqual(named.map((r) => [r.authorityId, own.get(r.authorityId!)]));
    const plan = await explain(GSS.devon, `SELECT f.authority_id, f.value, k.version FROM benchmark_figure f JOIN kpi_definition k ON k.id = f.kpi_id
      WHERE f.partnership_id = '${peninsula}' AND f.kpi_code = 'SL-01' AND f.period_start = '${PERIOD}'`);
    if (citus) expect(plan).toMatch(/Task Count: 32\n/);
    else expect(plan).not.toMatch(/Citus/);
  });

  it('kpi_definition is a reference table and the returns and figures are co-located with budget (on Citus); elsewhere every key is there', async () => {
    const { rows: keys } = await sql<{ table: string; referenced: string }>`
      SELECT conrelid::regclass::text AS table, confrelid::regclass::text AS referenced FROM pg_constraint
      WHERE contype = 'f' AND conrelid::regclass::text IN ('kpi_definition', 'kpi_return', 'benchmark_figure', 'benchmark_consent')
      ORDER BY 1, 2`.execute(connection.db);
    if (!citus) {
      expect(keys).toEqual([
        { table: 'benchmark_consent', referenced: 'partnership_member' },
        { table: 'benchmark_figure', referenced: 'authority' },
        { table: 'benchmark_figure', referenced: 'kpi_definition' },
        { table: 'benchmark_figure', referenced: 'partnership_member' },
        { table: 'kpi_definition', referenced: 'authority' },
        { table: 'kpi_definition', referenced: 'partnership' },
        { table: 'kpi_return', referenced: 'app_user' },
        { table: 'kpi_return', referenced: 'authority' },
        { table: 'kpi_return', referenced: 'kpi_definition' },
        { table: 'kpi_return', referenced: 'partnership_member' },
      ]);
      return;
    }
    // On Citus the keys to the KPI stay (distributed → reference); the others are argued in migration 0056.
    expect(keys).toEqual([
      { table: 'benchmark_figure', referenced: 'kpi_definition' },
      { table: 'kpi_return', referenced: 'kpi_definition' },
    ]);
    const { rows: reference } = await sql<{ table: string; method: string }>`
      SELECT logicalrelid::regclass::text AS table, partmethod AS method FROM pg_dist_partition WHERE repmodel = 't' AND partmethod = 'n' ORDER BY 1`.execute(connection.db);
    expect(reference).toEqual([...REFERENCE_TABLES].map((table) => ({ table, method: 'n' })));
    const { rows: together } = await sql<{ table: string; together: boolean }>`
      SELECT logicalrelid::regclass::text AS table,
        colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'budget'::regclass) AS together
      FROM pg_dist_partition WHERE logicalrelid::regclass::text IN ('kpi_return', 'benchmark_figure', 'benchmark_consent') ORDER BY 1`.execute(connection.db);
    expect(together).toEqual(['benchmark_consent', 'benchmark_figure', 'kpi_return'].map((table) => ({ table, together: true })));
    expect(DISTRIBUTED_TABLES).toEqual(expect.arrayContaining(['kpi_return', 'benchmark_figure', 'benchmark_consent']));
  });

  it('a return naming a KPI that does not exist, or a partnership the authority is not in, is refused (23503) on every database', async () => {
    const { rows: kpis } = await sql<{ id: string; code: string }>`
      SELECT id, code FROM kpi_definition WHERE partnership_id = ${peninsula} AND code = 'SL-01' ORDER BY version DESC LIMIT 1`.execute(connection.db);
    const { rows: others } = await sql<{ id: string }>`
      SELECT id FROM partnership WHERE id NOT IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ${GSS.plymouth}) LIMIT 1`.execute(connection.db);
    const write = (kpiId: string, partnershipId: string) =>
      inTenant(connection.db, { authorityId: GSS.plymouth }, (trx) =>
        trx.insertInto('kpi_return').values({
          authority_id: GSS.plymouth, partnership_id: partnershipId, kpi_id: kpiId, kpi_code: 'SL-01',
          period_start: '2031-04-01', period_end: '2031-04-30', due_on: '2031-05-31', value: 7, status: 'submitted',
        }).returning('kpi_id').executeTakeFirstOrThrow(),
      );
    await expect(write('00000000-0000-4000-8000-000000000000', peninsula)).rejects.toMatchObject({ code: '23503' });
    await expect(write(kpis[0]!.id, others[0]!.id)).rejects.toMatchObject({ code: '23503' });
    await expect(write(kpis[0]!.id, peninsula)).resolves.toEqual({ kpi_id: kpis[0]!.id });
  });
});

import type { Connection } from '@concord/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';

/**
 * Seed 000: long-term Shared Lives placements in August 2023 — Devon 73, Torbay 28, Cornwall 130, Somerset 62,
 * Plymouth 13 — read back through the API as Somerset (which sees every member named only if it chose so for
 * itself) and per 100,000 residents of the Census 2021 populations.
 */
let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

it('the Peninsula’s August 2023 Shared Lives figures and rates', async () => {
  const peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  const devon = callerFor(connection, (await signIn(connection, 'commissioner.devon@concord.example')).session);
  const somerset = callerFor(connection, (await signIn(connection, 'commissioner.somerset@concord.example')).session);
  const b = await somerset.benchmark.get({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', periodCount: 1 });
  const own = b.rows.find((r) => r.isMe)!;
  expect(own).toMatchObject({ label: 'Somerset Council', value: 62 });
  expect((own.perHundredThousand as number).toFixed(2)).toBe('10.85');
  const named = Object.fromEntries(b.rows.filter((r) => !r.isMe).map((r) => [r.label, [r.value, (r.perHundredThousand as number).toFixed(2)]]));
  expect(named).toEqual({
    'Devon County Council': [73, '8.99'],
    'Torbay Council': [28, '20.10'],
    'Cornwall Council': [130, '22.80'],
    'Plymouth City Council': [13, '4.91'],
  });
  expect(b.total).toBe(306);
  // To the others Somerset is "Authority A": its rate, never its count.
  const other = await devon.benchmark.get({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', periodCount: 1 });
  expect(other.rows.find((r) => r.label === 'Authority A')).toMatchObject({ value: null, authorityId: null });
  expect(other.rows.map((r) => r.label)).not.toContain('Somerset Council');
  // Eight quarters and more of returns for every KPI, in both partnerships.
  const tripartite = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
  for (const partnershipId of [peninsula, tripartite]) {
    const rows = await connection.db.selectFrom('benchmark_figure').select(['kpi_code', 'authority_id']).where('partnership_id', '=', partnershipId).execute();
    const byKpi = new Map<string, number>();
    for (const r of rows) byKpi.set(r.kpi_code, (byKpi.get(r.kpi_code) ?? 0) + 1);
    expect(byKpi.size).toBe(10);
    for (const [, n] of byKpi) expect(n).toBeGreaterThanOrEqual(8 * 3);
  }
});

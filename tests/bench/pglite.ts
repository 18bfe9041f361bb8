/**
 * The embedded database's page times: the demo seed on in-memory PGlite (one partnership, the LCR Tripartite,
 * with five years of returns and figures), the pages' procedures called over HTTP as Sefton's commissioner.
 */
import type { AddressInfo } from 'node:net';
import { demoSeedCommands, hashPasswordWithCost, loadApiConfig } from '@concord/api';
import { createConcordServer } from '@concord/api-server/server';
import { openTestDatabase } from '@concord/db/testing';
import { percentile, signIn, timedGet } from './harness.ts';

export interface PgliteResult {
  path: string;
  p50: number;
  p95: number;
}

export async function pglitePages(repeats: number): Promise<PgliteResult[]> {
  const saved = process.env.TEST_DATABASE_URL;
  delete process.env.TEST_DATABASE_URL; // in-memory PGlite, whatever the environment says
  const connection = await openTestDatabase({ seed: (p) => hashPasswordWithCost(p, 1024), commands: demoSeedCommands });
  if (saved !== undefined) process.env.TEST_DATABASE_URL = saved;
  const server = createConcordServer({ db: connection.db, databaseKind: connection.kind, api: loadApiConfig({}), webDist: '/nonexistent', log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const cookie = await signIn(base, 'commissioner.sefton@concord.example');
    const { id: partnershipId } = await connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow();
    const pages: [string, unknown][] = [
      ['benchmark.get', { partnershipId, kpiCode: 'SL-01', periodCount: 36 }],
      ['return.list', { partnershipId }],
      ['return.due', undefined],
      ['kpi.list', { partnershipId }],
      ['contract.list', {}],
      ['placement.list', {}],
      ['provider.list', {}],
      ['market.overview', {}],
    ];
    const results: PgliteResult[] = [];
    for (const [path, input] of pages) {
      await timedGet(base, cookie, path, input);
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) times.push((await timedGet(base, cookie, path, input)).ms);
      results.push({ path, p50: percentile(times, 50), p95: percentile(times, 95) });
    }
    return results;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await connection.close();
  }
}

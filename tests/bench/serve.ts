/**
 * The server alone, for the load test (so the load generator does not share its event loop): createConcordServer on
 * the generated database with the production pool size, in as many processes sharing the port as `start` runs on
 * PostgreSQL (CONCORD_WORKERS, by default one per core: apps/api/src/config.ts). Prints the address on its first
 * line of output.
 */
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { loadApiConfig } from '@concord/api';
import { loadServerConfig } from '@concord/api-server/config';
import { createConcordServer } from '@concord/api-server/server';
import { connectPostgres } from '@concord/db';
import { BENCH_DATABASE, benchUrl, databaseUrl } from './shape.ts';

const url = databaseUrl(benchUrl(), BENCH_DATABASE);
const { workers } = loadServerConfig({ DATABASE_URL: url, CONCORD_WORKERS: process.env.CONCORD_WORKERS });

if (cluster.isPrimary && workers > 1) {
  let printed = false;
  cluster.on('listening', (_worker, address) => {
    if (!printed) console.log(`http://127.0.0.1:${address.port}`);
    printed = true;
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  });
} else {
  const connection = connectPostgres(url);
  const server = createConcordServer({ db: connection.db, databaseKind: 'postgres', api: loadApiConfig({}), webDist: '/nonexistent', log: () => {} });
  // Every process listens on port 0: under node:cluster they share the one port the first was given.
  server.listen(0, '127.0.0.1', () => {
    if (cluster.isPrimary) console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void connection.close().then(() => process.exit(0)));
  });
}

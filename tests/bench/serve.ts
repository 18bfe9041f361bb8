/**
 * The server alone, in a process of its own, for the load test (so the load generator does not share its
 * event loop): createConcordServer on the generated database with the production pool size, as `start` has.
 * Prints the address on its first line of output.
 */
import type { AddressInfo } from 'node:net';
import { loadApiConfig } from '@concord/api';
import { createConcordServer } from '@concord/api-server/server';
import { connectPostgres } from '@concord/db';
import { BENCH_DATABASE, benchUrl, databaseUrl } from './shape.ts';

const connection = connectPostgres(databaseUrl(benchUrl(), BENCH_DATABASE));
const server = createConcordServer({ db: connection.db, databaseKind: 'postgres', api: loadApiConfig({}), webDist: '/nonexistent', log: () => {} });
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void connection.close().then(() => process.exit(0)));
});

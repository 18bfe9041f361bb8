/**
 * The CPU a load cost, read from /proc (Linux): the server process's and its PostgreSQL backends' user + system
 * time between two readings. PostgreSQL must run on this machine; elsewhere the figures are left out.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** A process's user + system CPU so far, in ms (0 if it is gone or /proc is not there). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) in its parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export interface CpuReading {
  node: number;
  backends: Map<number, number>;
}

/** The server process's CPU and every other backend's of the database (the server's pool) at this moment. */
export async function readCpu(serverPid: number, client: pg.Client): Promise<CpuReading> {
  const rows = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return { node: cpuMs(serverPid), backends: new Map(rows.rows.map((r) => [r.pid, cpuMs(r.pid)])) };
}

/** CPU ms per request between two readings; a backend not in the first reading started during the load. */
export function cpuPerRequest(before: CpuReading, after: CpuReading, requests: number): { node: number; postgres: number } {
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  return { node: (after.node - before.node) / requests, postgres: postgres / requests };
}

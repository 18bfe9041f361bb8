/**
 * The CPU a load cost, read from /proc (Linux): the server process's and its PostgreSQL backends' user + system
 * time between two readings. PostgreSQL must run on this machine; elsewhere the figures are left out.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * The fields of /proc/<pid>/stat after the command (which may hold spaces, in its parentheses), counted from 0: state
 * is [0], the process group [2], utime [11], stime [12], cutime [13], cstime [14] (man proc). Null if the process is
 * gone or /proc is not there.
 */
export function procStat(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** A process's user + system CPU so far, in ms (0 if it is gone or /proc is not there). */
export function cpuMs(pid: number): number {
  const fields = procStat(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_MS : 0;
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

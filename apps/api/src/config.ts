import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { readApiConfig, SettingsReader, type ApiConfig } from '@concord/api';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './limits.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerConfig {
  port: number;
  host: string;
  /** Real PostgreSQL for requests (the application login role). Unset: embedded PGlite. */
  databaseUrl: string | null;
  /** A role allowed to migrate and seed (owner or superuser). Falls back to databaseUrl for `db:migrate`. */
  databaseOwnerUrl: string | null;
  /** Where embedded PGlite keeps its files. */
  dataDir: string;
  webDist: string;
  /** Load demo data into an empty database on start. */
  demoData: boolean;
  /** How many proxies of ours stand in front (0: none, take the socket's address and ignore X-Forwarded-*). */
  proxyHops: number;
  limits: HttpLimits;
  /** Send the deadline reminders due every 15 minutes (CONCORD_REMINDERS, on unless 'off'). */
  reminders: boolean;
  /** How many server processes answer requests on the port (CONCORD_WORKERS); always 1 on embedded PGlite. */
  workers: number;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
export const MAX_PROXY_HOPS = 10;

/** A PostgreSQL URL, or null when unset. The value is never repeated in a message: it may hold a password. */
function databaseUrl(settings: SettingsReader, name: string): string | null {
  const raw = settings.raw(name);
  if (raw === undefined) return null;
  let ok = false;
  try {
    ok = ['postgres:', 'postgresql:'].includes(new URL(raw).protocol);
  } catch {
    ok = false;
  }
  if (!ok) settings.problems.push(`${name} must be a PostgreSQL URL (postgres://user:password@host:5432/database)`);
  return raw;
}

/** `CONCORD_TRUST_PROXY`: a number of proxy hops; `true` is one, `false` or unset none. */
function proxyHops(settings: SettingsReader): number {
  const raw = settings.raw('CONCORD_TRUST_PROXY');
  if (raw === 'true') return 1;
  if (raw === 'false') return 0;
  return settings.wholeNumber('CONCORD_TRUST_PROXY', 0, 0, MAX_PROXY_HOPS);
}

export const MAX_WORKERS = 64;

/**
 * `CONCORD_WORKERS`: server processes sharing the port (node:cluster). One Node process runs JavaScript on one core,
 * so on PostgreSQL the default is one per core but one, left for PostgreSQL (at least 1): on a 2-core machine with
 * PostgreSQL beside it a second process measured no faster (issue 14: both cores were already busy, ~7 ms of Node
 * and ~7 ms of PostgreSQL per request). Sessions, sign-in limits and everything else a request needs are in the
 * database, so any process can answer any request. Embedded PGlite lives inside its one process: 1 only.
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, MAX_WORKERS));
}

function workers(settings: SettingsReader, embedded: boolean): number {
  const fallback = embedded ? 1 : defaultWorkers();
  const count = settings.wholeNumber('CONCORD_WORKERS', fallback, 1, MAX_WORKERS);
  if (embedded && count > 1) settings.problem('CONCORD_WORKERS', '1 with the embedded database (set DATABASE_URL to run several server processes)');
  return count;
}

const MB = 1024 * 1024;

function httpLimits(settings: SettingsReader): HttpLimits {
  const d = DEFAULT_HTTP_LIMITS;
  const seconds = (name: string, fallback: number, max: number) => settings.wholeNumber(name, fallback / 1000, 1, max) * 1000;
  const limits: HttpLimits = {
    ...d,
    maxBodyBytes: settings.wholeNumber('CONCORD_MAX_BODY_BYTES', d.maxBodyBytes, 1024, 1024 * MB),
    maxUploadBytes: settings.wholeNumber('CONCORD_MAX_UPLOAD_BYTES', d.maxUploadBytes, 1024, 1024 * MB),
    headersTimeoutMs: seconds('CONCORD_HEADERS_TIMEOUT_SECONDS', d.headersTimeoutMs, 600),
    requestTimeoutMs: seconds('CONCORD_REQUEST_TIMEOUT_SECONDS', d.requestTimeoutMs, 3600),
    keepAliveTimeoutMs: seconds('CONCORD_KEEP_ALIVE_TIMEOUT_SECONDS', d.keepAliveTimeoutMs, 600),
  };
  if (limits.maxUploadBytes < limits.maxBodyBytes)
    settings.problems.push(`CONCORD_MAX_UPLOAD_BYTES (${limits.maxUploadBytes}) must not be less than CONCORD_MAX_BODY_BYTES (${limits.maxBodyBytes})`);
  if (limits.requestTimeoutMs < limits.headersTimeoutMs)
    settings.problems.push('CONCORD_REQUEST_TIMEOUT_SECONDS must not be less than CONCORD_HEADERS_TIMEOUT_SECONDS (the whole request includes its headers)');
  return limits;
}

/** The server's own settings (where to listen, which database, limits), read into `settings` with any problems. */
export function readServerConfig(settings: SettingsReader, api: Pick<ApiConfig, 'demoData'>): ServerConfig {
  const host = settings.raw('HOST') ?? '127.0.0.1';
  if (isIP(host) === 0 && !HOSTNAME.test(host)) settings.problem('HOST', 'an IP address (127.0.0.1, 0.0.0.0, ::) or a host name');
  // Read by @concord/db when it loads; checked here so a bad name stops the start with the others.
  settings.matching('CONCORD_APP_ROLE', ROLE_NAME, 'a PostgreSQL role name (lower-case letters, digits and _)');
  const dataDir = settings.raw('CONCORD_DATA_DIR') ?? '.concord/data';
  const requestsUrl = databaseUrl(settings, 'DATABASE_URL');
  return {
    port: settings.wholeNumber('PORT', 3000, 0, 65535),
    host,
    databaseUrl: requestsUrl,
    databaseOwnerUrl: databaseUrl(settings, 'DATABASE_OWNER_URL'),
    // Relative paths are taken from the repository root, whichever folder pnpm runs the script in.
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(REPO_ROOT, dataDir),
    webDist: settings.raw('CONCORD_WEB_DIST') ?? join(REPO_ROOT, 'apps/web/dist'),
    // Read once, with the API's settings (the pages say whether the data is demo data).
    demoData: api.demoData,
    proxyHops: proxyHops(settings),
    limits: httpLimits(settings),
    reminders: settings.matching('CONCORD_REMINDERS', /^(on|off)$/, '"on" or "off"') !== 'off',
    workers: workers(settings, requestsUrl === null),
  };
}

/** The server's settings alone (the CLI); throws a SettingsError naming every variable that is wrong. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const settings = new SettingsReader(env);
  const config = readServerConfig(settings, { demoData: settings.flag('CONCORD_DEMO_DATA', true) });
  settings.check();
  return config;
}

/**
 * Every setting the server reads, checked together before anything starts: a SettingsError lists each
 * variable that is wrong and what it takes, so one failed start names everything to fix.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): { server: ServerConfig; api: ApiConfig } {
  const settings = new SettingsReader(env);
  const api = readApiConfig(settings);
  const server = readServerConfig(settings, api);
  settings.check();
  return { server, api };
}

import { fileURLToPath } from 'node:url';
import { isAbsolute, join, resolve } from 'node:path';

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
  trustProxy: boolean;
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const dataDir = env.CONCORD_DATA_DIR ?? '.concord/data';
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || null,
    // Relative paths are taken from the repository root, whichever folder pnpm runs the script in.
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(REPO_ROOT, dataDir),
    webDist: env.CONCORD_WEB_DIST ?? join(REPO_ROOT, 'apps/web/dist'),
    trustProxy: env.CONCORD_TRUST_PROXY === 'true',
  };
}

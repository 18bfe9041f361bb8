import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { appRouter, createHttpContextFactory, createReadApiHandler, READ_API_BASE, type ApiConfig } from '@concord/api';
import type { Database, DatabaseKind } from '@concord/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Kysely } from 'kysely';
import sirv from 'sirv';

export interface ServerDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  api: ApiConfig;
  webDist: string;
  trustProxy?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** `/trpc` for the API, `/api/v1` for the read API for BI tools (OpenAPI), `/healthz` for probes, and the built single-page app for everything else. */
export function createConcordServer(deps: ServerDeps): Server {
  const log = deps.log ?? ((line: string) => console.error(line));
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: createHttpContextFactory({ db: deps.db, databaseKind: deps.databaseKind, config: deps.api, trustProxy: deps.trustProxy, now: deps.now }),
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') log(`[${ctx?.meta.requestId ?? '-'}] ${path ?? '?'}: ${error.cause?.stack ?? error.stack}`);
    },
  });
  const readApi = createReadApiHandler({ db: deps.db, databaseKind: deps.databaseKind, config: deps.api, trustProxy: deps.trustProxy, now: deps.now, log });
  const web = existsSync(deps.webDist) ? sirv(deps.webDist, { single: true, etag: true }) : null;

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') return json(res, 200, { status: 'ok', database: deps.databaseKind });
    if (path === '/trpc' || path.startsWith('/trpc/')) {
      res.setHeader('cache-control', 'no-store');
      return trpc(req, res);
    }
    if (path === READ_API_BASE || path.startsWith(`${READ_API_BASE}/`)) return void readApi(req, res);
    if (web) return web(req, res, () => json(res, 404, { error: 'Not found' }));
    res.writeHead(503, { 'content-type': 'text/plain' }).end('The web app is not built. Run `pnpm build`.');
  });
}

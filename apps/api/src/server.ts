import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { appRouter, createDocumentDownloadHandler, createHttpContextFactory, createReadApiHandler, DOCUMENT_DOWNLOAD_PATH, READ_API_BASE, type ApiConfig } from '@concord/api';
import type { Database, DatabaseKind } from '@concord/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Kysely } from 'kysely';
import { constants as zlib } from 'node:zlib';
import compression from 'compression';
import { compressWholeAnswers, type Middleware } from './compress.ts';
import sirv from 'sirv';
import {
  bodyLimitFor,
  closeIdleAfterReading,
  DEFAULT_HTTP_LIMITS,
  readBodyWithin,
  refuseAndClose,
  refuseDeclaredTooLarge,
  trpcErrorBody,
  trpcPaths,
  type HttpLimits,
} from './limits.ts';

export interface ServerDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  api: ApiConfig;
  webDist: string;
  /** How many proxies of ours stand in front (CONCORD_TRUST_PROXY); 0 or unset: X-Forwarded-* is ignored. */
  proxyHops?: number;
  /** Body sizes, batch size and timeouts; DEFAULT_HTTP_LIMITS where not given. */
  limits?: Partial<HttpLimits>;
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

export { DEFAULT_HTTP_LIMITS, UPLOAD_PROCEDURES, type HttpLimits } from './limits.ts';

/** Sent when the session cookie is Secure, i.e. Concord is served over HTTPS only: browsers then never try plain HTTP. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Vite names every built asset after its content, so `/assets/*` never changes under its name: cached for a
 * year without asking again. The page itself (index.html, and every SPA route that falls back to it) is
 * always checked, so a new release is picked up on the next visit.
 */
function cacheFor(res: ServerResponse, path: string) {
  res.setHeader('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/**
 * `/trpc` for the API, `/api/v1` for the read API for BI tools (OpenAPI), `/healthz` for probes, and the
 * built single-page app for everything else. Every request body is bounded (HttpLimits): one that says or
 * turns out to be too large is answered 413 without being read, so a huge upload costs neither memory nor
 * the event loop and `/healthz` keeps answering.
 */
export function createConcordServer(deps: ServerDeps): Server {
  const log = deps.log ?? ((line: string) => console.error(line));
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...deps.limits };
  const contextDeps = { db: deps.db, databaseKind: deps.databaseKind, config: deps.api, proxyHops: deps.proxyHops ?? 0, now: deps.now };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: createHttpContextFactory(contextDeps),
    // Both are enforced before the handler runs (handleTrpc); kept here too in case a request gets past.
    maxBatchSize: limits.maxBatchCalls,
    maxBodySize: limits.maxUploadBytes,
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') log(`[${ctx?.meta.requestId ?? '-'}] ${path ?? '?'}: ${error.cause?.stack ?? error.stack}`);
    },
  });
  const readApi = createReadApiHandler({ ...contextDeps, log });
  const documents = createDocumentDownloadHandler({ ...contextDeps, log });
  // The built web app's handler is made on the first request for it: sirv lists and stats every built file when it is
  // made (~30-50 ms of a start, issue 14, item 5), which a start that is only probed (or only serves the API) never needs.
  const hasWeb = existsSync(deps.webDist);
  let web: ReturnType<typeof sirv> | null = null;
  const webApp = () => (web ??= sirv(deps.webDist, { single: true, etag: true, setHeaders: cacheFor }));
  // gzip or brotli, as the client accepts, for every answer over 1 KB of a compressible type. Answers made per
  // request (/trpc, /api/v1) are compressed at the fastest levels: gzip 6 and brotli 4 (the defaults) cost more
  // CPU than the rest of a list's request, and make it only ~15% smaller. Built files keep the defaults. An ordinary
  // tRPC answer is compressed whole, at once (compress.ts: a fraction of the stream's CPU).
  const compressTrpc = compressWholeAnswers(1024);
  const compressFile = compression({ threshold: 1024 }) as unknown as Middleware;
  const compressAnswer = compression({
    threshold: 1024,
    level: zlib.Z_BEST_SPEED,
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } },
  }) as unknown as Middleware;

  async function handleTrpc(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('cache-control', 'no-store');
    const url = req.url ?? '/';
    const paths = trpcPaths(url);
    const batch = new URLSearchParams(url.split('?')[1] ?? '').get('batch') === '1';
    const tooLarge = (message: string) => trpcErrorBody(paths, batch, 'PAYLOAD_TOO_LARGE', message);
    const limit = bodyLimitFor(paths, limits);
    if (refuseDeclaredTooLarge(req, res, limit, tooLarge)) return;
    if (batch && paths.length > limits.maxBatchCalls) {
      const message = `Too many calls in one request: ${paths.length}, at most ${limits.maxBatchCalls}. Send them in smaller batches.`;
      // One error, not one per call: a refused batch of thousands should not cost thousands of errors.
      return refuseAndClose(req, res, 400, trpcErrorBody(['batch'], false, 'BAD_REQUEST', message));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const body = await readBodyWithin(req, res, limit, tooLarge);
      if (body === null) return;
      // tRPC's node adapter takes a body already read from `req.body` instead of reading the stream again.
      (req as IncomingMessage & { body?: string }).body = body;
    }
    return trpc(req, res);
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? '/';
    const answer = url.startsWith('/trpc') || url.startsWith(READ_API_BASE);
    // A streamed tRPC answer (trpc-accept) is written in pieces as they come: the stream compresses it.
    const whole = url.startsWith('/trpc') && !req.headers['trpc-accept'];
    (whole ? compressTrpc : answer ? compressAnswer : compressFile)(req, res, () => {
      // tRPC flushes the compressor after every chunk it writes, for streamed answers; an ordinary answer is one
      // chunk, and flushing it costs a second pass of the compressor and a second write to the socket.
      if (answer && !req.headers['trpc-accept']) (res as ServerResponse & { flush?: () => void }).flush = undefined;
      route(req, res);
    });
  }

  function route(req: IncomingMessage, res: ServerResponse) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (deps.api.secureCookies) res.setHeader('strict-transport-security', HSTS);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') return json(res, 200, { status: 'ok', database: deps.databaseKind });
    if (path === '/trpc' || path.startsWith('/trpc/')) return void handleTrpc(req, res);
    // Nothing else reads a body: one larger than an ordinary call's is refused before a byte of it is taken.
    const tooLarge = (message: string) => ({ message, code: 'PAYLOAD_TOO_LARGE' });
    if (refuseDeclaredTooLarge(req, res, limits.maxBodyBytes, tooLarge)) return;
    if (path === READ_API_BASE || path.startsWith(`${READ_API_BASE}/`)) return void readApi(req, res);
    if (path.startsWith(DOCUMENT_DOWNLOAD_PATH)) return void documents(req, res);
    // Source maps are never served, even if a build left some behind (they would publish the source).
    if (path.endsWith('.map')) return json(res, 404, { error: 'Not found' });
    if (hasWeb) return webApp()(req, res, () => json(res, 404, { error: 'Not found' }));
    res.writeHead(503, { 'content-type': 'text/plain' }).end('The web app is not built. Run `pnpm build`.');
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above (default 30 s, too coarse for a 20 s header limit).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    handle,
  );
  // The keep-alive timeout is a socket timeout, and the only one set (no server.timeout): with a listener, Node leaves
  // the closing to it, which first reads what has arrived (limits.ts).
  server.on('timeout', closeIdleAfterReading);
  // A client that asks before sending its body (Expect: 100-continue, as curl does for large bodies) is told
  // to go on only if the body was not refused from its headers: a refused one is never sent at all.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res);
    if (!res.headersSent) res.writeContinue();
  });
  return server;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createOpenApiNodeHttpHandler, generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { createHttpContextFactory, type HttpContextDeps } from '../http-context.ts';
import { appRouter } from '../root.ts';
import { SESSION_COOKIE } from '../auth/token.ts';

/** Where the read API for BI tools is mounted. */
export const READ_API_BASE = '/api/v1';

/**
 * The OpenAPI document of the read API, generated from the tRPC router: every procedure carrying
 * `meta.openapi` (queries only: KPI definitions, my returns, benchmark results). Signing in is the same
 * session cookie as the web app, so tenancy (RLS, consent, suppression) is exactly the tRPC procedures'.
 */
export function readApiDocument(baseUrl: string): OpenAPIObject {
  return generateOpenApiDocument(appRouter, {
    title: 'Concord read API',
    description:
      'Read-only API for BI tools (Power BI, Excel): the KPI library of my partnerships, my authority’s returns and partnership benchmarks, with consent and small-number suppression applied exactly as on the site. Authenticate with the Concord session cookie.',
    version: '1',
    baseUrl,
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
  });
}

/**
 * `GET /api/v1/openapi.json` and `GET /api/v1/<path>` for the exposed queries. Anything but GET/HEAD is
 * refused with 405 before it reaches the router: the read API never runs a mutation.
 */
export function createReadApiHandler(deps: HttpContextDeps & { baseUrl?: string; log?: (line: string) => void }) {
  const log = deps.log ?? ((line: string) => console.error(line));
  // The node-http core (not the 'standalone' wrapper, which hands createContext a fetch Request): our
  // createContext reads the IncomingMessage, exactly as for /trpc.
  const handler = createOpenApiNodeHttpHandler<typeof appRouter, IncomingMessage, ServerResponse>({
    router: appRouter,
    createContext: createHttpContextFactory(deps),
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') log(`[${ctx?.meta.requestId ?? '-'}] ${path ?? '?'}: ${error.cause?.stack ?? error.stack}`);
    },
  });
  let document: OpenAPIObject | null = null;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('cache-control', 'no-store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'application/json', allow: 'GET, HEAD' }).end(JSON.stringify({ message: 'The read API is read-only', code: 'METHOD_NOT_SUPPORTED' }));
      return;
    }
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    if (path === `${READ_API_BASE}/openapi.json`) {
      document ??= readApiDocument(deps.baseUrl ?? READ_API_BASE);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
      return;
    }
    // trpc-to-openapi matches paths as declared in meta ('/kpis'): strip the mount point.
    req.url = url.slice(READ_API_BASE.length) || '/';
    await handler(req, res);
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { bearerToken } from '@concord/domain';
import { createHttpContextFactory, header, sessionFromCookie, type HttpContextDeps } from '../http-context.ts';
import { appRouter } from '../root.ts';
import { resolveApiToken } from '../api-token/tokens.ts';
import type { SessionIdentity } from '../auth/sessions.ts';
import { SESSION_COOKIE } from '../auth/token.ts';

const INVALID_TOKEN =
  'The API token is not valid: it is unknown, has expired or has been revoked. Send Authorization: Bearer concord_pat_…, with a token from Concord’s API tokens page.';

/** Where the read API for BI tools is mounted. */
export const READ_API_BASE = '/api/v1';

// trpc-to-openapi (with zod-openapi) takes a few hundred milliseconds to import: loaded on the read API's
// first request, not when the server (or a test) starts.
const openApi = () => import('trpc-to-openapi');

/**
 * The OpenAPI document of the read API, generated from the tRPC router: every procedure carrying
 * `meta.openapi` (queries only: KPI definitions, my returns, benchmark results). A BI tool sends a personal
 * API token as a bearer token; a browser may use its session cookie. Either way the same procedures run
 * as the same user and authority, so tenancy (RLS, consent, suppression) is exactly the tRPC procedures'.
 */
export async function readApiDocument(baseUrl: string): Promise<OpenAPIObject> {
  const { generateOpenApiDocument } = await openApi();
  return generateOpenApiDocument(appRouter, {
    title: 'Concord read API',
    description:
      'Read-only API for BI tools (Power BI, Excel): the KPI library of my partnerships, my authority’s returns and partnership benchmarks, with consent and small-number suppression applied exactly as on the site. Authenticate with a personal API token (make one in Concord under Your sessions → API tokens) sent as `Authorization: Bearer concord_pat_…`; it reads as you, in the authority you made it for, and can change nothing. In Power BI: Get data → Web → Advanced, the URL (e.g. https://<your Concord>/api/v1/kpis) and an HTTP request header Authorization = Bearer <token>. A signed-in browser’s session cookie also works.',
    version: '1',
    baseUrl,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'concord_pat_…', description: 'A personal API token, made on Concord’s API tokens page' },
    },
  });
}

/**
 * `GET /api/v1/openapi.json` and `GET /api/v1/<path>` for the exposed queries. Anything but GET/HEAD is
 * refused with 405 before it reaches the router: the read API never runs a mutation. A request with an
 * Authorization header is judged by it alone: a valid bearer token acts as its user, anything else is 401.
 */
export function createReadApiHandler(deps: HttpContextDeps & { baseUrl?: string; log?: (line: string) => void }) {
  const log = deps.log ?? ((line: string) => console.error(line));
  const now = deps.now ?? (() => new Date());
  const fromToken = new WeakMap<IncomingMessage, SessionIdentity>();
  const fromCookie = sessionFromCookie(deps);
  // The node-http core (not the 'standalone' wrapper, which hands createContext a fetch Request): our
  // createContext reads the IncomingMessage, exactly as for /trpc.
  const createHandler = async () =>
    (await openApi()).createOpenApiNodeHttpHandler<typeof appRouter, IncomingMessage, ServerResponse>({
      router: appRouter,
      createContext: createHttpContextFactory(deps, async (req) => fromToken.get(req) ?? fromCookie(req)),
      onError({ error, path, ctx }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') log(`[${ctx?.meta.requestId ?? '-'}] ${path ?? '?'}: ${error.cause?.stack ?? error.stack}`);
      },
    });
  let handler: ReturnType<typeof createHandler> | null = null;
  let document: Promise<OpenAPIObject> | null = null;
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
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await document));
      return;
    }
    const authorization = header(req, 'authorization');
    if (authorization !== null) {
      const token = bearerToken(authorization);
      const identity = token ? await resolveApiToken(deps.db, token, now()) : null;
      if (!identity) {
        res
          .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="Concord read API", error="invalid_token"' })
          .end(JSON.stringify({ message: INVALID_TOKEN, code: 'UNAUTHORIZED' }));
        return;
      }
      fromToken.set(req, identity);
    }
    // trpc-to-openapi matches paths as declared in meta ('/kpis'): strip the mount point.
    req.url = url.slice(READ_API_BASE.length) || '/';
    handler ??= createHandler();
    await (await handler)(req, res);
  };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database, DatabaseKind } from '@concord/db';
import { parse as parseCookies, serialize } from 'cookie';
import type { Kysely } from 'kysely';
import { resolveSession, type SessionIdentity } from './auth/sessions.ts';
import { SESSION_COOKIE } from './auth/token.ts';
import type { ApiConfig } from './config.ts';
import type { Context, RequestMeta } from './context.ts';

export interface HttpContextDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  config: ApiConfig;
  /** Trust X-Forwarded-For / X-Forwarded-Proto (only behind a proxy you run). */
  trustProxy?: boolean;
  now?: () => Date;
}

export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export function requestMeta(req: IncomingMessage, trustProxy: boolean, requestId: string = randomUUID()): RequestMeta {
  const forwarded = trustProxy ? header(req, 'x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return {
    requestId,
    ip: forwarded || req.socket.remoteAddress || 'unknown',
    userAgent: header(req, 'user-agent'),
    origin: header(req, 'origin'),
    host: header(req, 'host'),
    fetchSite: header(req, 'sec-fetch-site'),
    hasCsrfHeader: header(req, 'x-concord-csrf') === '1',
  };
}

/** Who a request acts as, before the procedure runs; null when signed out. */
export type IdentifyRequest = (req: IncomingMessage) => Promise<SessionIdentity | null>;

/** The session of the HttpOnly cookie: the only way /trpc knows who is calling. */
export function sessionFromCookie(deps: HttpContextDeps): IdentifyRequest {
  const now = deps.now ?? (() => new Date());
  return (req) => resolveSession(deps.db, parseCookies(header(req, 'cookie') ?? '')[SESSION_COOKIE], deps.config.session, now());
}

/** Builds a tRPC context per HTTP request: request facts, the session (from the HttpOnly cookie unless told otherwise), cookie writers. */
export function createHttpContextFactory(deps: HttpContextDeps, identify: IdentifyRequest = sessionFromCookie(deps)) {
  const now = deps.now ?? (() => new Date());
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<Context> => {
    const meta = requestMeta(req, deps.trustProxy ?? false);
    res.setHeader('x-request-id', meta.requestId);
    const session = await identify(req);
    const secure = deps.config.secureCookies || (deps.trustProxy === true && header(req, 'x-forwarded-proto') === 'https');
    const write = (value: string, maxAge?: number) =>
      res.appendHeader(
        'set-cookie',
        serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/', secure, ...(maxAge === undefined ? {} : { maxAge }) }),
      );
    return {
      db: deps.db,
      databaseKind: deps.databaseKind,
      config: deps.config,
      meta,
      session,
      now,
      cookies: {
        setSession: (token) => write(token, deps.config.session.absoluteHours * 3600),
        clearSession: () => write('', 0),
      },
    };
  };
}

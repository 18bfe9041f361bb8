import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database, DatabaseKind } from '@concord/db';
import { parse as parseCookies, serialize } from 'cookie';
import type { Kysely } from 'kysely';
import { canonicalAddress } from './auth/address.ts';
import { resolveSession, type SessionIdentity } from './auth/sessions.ts';
import { SESSION_COOKIE } from './auth/token.ts';
import type { ApiConfig } from './config.ts';
import type { Context, RequestMeta } from './context.ts';

export interface HttpContextDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  config: ApiConfig;
  /**
   * How many proxies of ours stand in front (CONCORD_TRUST_PROXY). 0 or unset: X-Forwarded-* is ignored and
   * the client is the socket's peer.
   */
  proxyHops?: number;
  now?: () => Date;
}

export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * The entry of a comma-separated X-Forwarded-* header that our `hops` proxies vouch for. Each proxy appends
 * what it saw (the address it was connected from, the scheme it was reached by), so the last `hops` entries
 * were written by our proxies and the one `hops` from the right is what the outermost of them saw. Anything
 * further left was written by the client and is never believed. A shorter list than `hops` (a request that
 * bypassed a proxy) gives its leftmost entry, as Express's `trust proxy` does.
 */
export function forwardedEntry(value: string | null, hops: number): string | null {
  if (hops <= 0 || value === null) return null;
  const entries = value.split(',').map((e) => e.trim());
  return entries[Math.max(0, entries.length - hops)] || null;
}

/**
 * Request facts for a procedure: the client address is the socket's peer, or with proxy hops, what our outermost
 * proxy saw, in one written form (`::ffff:192.0.2.1` is 192.0.2.1, `0:0::1` is ::1: address.ts).
 */
export function requestMeta(req: IncomingMessage, proxyHops: number, requestId: string = randomUUID()): RequestMeta {
  // Node joins repeated X-Forwarded-For headers with ', ', so a second header the client adds is just more entries on the left.
  const forwarded = forwardedEntry(header(req, 'x-forwarded-for'), proxyHops);
  return {
    requestId,
    ip: canonicalAddress(forwarded || req.socket.remoteAddress || 'unknown'),
    userAgent: header(req, 'user-agent'),
    origin: header(req, 'origin'),
    host: header(req, 'host'),
    fetchSite: header(req, 'sec-fetch-site'),
    hasCsrfHeader: header(req, 'x-concord-csrf') === '1',
  };
}

/** Whether the client reached us over HTTPS, by the scheme our outermost proxy saw (X-Forwarded-Proto); false without proxies. */
export function forwardedHttps(req: IncomingMessage, proxyHops: number): boolean {
  return forwardedEntry(header(req, 'x-forwarded-proto'), proxyHops)?.toLowerCase() === 'https';
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
    const meta = requestMeta(req, deps.proxyHops ?? 0);
    res.setHeader('x-request-id', meta.requestId);
    const session = await identify(req);
    const secure = deps.config.secureCookies || forwardedHttps(req, deps.proxyHops ?? 0);
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

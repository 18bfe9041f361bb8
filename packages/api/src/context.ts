import type { Database, DatabaseKind, Tx } from '@concord/db';
import type { AuthorityRole } from '@concord/domain';
import type { Kysely } from 'kysely';
import type { SessionIdentity } from './auth/sessions.ts';
import type { ApiConfig } from './config.ts';

/** What the HTTP layer tells the API about a request. */
export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** The Origin header, if the browser sent one. */
  origin: string | null;
  /** The Host the request was addressed to. */
  host: string | null;
  /** Sec-Fetch-Site, if sent: 'same-origin', 'same-site', 'cross-site' or 'none'. */
  fetchSite: string | null;
  /** Whether the request carries the x-concord-csrf header, which a cross-site form cannot send. */
  hasCsrfHeader: boolean;
}

export interface CookieJar {
  setSession(token: string): void;
  clearSession(): void;
}

/** Per request, before any transaction. `db` is handed only to the auth and transaction middleware. */
export interface Context {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  config: ApiConfig;
  meta: RequestMeta;
  session: SessionIdentity | null;
  cookies: CookieJar;
  now: () => Date;
}

/** What the audit middleware writes about a procedure; the procedure may name its target. */
export interface AuditNote {
  target: string | null;
  /** Record this query too (reads of personal data such as placements). Mutations are always recorded. */
  recordRead: boolean;
}

/** Inside a signed-in procedure: the transaction and what the session may do in it. */
export interface TenantContext extends Context {
  session: SessionIdentity;
  tx: Tx;
  roles: AuthorityRole[];
  audit: AuditNote;
}

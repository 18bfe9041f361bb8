import { absoluteExpiry, DomainError, notFound, sessionState, type AuthorityRole, type ProviderUserRole, type SessionPolicy } from '@concord/domain';
import { mustEnrolFirst } from '@concord/domain/two-step';
import type { Database, TenantSettings, Tx } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import { hashSessionToken } from './token.ts';

/**
 * Whether a session opened now for this person must enrol in two-step verification first (a platform
 * administrator, or someone of an authority that requires it, who has not turned it on). Read in the
 * transaction acting as the person (their own row and enrolment); an unreadable person is held to enrolment.
 */
async function mustEnrolAtOpen(tx: Tx, userId: string, authorityId: string | null): Promise<boolean> {
  const { rows } = await sql<{ is_platform_admin: boolean; authority_requires: boolean; enrolled: boolean }>`
    SELECT u.is_platform_admin,
      coalesce((SELECT a.two_step_required FROM authority a WHERE a.id = ${authorityId}), false) AS authority_requires,
      EXISTS (SELECT 1 FROM two_step t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS enrolled
    FROM app_user u WHERE u.id = ${userId}`.execute(tx);
  const person = rows[0];
  if (!person) return true;
  return mustEnrolFirst({ isPlatformAdmin: person.is_platform_admin, authorityRequiresTwoStep: person.authority_requires, enrolled: person.enrolled });
}

/**
 * Opens a session for a person who has just proved who they are (a password, a setup link): the token's hash
 * is stored, never the token, with the absolute expiry of the session policy and where it came from. A person
 * who must use two-step verification and has not enrolled gets a session that may only enrol (migration 0022).
 */
export async function openSession(
  tx: Tx,
  session: { token: string; userId: string; authorityId: string | null; providerId?: string | null; now: Date; policy: SessionPolicy; userAgent: string | null; ip: string },
): Promise<void> {
  const twoStepPending = await mustEnrolAtOpen(tx, session.userId, session.authorityId);
  await tx
    .insertInto('session')
    .values({
      token_hash: hashSessionToken(session.token),
      user_id: session.userId,
      authority_id: session.authorityId,
      provider_id: session.authorityId ? null : (session.providerId ?? null),
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: absoluteExpiry(session.now, session.policy),
      user_agent: session.userAgent?.slice(0, 300) ?? null,
      ip_address: session.ip,
      two_step_pending: twoStepPending,
    })
    .execute();
}

/** Who a request acts as: resolved from the session cookie, never from input. */
export interface SessionIdentity {
  sessionId: string;
  userId: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  /** The authority the session acts for; null for a platform administrator with no membership. */
  authorityId: string | null;
  /** The session may only enrol in two-step verification (required of this person, not yet on). */
  twoStepPending?: boolean;
  /** Set when the request came with a personal API token (the read API only; sessionId is then the token's id): it never runs a mutation. */
  apiTokenId?: string;
  /** The person's roles in the authority, when read with the session (else read in the procedure's transaction). */
  roles?: AuthorityRole[];
  /** The authority's current partnerships, comma-separated, when read with the session. */
  partnershipIds?: string;
  /** Of those, the ones the authority leads, comma-separated, when read with the session (migration 0052). */
  ledPartnershipIds?: string;
  /** The provider organisation the session acts for (issue 11); null or absent when it acts for an authority or none. */
  providerId?: string | null;
  /** The person's roles in that provider organisation. */
  providerRoles?: ProviderUserRole[];
  /** Whether that provider organisation is verified, when read with the session (migration 0052). */
  providerVerified?: boolean;
}

/**
 * Who a request's transaction acts for (a procedure's, a document download's), from the request's identity
 * (concord_request_identity: the session's person, roles and partnerships, read from the database at the start of the
 * request). An identity without roles (not read with the session) leaves the administrator settings to enterTenant.
 */
export function tenantOfSession(session: SessionIdentity): TenantSettings {
  return {
    authorityId: session.authorityId,
    providerId: session.providerId ?? null,
    userId: session.userId,
    partnershipIds: session.partnershipIds,
    ledPartnershipIds: session.ledPartnershipIds,
    providerVerified: session.providerVerified,
    platformAdmin: session.roles ? session.isPlatformAdmin : undefined,
    authorityAdmin: session.roles ? session.roles.includes('authority_admin') : undefined,
    partnershipManager: session.roles ? session.roles.some((role) => role === 'authority_admin' || role === 'commissioner') : undefined,
    providerAdmin: session.providerRoles ? session.providerRoles.includes('provider_admin') : undefined,
  };
}

// Writing last_seen_at on every request would turn each read into a write; a minute is precise enough
// for a 30-minute idle limit.
const TOUCH_AFTER_MS = 60_000;

/**
 * The live session of a cookie's token, with the person's roles, the authority's partnerships (and those it leads)
 * and whether the provider organisation is verified, in one statement (concord_request_identity, migrations 0024,
 * 0026, 0052): null for an unknown, revoked, idle or expired session,
 * or a deactivated person. Marks the session used at most once a minute.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string | undefined,
  policy: SessionPolicy,
  now: Date,
): Promise<SessionIdentity | null> {
  if (!token) return null;
  const { rows } = await sql<{
    session_id: string;
    person_id: string;
    email: string;
    display_name: string;
    is_platform_admin: boolean;
    acts_for: string | null;
    two_step_pending: boolean;
    roles: AuthorityRole[];
    partnership_ids: string;
    acts_for_provider: string | null;
    provider_roles: ProviderUserRole[];
    led_partnership_ids: string;
    provider_verified: boolean;
  }>`SELECT * FROM concord_request_identity(${hashSessionToken(token)}, ${now}, ${policy.idleMinutes * 60}, ${policy.absoluteHours * 3600}, ${TOUCH_AFTER_MS / 1000})`.execute(db);
  const found = rows[0];
  if (!found) return null;
  return {
    sessionId: found.session_id,
    userId: found.person_id,
    email: found.email,
    displayName: found.display_name,
    isPlatformAdmin: found.is_platform_admin,
    authorityId: found.acts_for,
    twoStepPending: found.two_step_pending,
    roles: found.roles,
    partnershipIds: found.partnership_ids,
    providerId: found.acts_for_provider,
    providerRoles: found.provider_roles,
    ledPartnershipIds: found.led_partnership_ids,
    providerVerified: found.provider_verified,
  };
}

export interface SessionSummary {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ipAddress: string | null;
}

/** The signed-in user's live sessions, newest first. */
export async function listMySessions(tx: Tx, me: SessionIdentity, policy: SessionPolicy, now: Date): Promise<SessionSummary[]> {
  const rows = await tx
    .selectFrom('session')
    .selectAll()
    .where('user_id', '=', me.userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows
    .filter((s) => sessionState({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, revokedAt: s.revoked_at }, now, policy) === 'active')
    .map((s) => ({
      id: s.id,
      current: s.id === me.sessionId,
      createdAt: s.created_at.toISOString(),
      lastSeenAt: s.last_seen_at.toISOString(),
      userAgent: s.user_agent,
      ipAddress: s.ip_address,
    }));
}

/** Ends one of my sessions. Another user's session is invisible here, so it is "not found". */
export async function revokeMySession(tx: Tx, me: SessionIdentity, sessionId: string, now: Date): Promise<void> {
  const revoked = await tx
    .updateTable('session')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('user_id', '=', me.userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!revoked) throw notFound('Session');
}

export class SessionRequiredError extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Sign in to continue');
  }
}

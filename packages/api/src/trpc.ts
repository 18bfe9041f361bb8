import { DomainError, hasAnyRole, PROVIDER_USER_ROLE_LABELS, type AuthorityRole, type ProviderUserRole } from '@concord/domain';
import { roleRefusal } from '@concord/domain';
import { enterTenant, inTenant, type Tx } from '@concord/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import { ENROL_FIRST } from '@concord/domain/two-step';
import { SessionRequiredError, tenantOfSession, type SessionIdentity } from './auth/sessions.ts';
import type { AuditNote, Context, TenantContext } from './context.ts';
import { toTRPCError } from './errors.ts';

const INTERNAL_MESSAGE = 'Something went wrong on our side. Try again; if it keeps happening, quote the reference';

function fieldErrors(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof ZodError) {
    const out: Record<string, string[]> = {};
    for (const issue of cause.issues) (out[issue.path.join('.') || '_'] ??= []).push(issue.message);
    return out;
  }
  if (cause instanceof DomainError && cause.fields) return cause.fields;
  if (cause instanceof DomainError && cause.field) return { [cause.field]: [cause.message] };
  return null;
}

const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({
  isDev: false, // never send stack traces
  errorFormatter({ shape, error, ctx }) {
    const requestId = ctx?.meta.requestId ?? null;
    const fields = fieldErrors(error.cause);
    let message = shape.message;
    if (error.code === 'INTERNAL_SERVER_ERROR') message = `${INTERNAL_MESSAGE} ${requestId}.`;
    else if (error.cause instanceof ZodError) {
      const [first] = error.cause.issues;
      message = first ? `${first.path.join('.') || 'input'}: ${first.message}` : 'The input is not valid';
    }
    return { message, code: shape.code, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, requestId, fieldErrors: fields } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Domain and database errors become the right HTTP-level error, for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

/**
 * Mutations must come from our own pages: a custom header (which a cross-site form cannot send, and a
 * cross-site fetch cannot send without a preflight we never grant) plus same-origin Origin / Sec-Fetch-Site.
 * The session cookie is also SameSite=Strict.
 */
const refuseCrossSite = t.middleware(({ ctx, type, next }) => {
  if (type !== 'mutation') return next();
  const { meta } = ctx;
  const crossOrigin = meta.origin !== null && meta.host !== null && safeHost(meta.origin) !== meta.host;
  if (!meta.hasCsrfHeader || crossOrigin || meta.fetchSite === 'cross-site') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Cross-site request refused' });
  }
  return next();
});

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

const requireSession = t.middleware(({ ctx, type, next }) => {
  if (!ctx.session) throw new SessionRequiredError();
  // A personal API token reads (the read API for BI tools); changing anything needs a signed-in person.
  if (type === 'mutation' && ctx.session.apiTokenId) throw new TRPCError({ code: 'FORBIDDEN', message: 'An API token can only read' });
  return next({ ctx: { session: ctx.session } });
});

async function loadRoles(tx: Tx, session: SessionIdentity): Promise<AuthorityRole[]> {
  if (!session.authorityId) return [];
  const rows = await tx
    .selectFrom('membership')
    .select('role')
    .where('user_id', '=', session.userId)
    .where('authority_id', '=', session.authorityId)
    .execute();
  return rows.map((r) => r.role);
}

type AuditOutcome = 'success' | 'denied' | 'not_found';

/**
 * Appends an audit event through the database's record_audit_event (migration 0015), which takes the
 * authority and user from the transaction's settings: the authority's log, a provider organisation's for a
 * session acting for one (migration 0038), or for a platform administrator acting for no authority the platform
 * log. A user acting for neither who is not an administrator has no log to write to.
 */
async function recordAudit(tx: Tx, ctx: Context, session: SessionIdentity, procedure: string, target: string | null, outcome: AuditOutcome) {
  if (!session.authorityId && !session.providerId && !session.isPlatformAdmin) return;
  await sql`SELECT record_audit_event(${procedure}, ${target}, ${outcome}, ${ctx.meta.requestId})`.execute(tx);
}

/**
 * The record an input names: its `id`, or the first field named like `contractId` holding a string.
 * Used as the target of a refusal the procedure did not name itself.
 */
function namedId(input: unknown): string | null {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return null;
  for (const [key, value] of Object.entries(input)) {
    if ((key === 'id' || /[a-z]Id$/.test(key)) && typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
  }
  return null;
}

/**
 * Which refusals go in the caller's log: every FORBIDDEN ('denied'), and a NOT_FOUND of a procedure that named
 * a record ('not_found'). Under row-level security "another authority's record" and "no such record" look
 * the same, and the application must not look across authorities to tell them apart, so every NOT_FOUND on
 * a named id is recorded: a run of them is someone trying ids.
 */
function refusalOutcome(code: TRPCError['code'], target: string | null): AuditOutcome | null {
  if (code === 'FORBIDDEN') return 'denied';
  if (code === 'NOT_FOUND' && target !== null) return 'not_found';
  return null;
}

/**
 * One transaction per procedure, as the application role, for the session's authority and user.
 * A failed `next()` is rethrown so the transaction rolls back: nothing half-written, no audit row.
 * Successful mutations (and reads that ask for it) are audited inside the same transaction; a refusal
 * is audited afterwards in a transaction of its own, since the procedure's own rolled back.
 */
const tenantTransaction = t.middleware(async ({ ctx, type, path, next, getRawInput }) => {
  const session = ctx.session!;
  const audit: AuditNote = { target: null, recordRead: false };
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      // The roles and partnerships came with the session (one statement at the start of the request); the settings go
      // with BEGIN in one round trip (packages/db/src/begin.ts).
      await enterTenant(tx, tenantOfSession(session), { first: true });
      const roles = session.roles ?? (await loadRoles(tx, session));
      const result = await next({ ctx: { session, tx, roles, audit } });
      if (!result.ok) throw result.error;
      if (type === 'mutation' || audit.recordRead) await recordAudit(tx, ctx, session, path, audit.target, 'success');
      return result;
    });
  } catch (error) {
    const mapped = toTRPCError(error);
    const target = audit.target ?? namedId(await getRawInput().catch(() => null));
    const outcome = refusalOutcome(mapped.code, target);
    if (outcome) {
      await inTenant(ctx.db, { ...tenantOfSession(session), partnershipIds: undefined }, (tx) =>
        recordAudit(tx, ctx, session, path, target, outcome),
      ).catch(() => undefined); // a failed refusal record must not hide the refusal
    }
    throw mapped;
  }
});

const requireAuthority = t.middleware(({ ctx, next }) => {
  const { session } = ctx as TenantContext;
  if (!session.authorityId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Your account does not act for an authority' });
  }
  return next({ ctx: { session: { ...session, authorityId: session.authorityId } } });
});

/** A session acting for a provider organisation (issue 11). */
const requireProvider = t.middleware(({ ctx, next }) => {
  const { session } = ctx as TenantContext;
  if (!session.providerId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Your account does not act for a provider organisation' });
  }
  // Roles are read at every request: one whose last role was removed no longer acts for the organisation.
  if (session.providerRoles?.length === 0) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'You are no longer one of this organisation’s people' });
  }
  return next({ ctx: { session: { ...session, providerId: session.providerId } } });
});

/** A session that must enrol in two-step verification first (migration 0022) may do nothing else. */
const requireEnrolled = t.middleware(({ ctx, next }) => {
  if (ctx.session?.twoStepPending) throw new TRPCError({ code: 'FORBIDDEN', message: ENROL_FIRST });
  return next();
});

/** Anyone, signed in or not. Mutations still pass the cross-site check. */
export const publicProcedure = t.procedure.use(mapErrors).use(refuseCrossSite);
/** A signed-in user, inside the per-procedure transaction. */
export const signedInProcedure = publicProcedure.use(requireSession).use(requireEnrolled).use(tenantTransaction);
/** A signed-in user who may still have to enrol in two-step verification: enrolment and signing out only. */
export const enrolmentProcedure = publicProcedure.use(requireSession).use(tenantTransaction);
/** A signed-in user acting for an authority. */
export const authorityProcedure = signedInProcedure.use(requireAuthority);
/** A user holding one of `roles` in the authority they act for (platform administrators pass when `admin` is set). */
export function roleProcedure(roles: readonly AuthorityRole[], options: { admin?: boolean } = {}) {
  return authorityProcedure.use(({ ctx, next }) => {
    const { roles: held, session } = ctx as unknown as TenantContext;
    if (!hasAnyRole(held, roles) && !(options.admin && session.isPlatformAdmin)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: roleRefusal(roles, held) });
    }
    return next();
  });
}

/** A signed-in person acting for a provider organisation (issue 11). */
export const providerProcedure = signedInProcedure.use(requireProvider);
/** A person holding one of `roles` in the provider organisation they act for. */
export function providerRoleProcedure(roles: readonly ProviderUserRole[]) {
  return providerProcedure.use(async ({ ctx, next }) => {
    const { session, tx } = ctx as unknown as TenantContext;
    const held =
      session.providerRoles ??
      (await tx.selectFrom('provider_membership').select('role').where('user_id', '=', session.userId).where('provider_id', '=', session.providerId!).execute()).map((r) => r.role);
    if (!held.some((role) => roles.includes(role))) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the role: ${roles.map((r) => PROVIDER_USER_ROLE_LABELS[r]).join(' or ')}` });
    }
    return next();
  });
}

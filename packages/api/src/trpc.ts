import { DomainError, hasAnyRole, type AuthorityRole } from '@concord/domain';
import { enterTenant, inTenant, type Tx } from '@concord/db';
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import { SessionRequiredError, type SessionIdentity } from './auth/sessions.ts';
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

async function recordAudit(tx: Tx, ctx: Context, session: SessionIdentity, procedure: string, audit: AuditNote, outcome: 'success' | 'denied') {
  if (!session.authorityId) return;
  await tx
    .insertInto('audit_event')
    .values({
      authority_id: session.authorityId,
      user_id: session.userId,
      procedure,
      target: audit.target,
      outcome,
      request_id: ctx.meta.requestId,
    })
    .execute();
}

/**
 * One transaction per procedure, as the application role, for the session's authority and user.
 * A failed `next()` is rethrown so the transaction rolls back: nothing half-written, no audit row.
 * Successful mutations (and reads that ask for it) are audited inside the same transaction; a refusal
 * is audited afterwards in a transaction of its own, since the procedure's own rolled back.
 */
const tenantTransaction = t.middleware(async ({ ctx, type, path, next }) => {
  const session = ctx.session!;
  const audit: AuditNote = { target: null, recordRead: false };
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await enterTenant(tx, { authorityId: session.authorityId, userId: session.userId });
      const roles = await loadRoles(tx, session);
      const result = await next({ ctx: { session, tx, roles, audit } });
      if (!result.ok) throw result.error;
      if (type === 'mutation' || audit.recordRead) await recordAudit(tx, ctx, session, path, audit, 'success');
      return result;
    });
  } catch (error) {
    const mapped = toTRPCError(error);
    if (mapped.code === 'FORBIDDEN' && session.authorityId) {
      await inTenant(ctx.db, { authorityId: session.authorityId, userId: session.userId }, (tx) =>
        recordAudit(tx, ctx, session, path, audit, 'denied'),
      ).catch(() => undefined); // a failed denial record must not hide the denial
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

/** Anyone, signed in or not. Mutations still pass the cross-site check. */
export const publicProcedure = t.procedure.use(mapErrors).use(refuseCrossSite);
/** A signed-in user, inside the per-procedure transaction. */
export const signedInProcedure = publicProcedure.use(requireSession).use(tenantTransaction);
/** A signed-in user acting for an authority. */
export const authorityProcedure = signedInProcedure.use(requireAuthority);
/** A user holding one of `roles` in the authority they act for (platform administrators pass when `admin` is set). */
export function roleProcedure(roles: readonly AuthorityRole[], options: { admin?: boolean } = {}) {
  return authorityProcedure.use(({ ctx, next }) => {
    const { roles: held, session } = ctx as unknown as TenantContext;
    if (!hasAnyRole(held, roles) && !(options.admin && session.isPlatformAdmin)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the role: ${roles.join(' or ')}` });
    }
    return next();
  });
}

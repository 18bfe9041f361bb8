import { DomainError } from '@concord/domain';
import { TRPCError } from '@trpc/server';

/** Postgres error codes a well-formed request can still meet, and what they mean to the user. */
const DATABASE_ERRORS: Record<string, { code: TRPCError['code']; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'That already exists' },
  '23503': { code: 'BAD_REQUEST', message: 'That refers to something that does not exist' },
  '23514': { code: 'BAD_REQUEST', message: 'That value is not allowed' },
  '42501': { code: 'FORBIDDEN', message: 'You do not have permission to do that' },
};

function databaseErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Turns whatever a procedure threw into the error the client should see; unknown errors stay internal. */
export function toTRPCError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof DomainError) return new TRPCError({ code: cause.kind, message: cause.message, cause });
  const known = DATABASE_ERRORS[databaseErrorCode(cause) ?? ''];
  if (known) return new TRPCError({ code: known.code, message: known.message, cause: cause as Error });
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error instanceof Error ? error : undefined });
}

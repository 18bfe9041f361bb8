import { DomainError } from '@concord/domain';
import { TRPCError } from '@trpc/server';

/** Postgres error codes a well-formed request can still meet, and what they mean to the user. */
const DATABASE_ERRORS: Record<string, { code: TRPCError['code']; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'That already exists' },
  '23503': { code: 'BAD_REQUEST', message: 'That refers to something that does not exist' },
  '23514': { code: 'BAD_REQUEST', message: 'That value is not allowed' },
  '42501': { code: 'FORBIDDEN', message: 'You do not have permission to do that' },
};

/** What a PostgreSQL data exception (SQLSTATE class 22) says about the value, in words. */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22001': 'the text is too long',
  '22003': 'the number is too large',
  '22007': 'the date or time is not valid',
  '22008': 'the date is out of range',
  '22021': 'the text has characters that cannot be stored',
  '22P02': 'the value is not in the expected form',
  '22P05': 'the text has characters that cannot be stored',
};

/**
 * The last line of defence behind the inputs' own bounds: a value the database cannot hold (class 22) or a
 * figure too large for the domain's arithmetic (RangeError) is the request's fault, never a 500.
 */
function badValue(error: unknown, code: string | undefined): DomainError | null {
  if (code?.startsWith('22')) {
    const column = (error as { column?: unknown }).column;
    const field = typeof column === 'string' && column ? column : undefined;
    const what = DATA_EXCEPTIONS[code] ?? 'it is not a value the database accepts';
    return new DomainError('BAD_REQUEST', `That value cannot be stored: ${what}${field ? ` (${field})` : ''}`, field);
  }
  if (error instanceof RangeError) return new DomainError('BAD_REQUEST', 'That value cannot be stored: a figure or date is too large to work with');
  return null;
}

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
  const bad = badValue(cause, databaseErrorCode(cause));
  if (bad) return new TRPCError({ code: 'BAD_REQUEST', message: bad.message, cause: bad });
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error instanceof Error ? error : undefined });
}

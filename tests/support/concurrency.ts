import { TRPCError } from '@trpc/server';

/**
 * Runs the calls at once (each its own caller, so on PostgreSQL each its own transaction on its own
 * pooled connection) and sorts what came back: the values of those that succeeded and the tRPC codes and
 * messages of those refused. Anything other than a tRPC error fails the test.
 */
export async function inParallel<T>(calls: (() => Promise<T>)[]): Promise<{ ok: T[]; refused: { code: string; message: string }[] }> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  const ok: T[] = [];
  const refused: { code: string; message: string }[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') ok.push(s.value);
    else if (s.reason instanceof TRPCError) refused.push({ code: s.reason.code, message: s.reason.message });
    else throw s.reason;
  }
  return { ok, refused };
}

/** "Changed by NAME at 2:05pm on 3 March 2025 — reload to see it", for the name given. */
export const changedBy = (name: string) => new RegExp(`Changed by ${name} at \\d{1,2}:\\d{2}(am|pm) on \\d{1,2} [A-Z][a-z]+ \\d{4} — reload to see it$`);

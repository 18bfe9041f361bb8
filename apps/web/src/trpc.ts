import type { AppRouter, RouterOutputs } from '@concord/api';
import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

export type { RouterOutputs };
export type Me = NonNullable<RouterOutputs['auth']['me']>;
export type MyAuthority = RouterOutputs['authority']['mine'];
export type Partnership = RouterOutputs['partnership']['get'];
export type ApiError = TRPCClientError<AppRouter>;

/** The tRPC error code of a failed call (e.g. 'UNAUTHORIZED', 'NOT_FOUND'), or null for anything else. */
export function errorCode(error: unknown): string | null {
  return error instanceof TRPCClientError ? ((error as ApiError).data?.code ?? null) : null;
}

/** Field-by-field messages the API sends with BAD_REQUEST ({ email: ['Enter your email address'] }). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (!(error instanceof TRPCClientError)) return {};
  return (error as ApiError).data?.fieldErrors ?? {};
}

/** A message fit to show a user: the API's own for its errors, a plain one when the network failed. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && (error as ApiError).data) return error.message;
  return 'Concord could not be reached. Check your connection, then try again.';
}

const CLIENT_ERRORS = new Set(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS', 'PRECONDITION_FAILED']);

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // The server answers at most 50 calls in one request (CONCORD limits); more are sent as further requests.
      maxItems: 50,
      // The server refuses mutations without this header (a cross-site form cannot send it).
      headers: () => ({ 'x-concord-csrf': '1' }),
      fetch: (url, options) => fetch(url, { ...options, credentials: 'same-origin' }),
    }),
  ],
});

/**
 * When the session ends under us (idle or absolute timeout, or revoked elsewhere), any call answers
 * UNAUTHORIZED: forget everything we hold and record "signed out", so the guard sends the user to sign in.
 * Sign-in's own UNAUTHORIZED ("Enter a correct email address and password") is the form's business.
 */
function onApiError(error: unknown, mutationKey?: readonly unknown[]) {
  if (errorCode(error) !== 'UNAUTHORIZED') return;
  if (mutationKey && JSON.stringify(mutationKey) === JSON.stringify(trpc.auth.signIn.mutationKey())) return;
  // Only a session we thought we had can have ended; a signed-out visitor's call is nothing new.
  if (queryClient.getQueryData(trpc.auth.me.queryKey())) forgetSession('ended');
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => onApiError(error) }),
  mutationCache: new MutationCache({ onError: (error, _vars, _ctx, mutation) => onApiError(error, mutation.options.mutationKey) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => !CLIENT_ERRORS.has(errorCode(error) ?? '') && failures < 2,
    },
    mutations: { retry: false },
  },
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

/**
 * After a change: answers on screen are read again (and awaited), and answers not on screen are dropped, so
 * the page a change leads to loads afresh instead of first showing what it held from before the change.
 */
export async function refreshAfterChange(...queryKeys: readonly QueryKey[]): Promise<void> {
  for (const queryKey of queryKeys) queryClient.removeQueries({ queryKey, type: 'inactive' });
  await Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** Why the last session stopped: the sign-in page says so. Cleared by signing in. */
export type SignOutReason = 'signed-out' | 'ended';
let signOutReason: SignOutReason | null = null;
export const lastSignOutReason = () => signOutReason;

/**
 * Drop every cached answer and mark the user signed out (after sign-out, revocation or expiry). The
 * signed-in guard then sends them to sign in: pages do not navigate themselves, so there is one redirect.
 */
export function forgetSession(reason: SignOutReason | null) {
  signOutReason = reason;
  queryClient.cancelQueries();
  queryClient.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(trpc.auth.me.queryKey()) });
  queryClient.setQueryData(trpc.auth.me.queryKey(), null);
}

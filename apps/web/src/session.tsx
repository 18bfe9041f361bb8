import { hasAnyRole, roleRefusal, type AuthorityRole } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading, ProblemPage } from './components/StatusPages.tsx';
import { lastSignOutReason, trpc, type Me, type MyAuthority, type SignOutReason } from './trpc.ts';

/** Who is signed in: undefined while we ask, null when signed out. */
export function useMe() {
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
}

/**
 * The authority the signed-in user acts for, with their roles and partnerships. Disabled (data undefined)
 * for a platform administrator who acts for no authority: the API would answer FORBIDDEN.
 */
export function useMyAuthority(me: Me | null | undefined) {
  return useQuery({ ...trpc.authority.mine.queryOptions(), enabled: !!me && me.authorityId !== null && !me.twoStepPending });
}

/**
 * Whether the signed-in user may do what only `roles` may (issue 13: nobody is offered what their role cannot do),
 * and if not, why in words. While the roles load, nothing is offered.
 */
export function useMayDo(roles: readonly AuthorityRole[], what: string): { may: boolean; why: string | null } {
  const me = useMe();
  const mine = useMyAuthority(me.data);
  if (!mine.data) return { may: false, why: null };
  const held = mine.data.roles as AuthorityRole[];
  return hasAnyRole(held, roles) ? { may: true, why: null } : { may: false, why: roleRefusal(roles, held, what) };
}

/** What the navigation needs to know about the viewer to decide which areas to offer. */
export interface Viewer {
  me: Me;
  /** Roles in the authority acted for; empty for none (or while they load). */
  roles: readonly string[];
  authority: MyAuthority | undefined;
}

export function actsForNoAuthority(me: Me): boolean {
  return me.authorityId === null;
}

/** What the sign-in page is told when a signed-in page sends the user there. */
export interface SignInState {
  from: string;
  reason: SignOutReason | null;
}

/**
 * Where to go after signing in: the page that sent the user to sign in, when it is a path on this site
 * ('/contracts/…'), never another site ('//evil.example', '/\\evil.example', 'https://…') nor sign-in itself; else home.
 */
export function returnPath(from: unknown): string {
  // A backslash or control character could turn into '//' in some browsers: refuse them outright.
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || /[\u0000-\u001f\\]/.test(from)) return '/';
  const url = new URL(from, window.location.origin);
  if (url.origin !== window.location.origin || url.pathname === '/sign-in') return '/';
  return url.pathname + url.search + url.hash;
}

/** The home of a provider organisation's people (issue 11). */
export const ORGANISATION_HOME = '/organisation';

/** The Two-step verification page, where a session that must enrol first is sent. */
export const TWO_STEP_PATH = '/sessions/two-step';

/** Pages for signed-in users: anyone else is sent to sign in. */
export function SignedInOnly() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ProblemPage error={me.error} />;
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search + location.hash, reason: lastSignOutReason() } satisfies SignInState} />;
  // Two-step verification is required of them and not yet on: the API allows nothing else until it is.
  if (me.data.twoStepPending && location.pathname !== TWO_STEP_PATH) return <Navigate to={TWO_STEP_PATH} replace />;
  // People of a provider organisation have their own home (issue 11).
  if (me.data.providerId !== null && location.pathname === '/') return <Navigate to={ORGANISATION_HOME} replace />;
  // Someone acting for nobody yet: their claim to a provider a council listed waits for a council to confirm.
  if (me.data.providerId === null && me.data.authorityId === null && !me.data.isPlatformAdmin && location.pathname === '/') return <Navigate to="/claim" replace />;
  return <Outlet />;
}

/** Pages for signed-out users (sign in): a signed-in user goes to the page that sent them to sign in, or home. */
export function SignedOutOnly() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ProblemPage error={me.error} />;
  if (me.data) return <Navigate to={returnPath((location.state as Partial<SignInState> | null)?.from)} replace />;
  return <Outlet />;
}

import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Issue 11: the home of a provider organisation's people: its status, details and people. */
export const organisationArea: Area = {
  audience: 'provider',
  routes: [
    { path: '/organisation', element: lazyPage(() => import('./OrganisationPage.tsx'), 'OrganisationPage') },
    { path: '/organisation/change', element: lazyPage(() => import('./ChangeOrganisationPage.tsx'), 'ChangeOrganisationPage') },
  ],
  // Other provider areas live under /organisation/… too: only this area's own pages make it the current item.
  nav: {
    label: 'Your organisation',
    href: '/organisation',
    matches: (pathname) => pathname === '/organisation' || pathname.startsWith('/organisation/change') || pathname.startsWith('/organisation/people'),
  },
};

/** Issue 11: someone whose registration claims a provider a council listed, waiting for a council to confirm (no navigation). */
export const claimArea: Area = {
  routes: [{ path: '/claim', element: lazyPage(() => import('./ClaimPage.tsx'), 'ClaimPage') }],
};

/** Issue 11: self-registered organisations waiting to be verified, for the platform administrator acting for no authority. */
export const verificationArea: Area = {
  routes: [
    { path: '/organisations-to-verify', element: lazyPage(() => import('./VerificationPages.tsx'), 'AwaitingVerificationPage') },
    { path: '/organisations-to-verify/:providerId', element: lazyPage(() => import('./VerificationPages.tsx'), 'VerifyOrganisationPage') },
  ],
  nav: { label: 'Organisations to verify', href: '/organisations-to-verify', visibleTo: (v) => v.me.isPlatformAdmin && v.me.authorityId === null },
};

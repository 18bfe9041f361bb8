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
  nav: { label: 'Your organisation', href: '/organisation', matches: (pathname) => pathname === '/organisation' || pathname.startsWith('/organisation/change') || pathname.startsWith('/organisation/people') },
};

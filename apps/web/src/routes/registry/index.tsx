import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Issue 10, item 2: the authority registry, for the platform administrator acting for no authority. */
export const registryArea: Area = {
  routes: [
    { path: '/authorities', element: lazyPage(() => import('./AuthoritiesPage.tsx'), 'AuthoritiesPage') },
    { path: '/authorities/register-council', element: lazyPage(() => import('./RegisterAuthorityPage.tsx'), 'RegisterCouncilPage') },
    { path: '/authorities/register-nhs-body', element: lazyPage(() => import('./RegisterAuthorityPage.tsx'), 'RegisterNhsBodyPage') },
    { path: '/authorities/import', element: lazyPage(() => import('./ImportAuthoritiesPage.tsx'), 'ImportAuthoritiesPage') },
    { path: '/authorities/:authorityId/change', element: lazyPage(() => import('./ChangeAuthorityPage.tsx'), 'ChangeAuthorityPage') },
  ],
  nav: { label: 'Authorities', href: '/authorities', visibleTo: (v) => v.me.isPlatformAdmin && v.me.authorityId === null },
};

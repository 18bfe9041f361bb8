import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** The shared providers register (reference data every authority reads). */
export const providerArea: Area = {
  routes: [
    { path: '/providers', element: <ForAnAuthority title="Providers register" what="providers register to show">{lazyPage(() => import('./ProvidersPage.tsx'), 'ProvidersPage')}</ForAnAuthority> },
    { path: '/providers/new', element: lazyPage(() => import('./NewProviderPage.tsx'), 'NewProviderPage') },
    { path: '/providers/:id', element: lazyPage(() => import('./ProviderPage.tsx'), 'ProviderPage') },
  ],
  nav: { label: 'Providers', href: '/providers', visibleTo: (v) => v.me.authorityId !== null },
};

import { lazyPage } from '../../components/lazyPage.tsx';
import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import type { Area } from '../area.ts';

export const sessionsArea: Area = {
  routes: [
    { path: '/sessions', element: lazyPage(() => import('./SessionsPage.tsx'), 'SessionsPage') },
    { path: '/sessions/two-step', element: lazyPage(() => import('./TwoStepPage.tsx'), 'TwoStepPage') },
    {
      path: '/sessions/api-tokens',
      element: (
        <ForAnAuthority title="API tokens for BI tools" what="figures for a BI tool to read (a token reads as you, in one authority)">
          {lazyPage(() => import('./ApiTokensPage.tsx'), 'ApiTokensPage')}
        </ForAnAuthority>
      ),
    },
  ],
  nav: { label: 'Sessions', href: '/sessions' },
};

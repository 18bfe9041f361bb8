import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import type { Area } from '../area.ts';
import { ApiTokensPage } from './ApiTokensPage.tsx';
import { SessionsPage } from './SessionsPage.tsx';
import { TwoStepPage } from './TwoStepPage.tsx';

export const sessionsArea: Area = {
  routes: [
    { path: '/sessions', element: <SessionsPage /> },
    { path: '/sessions/two-step', element: <TwoStepPage /> },
    {
      path: '/sessions/api-tokens',
      element: (
        <ForAnAuthority title="API tokens for BI tools" what="figures for a BI tool to read (a token reads as you, in one authority)">
          <ApiTokensPage />
        </ForAnAuthority>
      ),
    },
  ],
  nav: { label: 'Sessions', href: '/sessions' },
};

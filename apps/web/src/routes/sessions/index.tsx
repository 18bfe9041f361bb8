import type { Area } from '../area.ts';
import { ApiTokensPage } from './ApiTokensPage.tsx';
import { SessionsPage } from './SessionsPage.tsx';

export const sessionsArea: Area = {
  routes: [
    { path: '/sessions', element: <SessionsPage /> },
    { path: '/sessions/api-tokens', element: <ApiTokensPage /> },
  ],
  nav: { label: 'Sessions', href: '/sessions' },
};

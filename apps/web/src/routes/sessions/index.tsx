import type { Area } from '../area.ts';
import { SessionsPage } from './SessionsPage.tsx';

export const sessionsArea: Area = {
  routes: [{ path: '/sessions', element: <SessionsPage /> }],
  nav: { label: 'Sessions', href: '/sessions' },
};

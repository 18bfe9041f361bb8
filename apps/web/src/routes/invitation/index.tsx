import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Issue 11, item 4: a provider organisation's invitations to mini-competitions, its responses and outcomes. */
export const invitationArea: Area = {
  audience: 'provider',
  routes: [
    { path: '/organisation/invitations', element: lazyPage(() => import('./InvitationsPage.tsx'), 'InvitationsPage') },
    { path: '/organisation/invitations/:id', element: lazyPage(() => import('./InvitationPage.tsx'), 'InvitationPage') },
  ],
  nav: { label: 'Invitations', href: '/organisation/invitations' },
};

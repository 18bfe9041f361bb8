import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** The inbox (issue 11, item 6), for everyone signed in: an authority's people and a provider organisation's. */
export const messageArea: Area = {
  audience: 'everyone',
  routes: [{ path: '/messages', element: lazyPage(() => import('./MessagesPage.tsx'), 'MessagesPage') }],
  nav: { label: 'Messages', href: '/messages' },
};

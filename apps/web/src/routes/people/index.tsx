import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Issue 10, item 3: Manage people, for an authority's administrators. */
export const peopleArea: Area = {
  routes: [
    { path: '/people', element: lazyPage(() => import('./PeoplePage.tsx'), 'PeoplePage') },
    { path: '/people/:userId', element: lazyPage(() => import('./PersonPage.tsx'), 'PersonPage') },
  ],
  nav: { label: 'People', href: '/people', visibleTo: (v) => v.roles.includes('authority_admin') },
};

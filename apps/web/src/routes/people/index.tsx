import type { Area } from '../area.ts';
import { PeoplePage } from './PeoplePage.tsx';
import { PersonPage } from './PersonPage.tsx';

/** Issue 10, item 3: Manage people, for an authority's administrators. */
export const peopleArea: Area = {
  routes: [
    { path: '/people', element: <PeoplePage /> },
    { path: '/people/:userId', element: <PersonPage /> },
  ],
  nav: { label: 'People', href: '/people', visibleTo: (v) => v.roles.includes('authority_admin') },
};

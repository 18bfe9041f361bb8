import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Partnerships' overarching specifications: reached from the procurement pages, which stay current in the navigation. */
export const specificationArea: Area = {
  routes: [
    { path: '/specifications', element: lazyPage(() => import('./SpecificationsPage.tsx'), 'SpecificationsPage') },
    { path: '/specifications/new', element: lazyPage(() => import('./NewSpecificationPage.tsx'), 'NewSpecificationPage') },
    { path: '/specifications/:id/*', element: lazyPage(() => import('./SpecificationPage.tsx'), 'SpecificationPage') },
  ],
};

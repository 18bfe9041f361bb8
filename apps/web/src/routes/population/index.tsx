import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Issue 6, item 3: the ONS population estimates behind per-head KPIs. Linked from the KPI library; in the navigation for a platform administrator, who keeps them. */
export const populationArea: Area = {
  routes: [{ path: '/populations', element: lazyPage(() => import('./PopulationsPage.tsx'), 'PopulationsPage') }],
  nav: { label: 'Populations', href: '/populations', visibleTo: (v) => v.me.isPlatformAdmin && v.me.authorityId === null },
};

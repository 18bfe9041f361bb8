import '../../components/procurement.css';
import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Joint procurements (issue 3). The overarching specifications are their own area, reached from here. */
export const procurementArea: Area = {
  routes: [
    { path: '/procurements', element: <ForAnAuthority title="Joint procurements" what="partnerships and no procurements to show">{lazyPage(() => import('./ProcurementsPage.tsx'), 'ProcurementsPage')}</ForAnAuthority> },
    { path: '/procurements/new', element: lazyPage(() => import('./NewProcurementPage.tsx'), 'NewProcurementPage') },
    // The procurement's sections (lots, criteria, applications …) are routed inside the page.
    { path: '/procurements/:id/*', element: lazyPage(() => import('./ProcurementPage.tsx'), 'ProcurementPage') },
  ],
  nav: {
    label: 'Procurement',
    href: '/procurements',
    matches: (pathname) => /^\/(procurements|specifications)(\/|$)/.test(pathname),
    // Partnerships' procurements belong to authorities: an administrator acting for none has none.
    visibleTo: (v) => v.me.authorityId !== null,
  },
};

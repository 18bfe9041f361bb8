import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Issue 11, item 3: procurements open for applications, as a provider organisation finds them. */
export const opportunityArea: Area = {
  audience: 'provider',
  routes: [
    { path: '/organisation/opportunities', element: lazyPage(() => import('./OpportunitiesPage.tsx'), 'OpportunitiesPage') },
    { path: '/organisation/opportunities/:procurementId', element: lazyPage(() => import('./OpportunityPage.tsx'), 'OpportunityPage') },
  ],
  nav: { label: 'Opportunities', href: '/organisation/opportunities' },
};

/** Issue 11, items 3 and 4: the organisation's own applications, drafted and submitted online, and their outcomes. */
export const myApplicationArea: Area = {
  audience: 'provider',
  routes: [
    { path: '/organisation/applications', element: lazyPage(() => import('./MyApplicationsPage.tsx'), 'MyApplicationsPage') },
    { path: '/organisation/applications/:applicationId', element: lazyPage(() => import('./ApplicationTaskList.tsx'), 'ApplicationTaskListPage') },
    { path: '/organisation/applications/:applicationId/:section', element: lazyPage(() => import('./ApplicationSection.tsx'), 'ApplicationSectionPage') },
  ],
  nav: { label: 'Your applications', href: '/organisation/applications' },
};

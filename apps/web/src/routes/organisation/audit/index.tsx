import { lazyPage } from '../../../components/lazyPage.tsx';
import type { Area } from '../../area.ts';

/** Issue 11: a provider organisation's own audit log, for its provider administrators (the API refuses anyone else). */
export const organisationAuditArea: Area = {
  audience: 'provider',
  routes: [{ path: '/organisation/audit', element: lazyPage(() => import('./OrganisationAuditPage.tsx'), 'OrganisationAuditPage') }],
  nav: { label: 'Audit log', href: '/organisation/audit', visibleTo: (v) => v.me.providerRoles.includes('provider_admin') },
};

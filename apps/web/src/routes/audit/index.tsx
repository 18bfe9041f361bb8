import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

export const auditArea: Area = {
  routes: [{ path: '/audit', element: lazyPage(() => import('./AuditPage.tsx'), 'AuditPage') }],
  // The API lets commissioners and authority administrators read their authority's log, and a platform
  // administrator the administration log of every authority (issue 10, item 5).
  nav: {
    label: 'Audit log',
    href: '/audit',
    visibleTo: (v) => v.roles.includes('commissioner') || v.roles.includes('authority_admin') || v.me.isPlatformAdmin,
  },
};

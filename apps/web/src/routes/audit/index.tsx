import type { Area } from '../area.ts';
import { AuditPage } from './AuditPage.tsx';

export const auditArea: Area = {
  routes: [{ path: '/audit', element: <AuditPage /> }],
  // The API lets commissioners (and platform administrators acting for an authority) read the authority's log,
  // and a platform administrator acting for no authority the platform log (issue 12, item 6).
  nav: { label: 'Audit log', href: '/audit', visibleTo: (v) => v.roles.includes('commissioner') || v.me.isPlatformAdmin },
};

import type { Area } from '../area.ts';
import { AuditPage } from './AuditPage.tsx';

export const auditArea: Area = {
  routes: [{ path: '/audit', element: <AuditPage /> }],
  // The API lets commissioners (and platform administrators acting for an authority) read the log.
  nav: { label: 'Audit log', href: '/audit', visibleTo: (v) => v.roles.includes('commissioner') || (v.me.isPlatformAdmin && v.me.authorityId !== null) },
};

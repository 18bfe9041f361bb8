import { lazyPage } from '../../components/lazyPage.tsx';
import { PARTNERSHIP_MANAGER_ROLES } from '@concord/domain';
import type { Area } from '../area.ts';

/**
 * Partnerships: one partnership's page (reached from home), and (issue 10, item 4) the Partnerships page with
 * invitations to join, Propose a partnership, and each partnership's settings.
 */
export const partnershipArea: Area = {
  routes: [
    { path: '/partnerships', element: lazyPage(() => import('./PartnershipsPage.tsx'), 'PartnershipsPage') },
    { path: '/partnerships/propose', element: lazyPage(() => import('./ProposePage.tsx'), 'ProposePage') },
    { path: '/partnerships/:id', element: lazyPage(() => import('./PartnershipPage.tsx'), 'PartnershipPage') },
    { path: '/partnerships/:id/settings', element: lazyPage(() => import('./SettingsPage.tsx'), 'SettingsPage') },
  ],
  nav: {
    label: 'Partnerships',
    href: '/partnerships',
    visibleTo: (v) => v.me.authorityId !== null && v.roles.some((r) => (PARTNERSHIP_MANAGER_ROLES as readonly string[]).includes(r)),
  },
};

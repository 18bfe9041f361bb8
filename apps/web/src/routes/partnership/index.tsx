import { PARTNERSHIP_MANAGER_ROLES } from '@concord/domain';
import type { Area } from '../area.ts';
import { PartnershipPage } from './PartnershipPage.tsx';
import { PartnershipsPage } from './PartnershipsPage.tsx';
import { ProposePage } from './ProposePage.tsx';
import { SettingsPage } from './SettingsPage.tsx';

/**
 * Partnerships: one partnership's page (reached from home), and (issue 10, item 4) the Partnerships page with
 * invitations to join, Propose a partnership, and each partnership's settings.
 */
export const partnershipArea: Area = {
  routes: [
    { path: '/partnerships', element: <PartnershipsPage /> },
    { path: '/partnerships/propose', element: <ProposePage /> },
    { path: '/partnerships/:id', element: <PartnershipPage /> },
    { path: '/partnerships/:id/settings', element: <SettingsPage /> },
  ],
  nav: {
    label: 'Partnerships',
    href: '/partnerships',
    visibleTo: (v) => v.me.authorityId !== null && v.roles.some((r) => (PARTNERSHIP_MANAGER_ROLES as readonly string[]).includes(r)),
  },
};

import type { Area } from '../area.ts';
import { AuthoritiesPage } from './AuthoritiesPage.tsx';
import { ChangeAuthorityPage } from './ChangeAuthorityPage.tsx';
import { ImportAuthoritiesPage } from './ImportAuthoritiesPage.tsx';
import { RegisterAuthorityPage } from './RegisterAuthorityPage.tsx';

/** Issue 10, item 2: the authority registry, for the platform administrator acting for no authority. */
export const registryArea: Area = {
  routes: [
    { path: '/authorities', element: <AuthoritiesPage /> },
    { path: '/authorities/register-council', element: <RegisterAuthorityPage nhs={false} /> },
    { path: '/authorities/register-nhs-body', element: <RegisterAuthorityPage nhs /> },
    { path: '/authorities/import', element: <ImportAuthoritiesPage /> },
    { path: '/authorities/:authorityId/change', element: <ChangeAuthorityPage /> },
  ],
  nav: { label: 'Authorities', href: '/authorities', visibleTo: (v) => v.me.isPlatformAdmin && v.me.authorityId === null },
};

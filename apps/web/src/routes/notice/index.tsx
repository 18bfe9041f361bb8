import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/**
 * The Procurement Act 2023's notices (issue 16): what is due for the authority, and a contract's notice pages. A
 * procurement's notices are a tab of the procurement (routed inside its page); the list is linked from home.
 */
export const noticeArea: Area = {
  routes: [
    { path: '/notices', element: <ForAnAuthority title="Notices due" what="notices">{lazyPage(() => import('./DueNoticesPage.tsx'), 'DueNoticesPage')}</ForAnAuthority> },
    {
      path: '/notices/pipeline/:noticeId',
      element: <ForAnAuthority title="Pipeline notice" what="notices">{lazyPage(() => import('./PipelineNoticePage.tsx'), 'PipelineNoticePage')}</ForAnAuthority>,
    },
    { path: '/contracts/:id/notices/:noticeId', element: lazyPage(() => import('./ContractNotices.tsx'), 'ContractNoticePage') },
  ],
};

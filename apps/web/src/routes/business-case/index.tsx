import '../../components/procurement.css';
import './business-case.css';
import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/**
 * Business cases (issue 7): the papers, and the options appraisals, risk registers and demand models they draw on.
 * One navigation entry; appraisals and demand models are reached from the business cases page.
 */
export const businessCaseArea: Area = {
  routes: [
    { path: '/business-cases', element: <ForAnAuthority title="Business cases" what="business cases">{lazyPage(() => import('./BusinessCasesPage.tsx'), 'BusinessCasesPage')}</ForAnAuthority> },
    { path: '/business-cases/:id', element: lazyPage(() => import('./BusinessCasePage.tsx'), 'BusinessCasePage') },
    { path: '/appraisals/:id', element: lazyPage(() => import('../appraisal/AppraisalPage.tsx'), 'AppraisalPage') },
    { path: '/demand-models/:id', element: lazyPage(() => import('../demand/DemandPage.tsx'), 'DemandPage') },
  ],
  nav: {
    label: 'Business cases',
    href: '/business-cases',
    matches: (pathname) => /^\/(business-cases|appraisals|demand-models)(\/|$)/.test(pathname),
    visibleTo: (v) => v.me.authorityId !== null,
  },
};

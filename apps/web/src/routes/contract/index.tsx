import '../../components/procurement.css';
import './contract.css';
import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** My authority's contract register, its warnings, a contract's detail and bulk continuation (issue 4). */
export const contractArea: Area = {
  routes: [
    { path: '/contracts', element: <ForAnAuthority title="Contract register" what="contract register">{lazyPage(() => import('./ContractsPage.tsx'), 'ContractsPage')}</ForAnAuthority> },
    { path: '/contracts/continue', element: lazyPage(() => import('./ContinuationPage.tsx'), 'ContinuationPage') },
    { path: '/contracts/:id', element: lazyPage(() => import('./ContractPage.tsx'), 'ContractPage') },
    { path: '/placements', element: <ForAnAuthority title="Placements" what="placements">{lazyPage(() => import('../placement/PlacementsPage.tsx'), 'PlacementsPage')}</ForAnAuthority> },
    { path: '/placements/new', element: lazyPage(() => import('../placement/PlacementFormPage.tsx'), 'PlacementFormPage') },
    { path: '/placements/:id/change', element: lazyPage(() => import('../placement/PlacementFormPage.tsx'), 'ChangePlacementPage') },
    { path: '/market', element: <ForAnAuthority title="Market view" what="market to show">{lazyPage(() => import('../market/MarketPage.tsx'), 'MarketPage')}</ForAnAuthority> },
    { path: '/call-offs', element: <ForAnAuthority title="Call-offs" what="call-offs">{lazyPage(() => import('../call-off/CallOffPages.tsx'), 'CallOffsPage')}</ForAnAuthority> },
    { path: '/call-offs/new', element: lazyPage(() => import('../call-off/CallOffPages.tsx'), 'NewCallOffPage') },
    { path: '/call-offs/:id', element: lazyPage(() => import('../call-off/CallOffPages.tsx'), 'CallOffPage') },
    { path: '/budgets', element: <ForAnAuthority title="Budgets" what="budgets">{lazyPage(() => import('../budget/BudgetsPage.tsx'), 'BudgetsPage')}</ForAnAuthority> },
  ],
  nav: {
    label: 'Contracts',
    href: '/contracts',
    matches: (pathname) => /^\/(contracts|placements|market|budgets|call-offs)(\/|$)/.test(pathname),
    visibleTo: (v) => v.me.authorityId !== null,
  },
};

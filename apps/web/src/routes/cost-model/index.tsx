import '../../components/procurement.css';
import './cost-model.css';
import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

/** Shared cost-of-care models, fair-cost exercises, my rates, the comparison across partners and the uplift scenario (issue 5). */
export const costModelArea: Area = {
  routes: [
    { path: '/cost-models', element: <ForAnAuthority title="Cost models" what="partnerships and no cost models to show">{lazyPage(() => import('./CostModelsPage.tsx'), 'CostModelsPage')}</ForAnAuthority> },
    { path: '/cost-models/new', element: lazyPage(() => import('./CostModelsPage.tsx'), 'NewCostModelPage') },
    // A model's versions, editor and comparison are routed inside the page.
    { path: '/cost-models/:id/*', element: lazyPage(() => import('./CostModelPage.tsx'), 'CostModelPage') },
    { path: '/fair-cost', element: lazyPage(() => import('./FairCostPages.tsx'), 'FairCostExercisesPage') },
    { path: '/fair-cost/new', element: lazyPage(() => import('./FairCostPages.tsx'), 'NewFairCostExercisePage') },
    { path: '/fair-cost/:id', element: lazyPage(() => import('./FairCostPages.tsx'), 'FairCostExercisePage') },
    { path: '/rates', element: lazyPage(() => import('./RatesPages.tsx'), 'MyRatesPage') },
    { path: '/rates/compare', element: lazyPage(() => import('./RatesPages.tsx'), 'CompareRatesPage') },
    { path: '/rates/scenario', element: lazyPage(() => import('./RatesPages.tsx'), 'ScenarioPage') },
  ],
  nav: {
    label: 'Cost models',
    href: '/cost-models',
    matches: (pathname) => /^\/(cost-models|fair-cost|rates)(\/|$)/.test(pathname),
    visibleTo: (v) => v.me.authorityId !== null,
  },
};

import { lazyPage } from '../../../components/lazyPage.tsx';
import type { Area } from '../../area.ts';

/**
 * Issue 11, item 5 (after award): a provider organisation's contracts with every authority, each contract's monitoring
 * returns, and the upload of several returns at once. Messages about returns link to a contract's page here.
 */
export const organisationContractsArea: Area = {
  audience: 'provider',
  routes: [
    { path: '/organisation/contracts', element: lazyPage(() => import('./ContractsPage.tsx'), 'ProviderContractsPage') },
    { path: '/organisation/contracts/upload', element: lazyPage(() => import('./UploadPage.tsx'), 'UploadReturnsPage') },
    { path: '/organisation/contracts/:contractId', element: lazyPage(() => import('./ContractPage.tsx'), 'ProviderContractPage') },
  ],
  nav: { label: 'Your contracts', href: '/organisation/contracts' },
};

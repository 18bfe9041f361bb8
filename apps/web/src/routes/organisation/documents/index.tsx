import { lazyPage } from '../../../components/lazyPage.tsx';
import type { Area } from '../../area.ts';

/**
 * Issue 11, item 2 ("tell us once"): the organisation's documents and CQC locations, for its own people. No entry of its
 * own in the navigation (the provider navigation is P1's): the organisation's home links to both.
 */
export const organisationDocumentsArea: Area = {
  audience: 'provider',
  routes: [
    { path: '/organisation/documents', element: lazyPage(() => import('./DocumentsPage.tsx'), 'DocumentsPage') },
    { path: '/organisation/documents/:documentId/replace', element: lazyPage(() => import('./ReplaceDocumentPage.tsx'), 'ReplaceDocumentPage') },
    { path: '/organisation/locations', element: lazyPage(() => import('./LocationsPage.tsx'), 'LocationsPage') },
  ],
};

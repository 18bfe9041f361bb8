import type { Area } from '../area.ts';
import { PartnershipPage } from './PartnershipPage.tsx';

/** One partnership's page; reached from home, so no navigation entry of its own. */
export const partnershipArea: Area = {
  routes: [{ path: '/partnerships/:id', element: <PartnershipPage /> }],
};

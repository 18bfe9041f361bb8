import { z } from 'zod';

export const FUNDING_ROUTES = ['council_commissioned', 'direct_payment', 'individual_service_fund', 'nhs_funded'] as const;
export type FundingRoute = (typeof FUNDING_ROUTES)[number];
export const FUNDING_ROUTE_LABELS: Record<FundingRoute, string> = {
  council_commissioned: 'Council-commissioned',
  direct_payment: 'Direct Payment',
  individual_service_fund: 'Individual Service Fund',
  nhs_funded: 'NHS-funded',
};
export const fundingRoute = z.enum(FUNDING_ROUTES, { message: 'Choose a funding route' });

/** Suggested complexity bands (supported living, Staffordshire); a band is free text so home care can say 'standard'. */
export const COMPLEXITY_BANDS = ['less_complex', 'complex', 'highly_complex', 'standard'] as const;

import { z } from 'zod';

/** The words of joint procurement, as stored (snake_case) and as shown to people. */

export const SERVICE_TYPES = ['extra_care', 'supported_living', 'shared_lives', 'home_care', 'residential_nursing', 'other'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  extra_care: 'Extra Care care and support',
  supported_living: 'Supported living',
  shared_lives: 'Shared Lives',
  home_care: 'Home care',
  residential_nursing: 'Residential and nursing care',
  other: 'Other',
};

export const ROUTES = ['pdps', 'dps', 'dynamic_market', 'framework', 'framework_closed', 'block_contract', 'open_tender'] as const;
export type Route = (typeof ROUTES)[number];
export const ROUTE_LABELS: Record<Route, string> = {
  pdps: 'Pseudo dynamic purchasing system (PDPS)',
  dps: 'Dynamic purchasing system (DPS)',
  dynamic_market: 'Dynamic market (Procurement Act 2023)',
  framework: 'Framework agreement (open, reopenable)',
  framework_closed: 'Framework agreement (closed)',
  block_contract: 'Block contract',
  open_tender: 'Open tender',
};
/** Routes whose approved list takes new providers at any time while live. */
export const ALWAYS_OPEN_ROUTES: readonly Route[] = ['pdps', 'dps', 'dynamic_market'];

export const REGIMES = ['pcr_2015_light_touch', 'procurement_act_2023', 'provider_selection_regime'] as const;
export type Regime = (typeof REGIMES)[number];
export const REGIME_LABELS: Record<Regime, string> = {
  pcr_2015_light_touch: 'Public Contracts Regulations 2015 (light-touch regime)',
  procurement_act_2023: 'Procurement Act 2023',
  provider_selection_regime: 'Provider Selection Regime',
};

export const PROCUREMENT_STATUSES = ['draft', 'market_engagement', 'published', 'evaluation', 'award_approval', 'live', 'closed', 'cancelled'] as const;
export type ProcurementStatus = (typeof PROCUREMENT_STATUSES)[number];
export const PROCUREMENT_STATUS_LABELS: Record<ProcurementStatus, string> = {
  draft: 'Draft',
  market_engagement: 'Market engagement',
  published: 'Published (open for applications)',
  evaluation: 'Evaluation',
  award_approval: 'Award approval',
  live: 'Live',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const LOT_BASES = ['geography', 'complexity', 'client_group', 'scheme'] as const;
export type LotBasis = (typeof LOT_BASES)[number];
export const LOT_BASIS_LABELS: Record<LotBasis, string> = {
  geography: 'Geography (zone or locality)',
  complexity: 'Complexity of need',
  client_group: 'Client group',
  scheme: 'Named scheme',
};

export const VOLUME_UNITS = ['people', 'units', 'hours_per_week'] as const;
export type VolumeUnit = (typeof VOLUME_UNITS)[number];
export const VOLUME_UNIT_LABELS: Record<VolumeUnit, string> = { people: 'people', units: 'units', hours_per_week: 'hours a week' };

export const CRITERION_KINDS = ['quality', 'price', 'social_value'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export const CRITERION_KIND_LABELS: Record<CriterionKind, string> = { quality: 'Quality', price: 'Price', social_value: 'Social value' };

export const CQC_RATINGS = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'not_yet_rated'] as const;
export type CqcRating = (typeof CQC_RATINGS)[number];
export const CQC_RATING_LABELS: Record<CqcRating, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  not_yet_rated: 'Not yet rated',
};

export const APPROVED_LIST_STATUSES = ['active', 'suspended', 'removed'] as const;
export type ApprovedListStatus = (typeof APPROVED_LIST_STATUSES)[number];
export const APPROVED_LIST_ACTIONS = ['admitted', 'suspended', 'reinstated', 'removed'] as const;
export type ApprovedListAction = (typeof APPROVED_LIST_ACTIONS)[number];

export const APPLICATION_STATUSES = ['received', 'admitted', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const serviceType = z.enum(SERVICE_TYPES, { message: 'Choose a service type' });
export const route = z.enum(ROUTES, { message: 'Choose a procurement route' });
export const regime = z.enum(REGIMES, { message: 'Choose the procurement regime' });
export const procurementStatus = z.enum(PROCUREMENT_STATUSES, { message: 'Choose a stage' });
export const lotBasis = z.enum(LOT_BASES, { message: 'Choose what the lot is based on' });
export const volumeUnit = z.enum(VOLUME_UNITS, { message: 'Choose a unit for the volume' });
export const criterionKind = z.enum(CRITERION_KINDS, { message: 'Choose quality, price or social value' });
export const cqcRating = z.enum(CQC_RATINGS, { message: 'Choose a CQC rating' });
